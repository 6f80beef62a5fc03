package aiken

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks properties that hold for every input. The seed corpus is
// in testdata/fuzz/FuzzParse; the fixtures are added here as well.
func FuzzParse(f *testing.F) {
	f.Add(readFixture(f, "digital-skills.aiken.txt"))
	f.Add(readFixture(f, "aiken-errors.aiken.txt"))
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		qs, ps := Parse(src)
		if !bytes.Equal(src, orig) {
			t.Fatal("Parse changed its input")
		}
		checkInvariants(t, src, qs, ps)
	})
}

// TestInvariantsOnFixtures runs the fuzz checks on the fixtures, so that a
// checker that accepts nothing fails here rather than only when fuzzing.
func TestInvariantsOnFixtures(t *testing.T) {
	for _, name := range []string{"digital-skills.aiken.txt", "aiken-errors.aiken.txt"} {
		src := readFixture(t, name)
		qs, ps := Parse(src)
		checkInvariants(t, src, qs, ps)
	}
}

// physicalLines splits src into lines independently of Parse: the byte
// order mark goes, and "\r\n", "\r" and "\n" each end a line.
func physicalLines(src []byte) []string {
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// trimmed reports whether s has nothing PHP's trim would remove.
func trimmed(s string) bool {
	return s == strings.Trim(s, " \t\n\r\x00\x0b")
}

func checkInvariants(t *testing.T, src []byte, qs []Question, ps []Problem) {
	t.Helper()
	if len(src) > maxBytes {
		if qs != nil || len(ps) != 1 || ps[0].Line != 1 {
			t.Fatalf("oversized input: got %d questions and problems %q", len(qs), ps)
		}
		return
	}
	checkAgainstMoodle(t, src, qs, ps)
	lines := physicalLines(src)
	maxLine := max(1, len(lines))

	for i, p := range ps {
		if p.Line < 1 || p.Line > maxLine {
			t.Errorf("problem %q on line %d, outside 1 to %d", p.Message, p.Line, maxLine)
		}
		if i > 0 && p.Line < ps[i-1].Line {
			t.Errorf("problems out of order: line %d after line %d", p.Line, ps[i-1].Line)
		}
		m := p.Message
		if m == "" || m[0] < 'a' || m[0] > 'z' || strings.HasSuffix(m, ".") {
			t.Errorf("message %q must start with a lower-case letter and not end with a period", m)
		}
		for _, c := range []byte(m) {
			if c < 0x20 || c > 0x7e {
				t.Fatalf("message %q holds a byte that is not printable ASCII; input must never be echoed", m)
			}
		}
	}
	capped := len(ps) == MaxProblems+1 && strings.HasPrefix(ps[MaxProblems].Message, "more than 100 problems")
	// Reading stops once MaxProblems are found, with one problem saying so;
	// without stopping, the end of the file can add one (no complete
	// questions).
	if len(ps) > MaxProblems+1 {
		t.Errorf("%d problems, more than MaxProblems", len(ps))
	}
	if len(qs) == 0 && !capped && (len(ps) == 0 || ps[0].Line != 1) {
		t.Errorf("no questions, but no problem on line 1: %q", ps)
	}

	for i, q := range qs {
		if q.Line < 1 || q.Line > len(lines) {
			t.Fatalf("question %d on line %d, outside 1 to %d", i, q.Line, len(lines))
		}
		if i > 0 && q.Line <= qs[i-1].Line {
			t.Errorf("question on line %d after one on line %d", q.Line, qs[i-1].Line)
		}
		if want := strings.Trim(lines[q.Line-1], " \t\x00\x0b"); q.Text != want {
			t.Errorf("question text %q is not line %d, %q", q.Text, q.Line, want)
		}
		checkText(t, "question", q.Text)
		if len(q.Text) < 2 || q.Text[0] >= 'A' && q.Text[0] <= 'Z' && (q.Text[1] == ')' || q.Text[1] == '.') ||
			strings.HasPrefix(q.Text, "ANSWER:") {
			t.Errorf("question text %q would not be read as a question", q.Text)
		}
		if len(q.Options) < 2 || len(q.Options) > maxOptions {
			t.Errorf("question on line %d has %d options", q.Line, len(q.Options))
		}
		if q.Answer < 0 || q.Answer >= len(q.Options) || q.Answer >= 26 {
			t.Errorf("question on line %d: answer %d with %d options", q.Line, q.Answer, len(q.Options))
		}
		for _, o := range q.Options {
			checkText(t, "option", o)
		}
	}
	if t.Failed() {
		return
	}

	// Writing the questions out again, as Moodle exports them, and reading
	// that back gives the same questions and no problems.
	out := export(qs)
	if len(qs) == 0 || len(out) > maxBytes {
		return
	}
	again, ps2 := Parse(out)
	if len(ps2) != 0 || len(again) != len(qs) {
		t.Fatalf("re-reading the export: %d questions of %d, problems %q", len(again), len(qs), ps2)
	}
	for i := range qs {
		a, b := qs[i], again[i]
		if a.Text != b.Text || a.Answer != b.Answer || strings.Join(a.Options, "\n") != strings.Join(b.Options, "\n") {
			t.Fatalf("question %d changed on re-reading:\n got %#v\nwant %#v", i, b, a)
		}
	}
}

// checkText checks that a question or option text is one trimmed, non-empty
// line of UTF-8. It may still hold control characters: the package leaves
// those to termsafe.
func checkText(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || !trimmed(s) || !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
		t.Errorf("%s text %q is empty, untrimmed, not UTF-8 or not one line", what, s)
	}
}

// export writes questions as Moodle's writequestion does: "A) " labels and
// "ANSWER: X". Labels past Z repeat Z; Parse does not read them. The file
// starts with a byte order mark, so that a question text that starts with
// one keeps it (the fuzzer found this).
func export(qs []Question) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	for _, q := range qs {
		b.WriteString(q.Text + "\n")
		for i, o := range q.Options {
			fmt.Fprintf(&b, "%c) %s\n", 'A'+min(i, 25), o)
		}
		fmt.Fprintf(&b, "ANSWER: %c\n\n", 'A'+q.Answer)
	}
	return b.Bytes()
}
