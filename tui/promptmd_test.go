package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// TestMarkdownPromptIsRendered: a GIFT question written [markdown] is set
// as lesson text is, its marks turned into styling, and nothing but
// styling reaches the terminal.
func TestMarkdownPromptIsRendered(t *testing.T) {
	c := &common{styles: ThemeStyles(ThemeDark, true)}
	prompt := termsafe.Markdown("**Section 2:** which of these is a *strong* password?\n\n- `applenemobiro`\n- Tr0ub4dor &#27;[2J")
	msg, ok := c.promptCmd([]string{prompt}, 60)().(promptRenderedMsg)
	if !ok {
		t.Fatal("no rendered prompt from the command")
	}
	if before := c.markdownPrompt(prompt, 60); strings.Contains(before, "Section 2: which") {
		t.Errorf("the prompt was rendered before its command ran: %q", before)
	}
	c.keepPrompt(msg)
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

// TestQuizShowsMarkdownPromptRendered: on the quiz screen a [markdown]
// prompt is first shown as written, then, once its command has rendered
// it (never in Update or View), with its marks turned into styling; a
// narrower window renders it again for the new width.
func TestQuizShowsMarkdownPromptRendered(t *testing.T) {
	pack := loadTestPack(t)
	l, ok := pack.Lesson("passwords")
	if !ok || l.Quiz == nil || len(l.Quiz.Questions) == 0 {
		t.Fatal("the test pack has no passwords quiz")
	}
	for i := range l.Quiz.Questions {
		l.Quiz.Questions[i].Markdown, l.Quiz.Questions[i].Prompt = true, "Which is the **strongest** choice?"
	}
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "graduate", testNow); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, 80, 24, store, pack, "Sam Patel")
	h.send(startQuizMsg{lessonID: "passwords"})
	h.requireScreen("Which is the strongest choice?")
	if strings.Contains(h.screen(), "**") {
		t.Errorf("the prompt's marks are on screen:\n%s", h.screen())
	}
	rendered := len(h.m.c.prompts)
	h.send(tea.WindowSizeMsg{Width: 70, Height: 24})
	h.requireScreen("Which is the strongest choice?")
	if len(h.m.c.prompts) != rendered+1 {
		t.Errorf("the new width was not rendered: %d renderings, had %d", len(h.m.c.prompts), rendered)
	}
}
