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
)

// View implements tea.Model: the header, the active screen (or the help
// overlay) and the help line, in the alternate screen with the mouse wheel
// on.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "Upskill"
	return v
}

func (m *Model) render() string {
	c := m.c
	if c.width == 0 || c.height == 0 {
		return ""
	}
	if c.width < minWidth || c.height < minHeight {
		return m.tooSmall()
	}
	body := m.screens.top().view()
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.packProblems != nil:
		body = m.problemsView()
	}
	// The frame is joined by hand rather than through a Lip Gloss style:
	// styling a whole frame of rendered Markdown costs milliseconds, and
	// every line already fits the width.
	out := m.header() + "\n" + c.styles.Rule.Render(strings.Repeat("─", c.bodyWidth())) + "\n" +
		fitHeight(body, c.bodyHeight()) + "\n" + m.footer()
	indent := strings.Repeat(" ", margin)
	return indent + strings.ReplaceAll(out, "\n", "\n"+indent)
}

// header shows where the learner is, and who they are.
func (m *Model) header() string {
	c, s := m.c, m.c.styles
	who := m.who()
	leftWidth := c.bodyWidth() - lipgloss.Width(who) - 2
	crumbs := fitCrumbs(append([]string{"Upskill"}, m.screens.top().crumbs()...), leftWidth)
	styled := make([]string, len(crumbs))
	for i, cr := range crumbs {
		styled[i] = s.Header.Render(cr)
		if i == len(crumbs)-1 {
			styled[i] = s.Crumb.Render(cr)
		}
	}
	return pad(strings.Join(styled, s.Header.Render(" › ")), leftWidth) + "  " + s.Learner.Render(who)
}

// who names the learner for the header: their name and role in full when
// that leaves the path half the line, else the name alone, cut only when
// even that is too long. Before a learner is chosen (the welcome form for
// someone new, the picker) it is empty.
func (m *Model) who() string {
	c := m.c
	if c.learner == nil || !m.screens.top().showsLearner() {
		return ""
	}
	name := c.learner.Profile.Name
	full := name + " · " + lessons.Audience(c.learner.Profile.Role).Label()
	half := c.bodyWidth() / 2
	switch {
	case lipgloss.Width(full) <= half:
		return full
	case lipgloss.Width(name) <= half:
		return name
	}
	return truncate(name, half)
}

// fitCrumbs shortens a breadcrumb path to width cells. It keeps "Upskill"
// and the last two places, replacing those between with "…", then
// shortens the second-to-last place, and only then the last.
func fitCrumbs(crumbs []string, width int) []string {
	fits := func(c []string) bool { return lipgloss.Width(strings.Join(c, " › ")) <= width }
	if fits(crumbs) || len(crumbs) < 3 {
		return crumbs
	}
	if len(crumbs) > 3 {
		crumbs = []string{crumbs[0], "…", crumbs[len(crumbs)-2], crumbs[len(crumbs)-1]}
		if fits(crumbs) {
			return crumbs
		}
	}
	second := len(crumbs) - 2
	place := crumbs[second]
	crumbs[second] = ""
	if room := width - lipgloss.Width(strings.Join(crumbs, " › ")); room >= 8 {
		crumbs[second] = strings.Replace(truncate(place, room), " …", "…", 1)
		return crumbs
	}
	return []string{crumbs[0], "…", truncate(crumbs[len(crumbs)-1], width-lipgloss.Width("Upskill › … › "))}
}

// footer is the help line, or an error or notice in its place.
func (m *Model) footer() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	switch {
	case m.err != nil:
		return s.Error.Render(truncate(marks.Wrong+" "+m.err.Error(), width))
	case m.notice != "":
		return s.Notice.Render(truncate(m.notice, width))
	case m.showHelp:
		return s.Muted.Render(truncate(fmt.Sprintf("%s %s scroll · any other key closes the help", spoken(m.c.keys.Up), spoken(m.c.keys.Down)), width))
	}
	return m.shortHelp(m.screens.top().keys().ShortHelp(), width)
}

// helpView is the help overlay: every key of the active screen.
func (m *Model) helpView() string {
	s := m.c.styles
	lines, room := m.helpLines()
	off := min(m.helpOffset, maxHelpOffset(len(lines), room))
	body := windowLines(s, lines[off:], 0, 0, room)
	if off > 0 {
		body = s.Muted.Render(moreAbove) + "\n" + windowLines(s, lines[off:], 0, 0, room-1)
	}
	return lipgloss.Place(m.c.bodyWidth(), m.c.bodyHeight(), lipgloss.Center, lipgloss.Center,
		s.Box.Render(s.Title.Render("Keys")+"\n\n"+body))
}

// maxHelpOffset is how far help of n lines scrolls in room lines: until
// its last line shows under the "more above" mark.
func maxHelpOffset(n, room int) int {
	if n <= room {
		return 0
	}
	return n - (room - 1)
}

// helpLines is the help overlay's text, a line a key, wrapped to the
// box, and how many of its lines the box has room for.
func (m *Model) helpLines() (lines []string, room int) {
	s, k := m.c.styles, m.c.keys
	// The box's border and padding take 6 columns and 2 rows.
	inner := max(m.c.bodyWidth()-6, 20)
	keyWidth := 0
	for _, group := range m.screens.top().keys().FullHelp() {
		for _, b := range group {
			keyWidth = max(keyWidth, lipgloss.Width(b.Help().Key))
		}
	}
	for i, group := range m.screens.top().keys().FullHelp() {
		if i > 0 {
			lines = append(lines, "")
		}
		for _, b := range group {
			if !b.Enabled() {
				continue
			}
			desc := wrap(s.Help.FullDesc.Render(b.Help().Desc), max(inner-keyWidth-2, 10))
			for j, d := range strings.Split(desc, "\n") {
				key := strings.Repeat(" ", keyWidth)
				if j == 0 {
					key = s.Help.FullKey.Render(pad(b.Help().Key, keyWidth))
				}
				lines = append(lines, key+"  "+d)
			}
		}
	}
	lines = append(lines, "")
	lines = append(lines, strings.Split(wrap(s.Muted.Render(spoken(k.ForceQuit)+" quits from anywhere. Your progress is saved as you go."), inner), "\n")...)
	// On a small window the keys scroll under the title.
	return lines, max(m.c.bodyHeight()-2-2, 3)
}

// tooSmall asks for a larger window instead of drawing a broken layout.
func (m *Model) tooSmall() string {
	c, s := m.c, m.c.styles
	msg := fmt.Sprintf("Upskill needs a window at least %d columns wide and %d rows high.\nThis one is %d × %d.\n\nMake the window larger, or press %s to quit.",
		minWidth, minHeight, c.width, c.height, spoken(c.keys.Quit))
	return lipgloss.Place(c.width, c.height, lipgloss.Center, lipgloss.Center,
		s.Text.Width(min(c.width, 50)).Render(s.Title.Render("Make the window larger")+"\n\n"+msg))
}

// shortHelp is the help line, fitted to width: when the screen's keys do
// not all fit, the last of its own keys are left out first, and "? help"
// and "q quit", which lead to the rest, stay to the last.
func (m *Model) shortHelp(bindings []key.Binding, width int) string {
	k := m.c.keys
	isApp := func(b key.Binding) bool {
		keys := b.Keys()
		return len(keys) > 0 && (slices.Equal(keys, k.Help.Keys()) || slices.Equal(keys, k.Quit.Keys()) || slices.Equal(keys, k.ForceQuit.Keys()))
	}
	var own, app []key.Binding
	for _, b := range bindings {
		if isApp(b) {
			app = append(app, b)
		} else {
			own = append(own, b)
		}
	}
	h := m.help
	h.SetWidth(0) // fitted here, not cut with an ellipsis
	for n := len(own); ; n-- {
		line := h.ShortHelpView(append(slices.Clone(own[:n]), app...))
		if lipgloss.Width(line) <= width || n == 0 {
			return truncate(line, width)
		}
	}
}
