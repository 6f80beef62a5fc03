package gift

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks Parse's promises on any input. Its seed corpus, in
// testdata/fuzz/FuzzParse, holds the fixtures split into blocks, edge
// cases, and any input that once broke Parse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		qs, ps := Parse(src)
		checkInvariants(t, src, qs, ps)

		// Parsing is deterministic.
		qs2, ps2 := Parse(src)
		if !reflect.DeepEqual(qs, qs2) || !reflect.DeepEqual(ps, ps2) {
			t.Fatal("two parses of the same input differ")
		}
		// CRLF and CR line ends read as LF does.
		if !bytes.ContainsRune(src, '\r') && 2*len(src) <= MaxFileBytes {
			for _, nl := range []string{"\r\n", "\r"} {
				qs3, ps3 := Parse(bytes.ReplaceAll(src, []byte("\n"), []byte(nl)))
				if !reflect.DeepEqual(qs, qs3) || !reflect.DeepEqual(ps, ps3) {
					t.Fatalf("line ends %q read differently from \"\\n\"", nl)
				}
			}
		}
	})
}

// countLines counts the lines of src as Parse does: "\n", "\r\n" and a
// lone "\r" each end one.
func countLines(src []byte) int {
	n := 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			n++
		case '\n':
			n++
		}
	}
	return n
}

func checkInvariants(t *testing.T, src []byte, qs []Question, ps []Problem) {
	t.Helper()
	lines := countLines(src)
	for _, p := range ps {
		if p.Line < 1 || p.Line > lines {
			t.Errorf("problem on line %d of %d: %s", p.Line, lines, p.Message)
		}
		if p.Message == internalError {
			t.Errorf("a fault was recovered on line %d", p.Line)
		}
		if p.Message == "" || strings.HasSuffix(p.Message, ".") || !utf8.ValidString(p.Message) || strings.ContainsFunc(p.Message, isControl) {
			t.Errorf("bad message %q", p.Message)
		}
	}
	if !utf8.Valid(bytes.TrimPrefix(src, []byte("\uFEFF"))) && len(qs) != 0 {
		t.Errorf("%d questions from a file that is not UTF-8", len(qs))
	}
	prev := 0
	for _, q := range qs {
		if q.Line < 1 || q.Line > lines || q.Line <= prev {
			t.Errorf("question on line %d (previous %d) of %d", q.Line, prev, lines)
		}
		prev = q.Line
		checkQuestionInvariants(t, q)
	}
}

// isControl reports the characters a message must never carry.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

func checkQuestionInvariants(t *testing.T, q Question) {
	t.Helper()
	texts := []string{q.Category, q.Name, q.IDNumber, q.Text, q.FeedbackWrong, q.FeedbackRight, q.GeneralFeedback}
	texts = append(texts, q.Tags...)
	for _, a := range q.Answers {
		texts = append(texts, a.Text, a.Feedback)
		checkFraction(t, q, a.Fraction)
	}
	for _, n := range q.Numbers {
		texts = append(texts, n.Feedback)
		checkFraction(t, q, n.Fraction)
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || math.IsNaN(n.Tolerance) || math.IsInf(n.Tolerance, 0) || n.Tolerance < 0 {
			t.Errorf("line %d: number %v ± %v", q.Line, n.Value, n.Tolerance)
		}
	}
	for _, p := range q.Pairs {
		texts = append(texts, p.Question, p.Answer)
	}
	for _, s := range texts {
		// Placeholders are bytes that UTF-8 never uses, so valid UTF-8
		// shows that none leaked.
		if !utf8.ValidString(s) || indexPlaceholder(s) >= 0 {
			t.Errorf("line %d: placeholder or bad UTF-8 in %q", q.Line, s)
		}
	}
	if q.Text == "" {
		t.Errorf("line %d: no text", q.Line)
	}
	if q.Category != "" && q.Category != "top" && !strings.HasPrefix(q.Category, "top/") {
		t.Errorf("line %d: category %q", q.Line, q.Category)
	}
	switch q.Kind {
	case MultipleChoice:
		if len(q.Answers) < 2 {
			t.Errorf("line %d: multiple choice with %d answers", q.Line, len(q.Answers))
		}
		if q.Single && !hasFull(q.Answers) {
			t.Errorf("line %d: single answer with no answer fully right", q.Line)
		}
	case ShortAnswer:
		if len(q.Answers) < 1 || !hasFull(q.Answers) {
			t.Errorf("line %d: short answer %+v", q.Line, q.Answers)
		}
	case Matching:
		if len(q.Pairs) < 2 {
			t.Errorf("line %d: matching with %d pairs", q.Line, len(q.Pairs))
		}
	case Numerical:
		if len(q.Numbers) == 0 || q.Numbers[0].Any {
			t.Errorf("line %d: numerical %+v", q.Line, q.Numbers)
		}
	case TrueFalse, Essay, Description:
		if q.Answers != nil || q.Pairs != nil || q.Numbers != nil {
			t.Errorf("line %d: %v with answers", q.Line, q.Kind)
		}
	default:
		t.Errorf("line %d: kind %d", q.Line, q.Kind)
	}
	for _, a := range q.Answers {
		if a.Text == "" {
			t.Errorf("line %d: empty answer", q.Line)
		}
	}
}

func checkFraction(t *testing.T, q Question, f float64) {
	t.Helper()
	if !(f >= -1 && f <= 1) {
		t.Errorf("line %d: fraction %v", q.Line, f)
	}
}

func hasFull(as []Answer) bool {
	for _, a := range as {
		if a.Fraction == 1 {
			return true
		}
	}
	return false
}
