package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
)

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
func renderLessonCmd(pack *lessons.Pack, l *lessons.Lesson, k renderKey, style ansi.StyleConfig, nextKey string) tea.Cmd {
	return func() tea.Msg {
		out, err := renderLesson(pack, l, k.width, style, nextKey)
		if err != nil {
			return errMsg{err}
		}
		return lessonRenderedMsg{key: k, content: out}
	}
}

func renderLesson(pack *lessons.Pack, l *lessons.Lesson, width int, style ansi.StyleConfig, nextKey string) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(max(width-2, 20)))
	if err != nil {
		return "", fmt.Errorf("render lesson %q: %w", l.ID, err)
	}
	out, err := r.Render(lessonMarkdown(pack, l, nextKey))
	if err != nil {
		return "", fmt.Errorf("render lesson %q: %w", l.ID, err)
	}
	return termsafe.ANSI(strings.TrimRight(out, "\n ")), nil
}

// lessonMarkdown puts a lesson together for reading: title and time, the
// objectives first, the text, then the sources, and what nextKey does at
// the end.
func lessonMarkdown(pack *lessons.Pack, l *lessons.Lesson, nextKey string) string {
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
	b.WriteString("\n\n---\n\n")
	if len(l.Sources) > 0 {
		b.WriteString("## Sources\n\n")
		for _, s := range l.Sources {
			line := escapeMarkdown(s.Title)
			if s.URL != "" {
				line += " " + "<" + s.URL + ">"
			}
			if !s.Checked.IsZero() {
				line += " (checked " + s.Checked.Format("2 January 2006") + ")"
			}
			fmt.Fprintf(&b, "- %s\n", line)
		}
		b.WriteString("\n")
	}
	next := "mark it complete"
	if l.Quiz != nil {
		next = "take the quiz"
	}
	fmt.Fprintf(&b, "*End of the lesson. Press %s to %s.*\n", escapeMarkdown(nextKey), next)
	return b.String()
}

// escapeMarkdown makes pack text literal inside Markdown, so a title with
// an asterisk or a bracket shows as written.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
