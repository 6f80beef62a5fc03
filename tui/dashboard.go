package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/lessons"
)

// dashboardModel is the learner's progress at a glance: their required
// training, their path's modules, an activity calendar, streaks, review cards due, time spent
// and what to do next.
type dashboardModel struct {
	plainScreen
	c   *common
	act learner.Activity
	vp  viewport.Model
}

// showDashboardMsg asks the root for the dashboard.
type showDashboardMsg struct{}

func newDashboard(c *common) dashboardModel {
	m := dashboardModel{c: c, act: c.learner.Activity(c.now()), vp: viewport.New()}
	return m.layout()
}

// resize lays the dashboard out again.
func (m dashboardModel) resize() (screen, tea.Cmd) { return m.layout(), nil }

// crumbs names the screen.
func (m dashboardModel) crumbs() []string { return []string{"Dashboard"} }

func (m dashboardModel) layout() dashboardModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.vp.SetContent(m.content())
	return m
}

// update scrolls (on a small window) and goes back.
func (m dashboardModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok && (key.Matches(msg, k.Back) || key.Matches(msg, k.Dashboard)) {
		return m, send(backMsg{})
	}
	return m, nil
}

func (m dashboardModel) keys() helpKeys {
	k := m.c.keys
	back := relabel(k.Back, "home")
	return helpKeys{
		short: []key.Binding{back, k.Scroll, k.Help, k.Quit},
		full:  [][]key.Binding{{back, k.Up, k.Down, k.PageUp, k.PageDown}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

// calendarWidth is the width of the calendar: a weekday name, then two
// columns a week.
const calendarWidth = 3 + 2*learner.CalendarWeeks

func (m dashboardModel) content() string {
	c, s := m.c, m.c.styles
	l := c.learner
	width := c.bodyWidth()
	done, total := l.PathProgress()
	pathTitle := "All modules"
	if p, ok := c.pack.Path(l.Audience()); ok {
		pathTitle = p.Title
	}
	var b strings.Builder
	b.WriteString(s.Title.Render("Your progress") + "\n")
	b.WriteString(wrap(s.Muted.Render(fmt.Sprintf("%s · %s · %d of %s complete", c.pack.Title, pathTitle, done, plural(total, "lesson", "lessons"))), width) + "\n\n")
	if req := requiredLines(c, width); req != nil {
		b.WriteString(strings.Join(req, "\n") + "\n\n")
	}

	// Modules, calendar and figures side by side on a wide window; the
	// figures below on a standard one; all one above the other on a
	// narrow one.
	const gap, statsWidth = 3, 36
	layout := 1
	switch {
	case width >= 140:
		layout = 3
	case width >= 66:
		layout = 2
	}
	modulesWidth := width
	switch layout {
	case 3:
		modulesWidth = width - calendarWidth - statsWidth - 2*gap
	case 2:
		modulesWidth = width - calendarWidth - gap
	}
	space := strings.Repeat(" ", gap)
	modules, calendar := m.modulesView(modulesWidth), m.calendarView()
	switch layout {
	case 3:
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, modules, space, calendar, space, m.statsView(statsWidth)))
	case 2:
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, modules, space, calendar) + "\n\n" + m.statsView(width))
	default:
		b.WriteString(modules + "\n\n" + calendar + "\n\n" + m.statsView(width))
	}
	return b.String()
}

// modulesView lists the path's modules: status mark, progress bar,
// lessons done and the average of their best quiz scores. A wide window
// gets longer bars and the status in words.
func (m dashboardModel) modulesView(width int) string {
	c, s := m.c, m.c.styles
	l := c.learner
	longest := 0
	for _, mod := range l.Modules() {
		longest = max(longest, lipgloss.Width(mod.Title))
	}
	barWidth := min(10+max(0, (width-60)/3), 20)
	const word = 13                           // "  in progress"
	fixed := 2 + 1 + barWidth + 1 + 5 + 1 + 4 // mark, gaps, bar, count, score
	showWord := width >= longest+fixed+word
	// A title that does not fit beside its bar goes on a line of its own,
	// whole, with the figures under it.
	twoLines := longest > width-fixed
	titleWidth := longest
	if twoLines {
		titleWidth = 0
	}
	var b strings.Builder
	columns := s.Muted.Render(strings.Repeat(" ", barWidth+1) + pad("done", 6) + "avg best")
	if twoLines {
		// The figures are under the titles, two columns in.
		b.WriteString(s.Subtitle.Render("Modules") + "\n  " + columns + "\n")
	} else {
		b.WriteString(s.Subtitle.Render(pad("Modules", titleWidth+3)) + columns + "\n")
	}
	for _, mod := range l.Modules() {
		mdone, mtotal := l.ModuleProgress(mod)
		mark, status := statusMark(s, l.ModuleStatus(mod))
		figures := fmt.Sprintf("%s %s %s", bar(s, mdone, mtotal, barWidth), pad(fmt.Sprintf("%d/%d", mdone, mtotal), 5), bestScore(l, mod))
		if twoLines {
			fmt.Fprintf(&b, "%s %s\n  %s", mark, wrap(mod.Title, width-2), figures)
		} else {
			fmt.Fprintf(&b, "%s %s %s", mark, pad(mod.Title, titleWidth), figures)
		}
		if showWord {
			b.WriteString("  " + s.Muted.Render(status))
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// bestScore is the average of the best quiz scores of a module's lessons
// that have one, or a dash.
func bestScore(l *learner.Progress, mod *lessons.Module) string {
	sum, n := 0, 0
	for _, id := range mod.LessonIDs {
		if rec := l.Lessons[id]; rec.Scored {
			sum += rec.BestScore
			n++
		}
	}
	if n == 0 {
		return "  – "
	}
	return fmt.Sprintf("%3d%%", score.Percent(float64(sum), float64(100*n)))
}

// calendarView draws the last twelve weeks, a cell a day, with a legend.
func (m dashboardModel) calendarView() string {
	s := m.c.styles
	var b strings.Builder
	b.WriteString(s.Subtitle.Render(fmt.Sprintf("Last %d weeks", learner.CalendarWeeks)) + "\n")
	names := [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	weeks := len(m.act.Calendar) / 7
	for row := range 7 {
		b.WriteString(s.Muted.Render(names[row]))
		for week := range weeks {
			d := m.act.Calendar[week*7+row]
			cell := " "
			if !d.Future {
				cell = s.Heat[d.Level].Render(learner.LevelGlyphs[d.Level])
			}
			b.WriteString(" " + cell)
		}
		b.WriteString("\n")
	}
	legend := s.Muted.Render("Less")
	for level, glyph := range learner.LevelGlyphs {
		legend += " " + s.Heat[level].Render(glyph)
	}
	b.WriteString(legend + " " + s.Muted.Render("More"))
	return b.String()
}

// statsView gives the figures: streaks, cards due, time spent this week,
// and what to do next.
func (m dashboardModel) statsView(width int) string {
	c, s := m.c, m.c.styles
	var b strings.Builder
	b.WriteString(s.Subtitle.Render("At a glance") + "\n")
	label := func(text string) string { return s.Muted.Render(pad(text, 12)) }
	b.WriteString(label("Streak") + fmt.Sprintf("%s, longest %s", plural(m.act.Streak, "day", "days"), plural(m.act.LongestStreak, "day", "days")) + "\n")
	b.WriteString(label("Review") + fmt.Sprintf("%s due today, %d this week", plural(c.due.Today, "card", "cards"), c.due.Week) + "\n")
	week := "no learning yet"
	if m.act.ThisWeek > 0 {
		week = learner.FormatDuration(m.act.ThisWeek) + " of learning"
	}
	b.WriteString(label("This week") + week + "\n")
	next := "your path is complete"
	if l := c.learner.Next(); l != nil {
		next = l.Title
	}
	b.WriteString(truncate(label("Next")+next, width))
	return b.String()
}

// view draws the dashboard.
func (m dashboardModel) view() string { return viewportView(m.c.styles, m.vp) }
