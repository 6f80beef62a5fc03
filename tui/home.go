package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// homeModel is the learner's home: their required training first, then
// "continue where you left off", their path's modules with progress, their
// badges and streak.
type homeModel struct {
	plainScreen
	c      *common
	cursor cursor
	// review is whether the review row was shown when the screen was
	// last laid out, to keep the cursor on the same row when it goes.
	review bool
}

// openModuleMsg asks the root to show a module.
type openModuleMsg struct{ moduleID string }

// continueMsg asks the root to resume the learner's next lesson: its open
// quiz if it has one, otherwise the lesson at the saved position.
type continueMsg struct{ lessonID string }

// showBadgesMsg asks the root to show the badges screen.
type showBadgesMsg struct{}

// showCoursesMsg asks the root for the list of courses (packs).
type showCoursesMsg struct{}

// switchLearnerMsg asks the root for the profile picker, so that someone
// else can use the same computer.
type switchLearnerMsg struct{}

func newHome(c *common) homeModel {
	h := homeModel{c: c}
	h.cursor.n = h.rows()
	h.review = h.reviewRows() == 1
	return h
}

// rows counts the list: the continue (or finished) row, the review row
// when cards are due, then the modules.
func (h homeModel) rows() int { return 1 + h.reviewRows() + len(h.c.learner.Modules()) }

// reviewRows is 1 when the review row is shown: cards are due today.
func (h homeModel) reviewRows() int {
	if h.c.due.Today > 0 {
		return 1
	}
	return 0
}

// resize keeps the cursor in range after progress changes. When the
// review row goes (no cards are due any more), a cursor on it moves to
// Continue, and one on a module stays on that module.
func (h homeModel) resize() (screen, tea.Cmd) {
	review := h.reviewRows() == 1
	switch {
	case h.review && !review && h.cursor.index == 1:
		h.cursor.index = 0
	case h.review && !review && h.cursor.index > 1:
		h.cursor.index--
	case !h.review && review && h.cursor.index > 0:
		h.cursor.index++
	}
	h.review = review
	h.cursor.n = h.rows()
	h.cursor.index = min(h.cursor.index, h.cursor.n-1)
	return h, nil
}

// crumbs is empty: home is the top of the path.
func (h homeModel) crumbs() []string { return nil }

// update handles keys and the mouse wheel.
func (h homeModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := h.c.keys
	if h.cursor.update(msg, k) {
		return h, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Badges):
			return h, send(showBadgesMsg{})
		case key.Matches(msg, k.Switch):
			return h, send(switchLearnerMsg{})
		case key.Matches(msg, k.Courses):
			return h, send(showCoursesMsg{})
		case key.Matches(msg, k.Dashboard):
			return h, send(showDashboardMsg{})
		case key.Matches(msg, k.Team) && seesTeam(h.c.learner.Profile):
			return h, send(showTeamMsg{})
		case key.Matches(msg, k.Open):
			return h, h.open()
		}
	}
	return h, nil
}

func (h homeModel) open() tea.Cmd {
	i := h.cursor.index
	switch {
	case i == 0:
		if next := h.c.learner.Next(); next != nil {
			return send(continueMsg{lessonID: next.ID})
		}
		return send(showBadgesMsg{})
	case i == 1 && h.reviewRows() == 1:
		return send(startReviewMsg{})
	}
	return send(openModuleMsg{moduleID: h.c.learner.Modules()[i-1-h.reviewRows()].ID})
}

// send wraps a message in a command.
func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// keys lists the home screen's keys for help. The Team screen's key is
// listed, after open so that it stays on a narrow help line, only for
// those who may open it.
func (h homeModel) keys() helpKeys {
	k := h.c.keys
	open := relabel(k.Open, "open")
	screens := []key.Binding{open, k.Dashboard, k.Badges, k.Courses, k.Switch}
	if seesTeam(h.c.learner.Profile) {
		screens = slices.Insert(screens, 1, k.Team)
	}
	return helpKeys{
		short: append(slices.Clone(screens), k.Help, k.Quit),
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, screens, {k.Help, k.Quit, k.ForceQuit}},
	}
}

// view draws the home screen, scrolled to keep the row under the cursor
// in sight on a small window.
func (h homeModel) view() string {
	c, s := h.c, h.c.styles
	l := c.learner
	width := c.bodyWidth()
	done, total := l.PathProgress()
	pathTitle := "All modules"
	if p, ok := c.pack.Path(l.Audience()); ok {
		pathTitle = p.Title
	}
	var lines []string
	add := func(text string) { lines = append(lines, strings.Split(text, "\n")...) }
	from, to := 0, 0 // the lines of the row under the cursor
	addRow := func(i int, text string) {
		if i == h.cursor.index {
			from = len(lines)
		}
		add(text)
		if i == h.cursor.index {
			to = len(lines) - 1
		}
	}
	greeting := "Welcome back, "
	if len(l.Lessons) == 0 {
		greeting = "Welcome, "
	}
	add(s.Title.Render(truncate(greeting+l.Profile.Name, width)))
	add(wrap(s.Muted.Render(fmt.Sprintf("%s · %s · %d of %s complete", c.pack.Title, pathTitle, done, plural(total, "lesson", "lessons"))), width))
	add("")
	if req := requiredLines(c, width); req != nil {
		lines = append(lines, req...)
		add("")
	}
	if next := l.Next(); next != nil {
		mod, _ := c.pack.Module(next.ModuleID)
		addRow(0, row(s, h.cursor.index == 0, s.Subtitle.Render(marks.Continue+" "+h.continueLabel(next)), width)+"\n"+
			"    "+s.Muted.Render(truncate(fmt.Sprintf("%s · about %d min", mod.Title, next.Minutes), width-4)))
	} else {
		addRow(0, row(s, h.cursor.index == 0, s.Correct.Render(marks.Done+" You have finished your path. See your badges"), width))
	}
	add("")
	if h.reviewRows() == 1 {
		addRow(1, row(s, h.cursor.index == 1, s.Subtitle.Render(fmt.Sprintf("%s Review: %s due", marks.Review, plural(c.due.Today, "card", "cards"))), width)+"\n"+
			"    "+s.Muted.Render(truncate("Questions you answered before, asked again before you forget them", width-4)))
		add("")
	}

	// Titles get the room they need; the status word, which repeats the
	// mark and the count, is left out when there is not room for both.
	// When a title does not fit beside its bar, the bar goes below it.
	longest := 0
	for _, m := range l.Modules() {
		longest = max(longest, lipgloss.Width(m.Title))
	}
	const fixed = 2 + 2 + 2 + 10 + 2 + 12 // cursor, mark, gaps, bar, count
	twoLines := longest > width-fixed
	showWord := longest <= width-fixed-2-11
	for i, m := range l.Modules() {
		mdone, mtotal := l.ModuleProgress(m)
		mark, word := statusMark(s, l.ModuleStatus(m))
		figures := fmt.Sprintf("%s  %s", bar(s, mdone, mtotal, 10), pad(fmt.Sprintf("%d/%d lessons", mdone, mtotal), 12))
		selected := h.cursor.index == i+1+h.reviewRows()
		if twoLines {
			addRow(i+1+h.reviewRows(), row(s, selected, mark+" "+m.Title, width)+"\n"+"    "+figures+"  "+word)
			continue
		}
		line := fmt.Sprintf("%s %s  %s", mark, pad(m.Title, longest), figures)
		if showWord {
			line += "  " + word
		}
		addRow(i+1+h.reviewRows(), row(s, selected, line, width))
	}

	pathBadges, _ := l.PathBadges()
	earned := 0
	for _, badge := range pathBadges {
		if _, ok := l.Earned(badge.ID); ok {
			earned++
		}
	}
	streak := l.Streak(c.now())
	facts := []string{
		s.Badge.Render(marks.Earned) + " " + fmt.Sprintf("%d of %s earned", earned, plural(len(pathBadges), "badge", "badges")),
		"Streak: " + plural(streak, "day", "days"),
	}
	if c.due.Week > 0 {
		facts = append(facts, fmt.Sprintf("%s %d due today, %d this week", marks.Review, c.due.Today, c.due.Week))
	}
	add("")
	add(joinFitting(facts, s.Muted.Render("  ·  "), width))
	return windowLines(s, lines, from, to, c.bodyHeight())
}

// joinFitting joins parts with sep on as few lines of width as it can,
// never breaking a part.
func joinFitting(parts []string, sep string, width int) string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case lipgloss.Width(cur+sep+p) <= width:
			cur += sep + p
		default:
			lines = append(lines, cur)
			cur = p
		}
	}
	return strings.Join(append(lines, cur), "\n")
}

// continueLabel says what "continue" will do.
func (h homeModel) continueLabel(next *lessons.Lesson) string {
	rec := h.c.learner.Lessons[next.ID]
	switch {
	case rec.OpenAttempt != 0:
		return "Continue the quiz: " + next.Title
	case rec.Status == progress.InProgress:
		return "Continue reading: " + next.Title
	default:
		return "Start: " + next.Title
	}
}
