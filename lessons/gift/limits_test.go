package gift

import (
	"strings"
	"testing"
)

func TestFileSizeLimit(t *testing.T) {
	// A file of exactly MaxFileBytes is read (questions long enough to stay
	// within MaxQuestions).
	q := "A question long enough that four mebibytes hold fewer than twenty thousand of them" + strings.Repeat(", and more", 20) + ".{T}\n\n"
	src := strings.Repeat(q, MaxFileBytes/len(q))
	src += strings.Repeat(" ", MaxFileBytes-len(src))
	qs, ps := Parse([]byte(src))
	if len(ps) != 0 || len(qs) != MaxFileBytes/len(q) {
		t.Fatalf("at the limit: %d questions, problems %v", len(qs), ps)
	}
	// One byte more is refused as a whole.
	qs, ps = Parse([]byte(src + " "))
	if qs != nil || len(ps) != 1 || ps[0].Line != 1 || !strings.Contains(ps[0].Message, "more than the limit of 4194304 (4 MiB)") {
		t.Fatalf("over the limit: %d questions, problems %v", len(qs), ps)
	}
	checkMessage(t, ps[0].Message)
}

func TestAnswerLimit(t *testing.T) {
	answers := func(n int, sep string) string {
		return "Q{" + strings.Repeat(sep+"a ", n) + "}"
	}
	q := parseOne(t, answers(MaxAnswers, "="))
	if len(q.Answers) != MaxAnswers {
		t.Errorf("got %d answers", len(q.Answers))
	}
	parseProblem(t, answers(MaxAnswers+1, "="), 1, "more than 10000 answers")
	// Text before the first separator is an answer too.
	parseProblem(t, "Q{a"+strings.Repeat(" =a", MaxAnswers)+"}", 1, "more than 10000 answers")
	parseProblem(t, "Q{=x "+strings.Repeat("~a ", MaxAnswers)+"}", 1, "more than 10000 answers")
	parseProblem(t, "Q{=a->1 "+strings.Repeat("=b->2 ", MaxAnswers)+"}", 1, "more than 10000 answers")
	parseProblem(t, "Q{#"+strings.Repeat("=1 ", MaxAnswers+1)+"}", 1, "more than 10000 answers")

	// A hostile block of separators is refused (BenchmarkParseHostile
	// times it).
	parseProblem(t, "Q{="+strings.Repeat("~", MaxFileBytes-10)+"}", 1, "more than 10000 answers")
}

func TestInvalidUTF8(t *testing.T) {
	qs, ps := Parse([]byte("Good{T}\n\nAlso good{F}\nbad \xff byte{T}"))
	if qs != nil || len(ps) != 1 || ps[0].Line != 4 || !strings.Contains(ps[0].Message, "not UTF-8") {
		t.Fatalf("got %v, %v", qs, ps)
	}
	checkMessage(t, ps[0].Message)
	// A valid U+FFFD is not an error.
	if q := parseOne(t, "Replacement \uFFFD character{T}"); q.Text != "Replacement \uFFFD character" {
		t.Errorf("text %q", q.Text)
	}
}

// TestQuoteInMessages: text quoted in a message is cut short and cannot
// carry control characters to the terminal.
func TestQuoteInMessages(t *testing.T) {
	p := parseProblem(t, "Q{#\x1b[31m"+strings.Repeat("x", 100)+"}", 1, "is not a number")
	if strings.ContainsRune(p.Message, 0x1b) || !strings.Contains(p.Message, `\x1b[31m`) || !strings.Contains(p.Message, "x…") {
		t.Errorf("message %q", p.Message)
	}
}

func TestEncodeDecode(t *testing.T) {
	if enc := encode(`\:\#\=\{\}\~\n`); strings.ContainsAny(enc, "{}~=#:\n") || len(enc) != 7 {
		t.Errorf("escapes encoded as %q", enc)
	}
	for _, s := range []string{"", "plain", `\`, `\\`, `a\:b\#c\=d\{e\}f\~g\nh\\i\j`, `\\\:`, "ünï\\:cødé"} {
		dec := decode(encode(s))
		want := strings.NewReplacer(`\\`, `\`, `\:`, ":", `\#`, "#", `\=`, "=", `\{`, "{", `\}`, "}", `\~`, "~", `\n`, "\n").Replace(s)
		if dec != want {
			t.Errorf("decode(encode(%q)) = %q, want %q", s, dec, want)
		}
		if indexPlaceholder(dec) >= 0 {
			t.Errorf("decode(encode(%q)) = %q holds a placeholder", s, dec)
		}
	}
}

func TestQuestionLimit(t *testing.T) {
	src := strings.Repeat("Q{T}\n\n", MaxQuestions+5)
	qs, ps := Parse([]byte(src))
	if len(qs) != MaxQuestions || len(ps) != 1 || ps[0].Line != 2*MaxQuestions+1 || !strings.Contains(ps[0].Message, "more than 20000 questions") {
		t.Fatalf("%d questions, problems %v", len(qs), ps)
	}
	checkMessage(t, ps[0].Message)
}

func TestProblemLimit(t *testing.T) {
	src := strings.Repeat("Q{~only}\n\n", 500)
	qs, ps := Parse([]byte(src))
	if qs != nil || len(ps) != MaxProblems+1 || !strings.Contains(ps[MaxProblems].Message, "more than 100 problems") {
		t.Fatalf("%d questions, %d problems", len(qs), len(ps))
	}
	checkMessage(t, ps[MaxProblems].Message)
}
