package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/progress"
)

// Marks that carry meaning in shape and word, never colour alone.
const (
	markDone     = "✓"
	markStarted  = "◐"
	markNew      = "○"
	markCorrect  = "✓"
	markWrong    = "✗"
	markEarned   = "★"
	markLocked   = "☆"
	markCursor   = "›"
	markContinue = "▶"
)

// statusMark returns the mark and word for a lesson or module status,
// styled.
func statusMark(s Styles, st progress.Status) (mark, word string) {
	switch st {
	case progress.Completed:
		return s.Correct.Render(markDone), s.Correct.Render(st.Label())
	case progress.InProgress:
		return s.Progress.Render(markStarted), s.Progress.Render(st.Label())
	default:
		return s.Muted.Render(markNew), s.Muted.Render(st.Label())
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
		return s.Cursor.Render(markCursor) + " " + s.Selected.Render(pad(ansi.Strip(text), width-2))
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

// plural returns "1 lesson" or "2 lessons".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// percent formats a best score.
func percent(rec progress.LessonRecord) string {
	if !rec.Scored {
		return "no score yet"
	}
	return fmt.Sprintf("best %d%%", rec.BestScore)
}

// cursor is the selected row of a list of n rows.
type cursor struct{ index, n int }

func (c *cursor) up()   { c.index = max(c.index-1, 0) }
func (c *cursor) down() { c.index = min(c.index+1, max(c.n-1, 0)) }
func (c *cursor) top()  { c.index = 0 }
func (c *cursor) end()  { c.index = max(c.n-1, 0) }
