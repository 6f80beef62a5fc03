package tui

import (
	"fmt"
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
)

// readingWidth is the widest a lesson's text is set: lines of about 80
// characters are the easiest to read, however wide the window.
const readingWidth = 88

// renderKey names one rendering of a lesson: Glamour's output depends on
// the width and the style.
type renderKey struct {
	pack   string
	lesson string
	width  int
	style  string // Styles.GlamourName
}

// renderCache keeps rendered lessons so that reading, scrolling and coming
// back to a lesson never render it again. Rendering a long lesson takes
// tens of milliseconds; it happens once per lesson, width and style, in a
// command, never in View.
type renderCache map[renderKey]string

// maxRenders bounds the cache: resizing a window through many widths must
// not keep every rendering.
const maxRenders = 16

func (rc *renderCache) put(k renderKey, s string) {
	if *rc == nil || len(*rc) >= maxRenders {
		*rc = renderCache{}
	}
	(*rc)[k] = s
}

// lessonRenderedMsg carries a rendered lesson back to the UI loop.
type lessonRenderedMsg struct {
	key     renderKey
	content string
}

// renderLessonCmd renders a lesson with Glamour off the UI loop. The output
// goes through termsafe.ANSI: Glamour passes some escape sequences through
// and makes others from character references, so only styling and safe
// links may reach the terminal.
//
// nextKey names the key that goes on from the end of the lesson.
func renderLessonCmd(pack *lessons.Pack, l *lessons.Lesson, k renderKey, styles Styles, nextKey string) tea.Cmd {
	return func() tea.Msg {
		out, err := renderLesson(pack, l, k.width, styles, nextKey)
		if err != nil {
			return errMsg{err}
		}
		return lessonRenderedMsg{key: k, content: out}
	}
}

// renderLesson sets a lesson for reading at width: the text by Glamour,
// with list items' wrapped lines indented under their first, then the
// sources, whose addresses are never broken, and what nextKey does.
func renderLesson(pack *lessons.Pack, l *lessons.Lesson, width int, styles Styles, nextKey string) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(styles.Glamour), glamour.WithWordWrap(max(width-2, 20)))
	if err != nil {
		return "", fmt.Errorf("render lesson %q: %w", l.ID, err)
	}
	out, err := r.Render(lessonMarkdown(pack, l))
	if err != nil {
		return "", fmt.Errorf("render lesson %q: %w", l.ID, err)
	}
	text := hangListItems(strings.TrimRight(out, "\n "), max(width-1, 20))
	next := "mark it complete"
	if l.Quiz != nil {
		next = "take the quiz"
	}
	end := " " + styles.Muted.Italic(true).Render(fmt.Sprintf("End of the lesson. Press %s to %s.", nextKey, next))
	return termsafe.ANSI(text + "\n" + sourcesView(l, width, styles) + end), nil
}

// lessonMarkdown puts a lesson together for reading: title and time, the
// objectives first, then the text. The sources follow it (sourcesView).
func lessonMarkdown(pack *lessons.Pack, l *lessons.Lesson) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", escapeMarkdown(l.Title))
	meta := fmt.Sprintf("About %d minutes", l.Minutes)
	if m, ok := pack.Module(l.ModuleID); ok {
		meta += " · " + escapeMarkdown(m.Title)
	}
	if l.Quiz != nil {
		meta += fmt.Sprintf(" · quiz of %d questions", len(l.Quiz.Questions))
	}
	fmt.Fprintf(&b, "*%s*\n\n", meta)
	b.WriteString("**By the end of this lesson you can:**\n\n")
	for _, o := range l.Objectives {
		fmt.Fprintf(&b, "- %s\n", escapeMarkdown(o))
	}
	b.WriteString("\n---\n\n")
	b.WriteString(l.Body)
	b.WriteString("\n\n---\n")
	return b.String()
}

// sourcesView lists a lesson's sources: each title (and when it was
// checked) wrapped, then its address on lines of its own, whole where it
// fits and otherwise broken only after a '/', '?', '&' or '#'. Each piece
// of an address is a hyperlink to the whole of it, where the terminal
// supports links.
func sourcesView(l *lessons.Lesson, width int, s Styles) string {
	if len(l.Sources) == 0 {
		return ""
	}
	const margin, hang = " ", "  "
	var b strings.Builder
	b.WriteString(margin + s.Title.Render("Sources") + "\n\n")
	for _, src := range l.Sources {
		title := src.Title
		if !src.Checked.IsZero() {
			title += " (checked " + src.Checked.Format("2 January 2006") + ")"
		}
		for i, line := range strings.Split(wrap(title, width-len(margin)-len(hang)), "\n") {
			lead := hang
			if i == 0 {
				lead = "• "
			}
			b.WriteString(margin + lead + s.Text.Render(line) + "\n")
		}
		if src.URL != "" && termsafe.AllowedURL(src.URL) {
			link := s.Text.Underline(true).Hyperlink(src.URL)
			for _, piece := range splitAddress(src.URL, width-len(margin)-len(hang)) {
				b.WriteString(margin + hang + link.Render(piece) + "\n")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// splitAddress breaks an address into pieces of at most width cells, only
// after a '/', '?', '&' or '#', so that no piece breaks a word of it. A
// part longer than width between those stays whole.
func splitAddress(url string, width int) []string {
	if lipgloss.Width(url) <= width {
		return []string{url}
	}
	var pieces []string
	cur := ""
	for len(url) > 0 {
		i := strings.IndexAny(url, "/?&#")
		part := url
		if i >= 0 {
			part, url = url[:i+1], url[i+1:]
		} else {
			url = ""
		}
		if cur != "" && lipgloss.Width(cur+part) > width {
			pieces = append(pieces, cur)
			cur = ""
		}
		cur += part
	}
	return append(pieces, cur)
}

// listItem matches the start of a rendered list item: its margin, then a
// bullet or a number.
var listItem = regexp.MustCompile(`^(\s*)(• |\d+\. )`)

// hangListItems indents the wrapped lines of each list item under its
// first line's text, as a book does, instead of under its bullet: Glamour
// starts them at the bullet. An item is re-wrapped to width to make room.
func hangListItems(out string, width int) string {
	lines := strings.Split(out, "\n")
	var b strings.Builder
	for i := 0; i < len(lines); i++ {
		m := listItem.FindStringSubmatch(ansi.Strip(lines[i]))
		if m == nil {
			b.WriteString(lines[i] + "\n")
			continue
		}
		margin := len(m[1])
		// The item's other lines: the next ones at the same margin that
		// are neither blank nor another item.
		j := i + 1
		for j < len(lines) {
			plain := ansi.Strip(lines[j])
			if strings.TrimSpace(plain) == "" || listItem.MatchString(plain) || leadingSpaces(plain) != margin {
				break
			}
			j++
		}
		if j == i+1 {
			b.WriteString(lines[i] + "\n")
			continue
		}
		prefix := lipgloss.Width(m[1] + m[2])
		parts := []string{trimStyledRight(lines[i])}
		for _, l := range lines[i+1 : j] {
			parts = append(parts, trimStyledLeft(trimStyledRight(l), margin))
		}
		wrapped := strings.Split(ansi.Wordwrap(strings.Join(parts, " "), width, ""), "\n")
		b.WriteString(wrapped[0] + "\n")
		if len(wrapped) > 1 {
			rest := ansi.Wordwrap(strings.Join(wrapped[1:], " "), width-prefix, "")
			for _, l := range strings.Split(rest, "\n") {
				b.WriteString(strings.Repeat(" ", prefix) + strings.TrimLeft(l, " ") + "\n")
			}
		}
		i = j - 1
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// trimStyledRight drops the padding Glamour puts at the end of a styled
// line, keeping its styling.
func trimStyledRight(s string) string {
	return ansi.Truncate(s, lipgloss.Width(strings.TrimRight(ansi.Strip(s), " \u00a0")), "")
}

// trimStyledLeft drops n cells of margin from the start of a styled line.
func trimStyledLeft(s string, n int) string { return ansi.TruncateLeft(s, n, "") }

// escapeMarkdown makes pack text literal inside Markdown, so a title with
// an asterisk or a bracket shows as written. An ampersand is written as a
// reference, which Glamour shows as '&' (a backslash before it would show).
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\`*_{}[]<>()#+-.!|~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
