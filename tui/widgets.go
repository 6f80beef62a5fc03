package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/marks"
	pluralpkg "github.com/upskill-council/upskill/internal/plural"
	"github.com/upskill-council/upskill/progress"
)

// statusMark returns the mark and word for a lesson or module status,
// styled.
func statusMark(s Styles, st progress.Status) (mark, word string) {
	switch st {
	case progress.Completed:
		return s.Correct.Render(marks.Done), s.Correct.Render(st.Label())
	case progress.InProgress:
		return s.Progress.Render(marks.InProgress), s.Progress.Render(st.Label())
	default:
		return s.Muted.Render(marks.NotStarted), s.Muted.Render(st.Label())
	}
}

// bar draws a progress bar of width cells. The count beside it says the
// same thing in numbers.
func bar(s Styles, done, total, width int) string {
	if total <= 0 || width <= 0 {
		return ""
	}
	full := done * width / total
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", width-full))
}

// truncate shortens text to width cells, ending with an ellipsis.
func truncate(text string, width int) string {
	return ansi.Truncate(text, max(width, 1), "…")
}

// pad makes text exactly width cells wide, truncating it when longer.
func pad(text string, width int) string {
	text = truncate(text, width)
	if w := lipgloss.Width(text); w < width {
		text += strings.Repeat(" ", width-w)
	}
	return text
}

// wrap word-wraps plain or styled text to width cells.
func wrap(text string, width int) string {
	return lipgloss.NewStyle().Width(max(width, 1)).Render(text)
}

// indent word-wraps text to width cells with every line indented by n
// spaces.
func indent(text string, n, width int) string {
	return lipgloss.NewStyle().PaddingLeft(n).Width(max(width, n+1)).Render(text)
}

// row draws one line of a cursor list: the cursor mark when selected, and
// the selected style across the line.
func row(s Styles, selected bool, text string, width int) string {
	if selected {
		return s.Cursor.Render(marks.Cursor) + " " + s.Selected.Render(pad(ansi.Strip(text), width-2))
	}
	return "  " + truncate(text, width-2)
}

// fitHeight pads or cuts text to exactly height lines.
func fitHeight(text string, height int) string {
	lines := strings.Split(text, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// plural returns "1 lesson" or "2 lessons", by the language's plural
// rules.
func plural(n int, one, many string) string { return pluralpkg.Count(n, one, many) }

// percent formats a best score.
func percent(rec progress.LessonRecord) string {
	if !rec.Scored {
		return "no score yet"
	}
	return fmt.Sprintf("best %d%%", rec.BestScore)
}

// cursor is the selected row of a list of n rows.
type cursor struct{ index, n int }

// update moves the cursor for the movement keys and the mouse wheel, and
// reports whether msg was one of them.
func (c *cursor) update(msg tea.Msg, k keyMap) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			c.up()
		case key.Matches(msg, k.Down):
			c.down()
		case key.Matches(msg, k.Top):
			c.top()
		case key.Matches(msg, k.Bottom):
			c.end()
		default:
			return false
		}
		return true
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			c.up()
		case tea.MouseWheelDown:
			c.down()
		}
		return true
	}
	return false
}

// scroll moves a viewport for the scrolling keys and the mouse wheel, and
// reports whether msg was one of them.
func scroll(vp *viewport.Model, msg tea.Msg, k keyMap) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			vp.ScrollDown(1)
		case key.Matches(msg, k.PageUp):
			vp.PageUp()
		case key.Matches(msg, k.PageDown):
			vp.PageDown()
		case key.Matches(msg, k.Top):
			vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			vp.GotoBottom()
		default:
			return false
		}
		return true
	case tea.MouseWheelMsg:
		*vp, _ = vp.Update(msg)
		return true
	}
	return false
}

func (c *cursor) up()   { c.index = max(c.index-1, 0) }
func (c *cursor) down() { c.index = min(c.index+1, max(c.n-1, 0)) }
func (c *cursor) top()  { c.index = 0 }
func (c *cursor) end()  { c.index = max(c.n-1, 0) }

// windowLines shows the part of lines that fits in height, keeping lines
// from to to (the row under the cursor) in sight. When lines are hidden
// above or below, a line says so ("↑ more above", "↓ more below") in
// place of one of them, so a learner always knows there is more.
func windowLines(s Styles, lines []string, from, to, height int) string {
	if len(lines) <= height || height < 3 {
		return strings.Join(lines, "\n")
	}
	top := 0
	for {
		avail := height
		if top > 0 {
			avail--
		}
		below := top+avail < len(lines)
		if below {
			avail--
		}
		if to < top+avail || top >= from {
			out := slices.Clone(lines[top : top+avail])
			if top > 0 {
				out = append([]string{s.Muted.Render(moreAbove)}, out...)
			}
			if below {
				out = append(out, s.Muted.Render(moreBelow))
			}
			return strings.Join(out, "\n")
		}
		top++
	}
}

// The marks of hidden text above and below.
const (
	moreAbove = "↑ more above"
	moreBelow = "↓ more below"
)

// viewportView draws a viewport, with its last line saying "↓ more
// below" while there is text past it, and its first "↑ more above" once
// it has scrolled.
func viewportView(s Styles, vp viewport.Model) string {
	out := strings.Split(vp.View(), "\n")
	if vp.TotalLineCount() <= vp.Height() || len(out) < 3 {
		return strings.Join(out, "\n")
	}
	if !vp.AtTop() {
		out[0] = s.Muted.Render(moreAbove)
	}
	if !vp.AtBottom() {
		out[len(out)-1] = s.Muted.Render(moreBelow)
	}
	return strings.Join(out, "\n")
}
