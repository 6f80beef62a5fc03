package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

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

// markdownPrompt is a question's Markdown prompt (a GIFT question
// written [markdown]) as rendered for width, or the prompt as written
// while its rendering is not ready yet (promptCmd makes it).
func (c *common) markdownPrompt(text string, width int) string {
	if out, ok := c.prompts[c.promptKey(text, width)]; ok {
		return out
	}
	return c.styles.Text.Render(text)
}

// promptKey names text's rendering at width in the theme's style.
func (c *common) promptKey(text string, width int) promptKey {
	return promptKey{text: text, width: width, style: c.styles.GlamourName}
}

// promptRenderedMsg brings a rendered Markdown prompt to the root, which
// keeps it (common.prompts) and lays the screen out again.
type promptRenderedMsg struct {
	key promptKey
	out string
}

// promptCmd renders each of texts not yet rendered at width, in a
// command: rendering runs Glamour, which is slow work for Update.
func (c *common) promptCmd(texts []string, width int) tea.Cmd {
	var cmds []tea.Cmd
	for _, text := range texts {
		k := c.promptKey(text, width)
		if _, ok := c.prompts[k]; ok {
			continue
		}
		style, fallback := c.styles.Glamour, c.styles.Text.Render(text)
		cmds = append(cmds, func() tea.Msg {
			return promptRenderedMsg{key: k, out: renderMarkdownPrompt(text, width, style, fallback)}
		})
	}
	return tea.Batch(cmds...)
}

// keepPrompt stores a rendered prompt; the root calls it.
func (c *common) keepPrompt(msg promptRenderedMsg) {
	if c.prompts == nil || len(c.prompts) >= maxRenders {
		c.prompts = map[promptKey]string{}
	}
	c.prompts[msg.key] = msg.out
}

// renderMarkdownPrompt renders a prompt at width as lesson text is
// rendered: by Glamour in the theme's style, then through termsafe.ANSI,
// so that only styling and safe links reach the terminal. Glamour's
// margin is taken off, since the quiz indents pack text itself. A prompt
// is short and bounded by the pack's limits on marks and nesting. If
// Glamour fails, the prompt is shown as written (fallback).
func renderMarkdownPrompt(text string, width int, style glamourStyle, fallback string) string {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(max(width, 20)))
	if err != nil {
		return fallback
	}
	rendered, err := r.Render(text)
	if err != nil {
		return fallback
	}
	return termsafe.ANSI(trimMargin(strings.Trim(rendered, "\n")))
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
