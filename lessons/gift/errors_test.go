package gift

import (
	"strings"
	"testing"
)

// TestErrorsFixture checks that each block of gift-errors.gift is refused
// with a problem on its own line and gives no question.
func TestErrorsFixture(t *testing.T) {
	want := []struct {
		item string
		line int
		part string
	}{
		{"ERR-1", 3, `"{" on this line is never closed with "}"`},
		{"ERR-2", 5, "needs at least 2 answers, but this one has 1"},
		{"ERR-3", 7, `pair 2 ("b") has no "->"`},
		// Moodle accepts {#abc} as the answer "*"; Parse refuses it.
		{"ERR-4", 9, `"abc" is not a number`},
	}
	for source, src := range fixtureSources(t, "gift-errors.gift") {
		t.Run(source, func(t *testing.T) {
			qs, ps := Parse(src)
			if len(qs) != 0 {
				t.Errorf("got %d questions, want none: %+v", len(qs), qs)
			}
			if len(ps) != len(want) {
				t.Fatalf("got %d problems, want %d: %v", len(ps), len(want), ps)
			}
			for i, w := range want {
				if ps[i].Line != w.line || !strings.Contains(ps[i].Message, w.part) {
					t.Errorf("%s: got %v, want line %d with %q", w.item, ps[i], w.line, w.part)
				}
				checkMessage(t, ps[i].Message)
			}
		})
	}
}

// TestColonQuirkFixture: Moodle accepts an unescaped ":" outside numerical
// answers (gift-pegjs 1.0.2 rejects both blocks). Parse follows Moodle, so
// that banks exported from or written for Moodle read the same here.
func TestColonQuirkFixture(t *testing.T) {
	want := []Question{
		{
			Line: 4, Name: "Q-colon-feedback", Text: "Public Wi-Fi is safe.", Kind: TrueFalse, TrueFalse: false,
			FeedbackWrong: "Wrong: it can be intercepted.", FeedbackRight: "Correct: use the VPN.",
		},
		{Line: 6, Name: "Q-colon-description", Text: "**Section 2:** Passwords.", Kind: Description},
	}
	for source, src := range fixtureSources(t, "gift-colon-quirk.gift") {
		t.Run(source, func(t *testing.T) {
			qs, ps := Parse(src)
			if len(ps) != 0 {
				t.Errorf("problems: %v", ps)
			}
			if len(qs) != len(want) {
				t.Fatalf("got %d questions, want %d", len(qs), len(want))
			}
			for i := range want {
				checkQuestion(t, qs[i], want[i])
			}
		})
	}
}

// TestColonInName: a single ":" inside "::name::" does not end the name,
// and "::" only ends it where it appears.
func TestColonInName(t *testing.T) {
	q := parseOne(t, "::Step 1: log in::Is a password enough?{F}")
	if q.Name != "Step 1: log in" || q.Text != "Is a password enough?" {
		t.Errorf("name %q, text %q", q.Name, q.Text)
	}
}
