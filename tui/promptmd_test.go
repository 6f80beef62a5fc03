package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// TestMarkdownPromptIsRendered: a GIFT question written [markdown] is set
// as lesson text is, its marks turned into styling, and nothing but
// styling reaches the terminal.
func TestMarkdownPromptIsRendered(t *testing.T) {
	c := &common{styles: ThemeStyles(ThemeDark, true)}
	prompt := termsafe.Markdown("**Section 2:** which of these is a *strong* password?\n\n- `applenemobiro`\n- Tr0ub4dor &#27;[2J")
	out := c.markdownPrompt(prompt, 60)
	plain := ansi.Strip(out)
	for _, want := range []string{"Section 2: which of these is a strong password?", "applenemobiro", "• Tr0ub4dor &#27;[2J"} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendered prompt lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "**") || strings.Contains(plain, "`") || strings.HasPrefix(plain, " ") {
		t.Errorf("marks or Glamour's margin left in the prompt:\n%s", plain)
	}
	if out != termsafe.ANSI(out) || strings.Contains(out, "\x1b[2J") {
		t.Errorf("the prompt holds sequences other than styling: %q", out)
	}
}
