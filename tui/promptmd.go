package tui

import (
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// promptKey names one rendering of a Markdown question prompt.
type promptKey struct {
	text  string
	width int
	style string // Styles.GlamourName
}

// markdownPrompt renders a question's Markdown prompt (a GIFT question
// written [markdown]) at width, as lesson text is rendered: by Glamour in
// the theme's style, then through termsafe.ANSI, so that only styling and
// safe links reach the terminal. Glamour's margin is taken off, since the
// quiz indents pack text itself. A prompt is short and bounded by the
// pack's limits on marks and nesting; each rendering is kept, so a
// question is rendered once per width and style.
func (c *common) markdownPrompt(text string, width int) string {
	k := promptKey{text: text, width: width, style: c.styles.GlamourName}
	if out, ok := c.prompts[k]; ok {
		return out
	}
	out := c.styles.Text.Render(text)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(c.styles.Glamour), glamour.WithWordWrap(max(width, 20)))
	if err == nil {
		if rendered, err := r.Render(text); err == nil {
			out = termsafe.ANSI(trimMargin(strings.Trim(rendered, "\n")))
		}
	}
	if c.prompts == nil || len(c.prompts) >= maxRenders {
		c.prompts = map[promptKey]string{}
	}
	c.prompts[k] = out
	return out
}

// trimMargin takes off the left margin all of Glamour's lines share.
func trimMargin(s string) string {
	lines := strings.Split(s, "\n")
	margin := -1
	for _, l := range lines {
		plain := ansi.Strip(l)
		if strings.TrimSpace(plain) == "" {
			continue
		}
		if n := leadingSpaces(plain); margin < 0 || n < margin {
			margin = n
		}
	}
	if margin <= 0 {
		return s
	}
	for i, l := range lines {
		lines[i] = trimStyledRight(trimStyledLeft(l, margin))
	}
	return strings.Join(lines, "\n")
}
