package aiken

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Messages the tests expect, built the way Parse builds them so that a
// change of wording fails here first.
const (
	notStartedOption = "this option is not part of a question: a question's text must come first, on its own line"
	notStartedAnswer = "this ANSWER line is not part of a question: a question's text and its options must come first"
	noQuestions      = "the file has no complete questions"
	emptyFile        = "the file is empty"
	notCompleteEOF   = "this question has no ANSWER line before the end of the file: add one, such as ANSWER: B"
)

func missingAnswers(qline int, options string) string {
	return fmt.Sprintf("the question on line %d has %s; it needs at least 2", qline, options)
}

func notComplete(qline int) string {
	return fmt.Sprintf("the question on line %d has no ANSWER line before the next question starts here: add one, such as ANSWER: B", qline)
}

func badLetter(qline int) string {
	return fmt.Sprintf("the ANSWER line of the question on line %d must give one capital letter, such as ANSWER: B", qline)
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// check parses src and compares everything Parse returns with the wanted
// questions and problems.
func check(t *testing.T, src string, wantQ []Question, wantP []Problem) {
	t.Helper()
	gotQ, gotP := Parse([]byte(src))
	checkInvariants(t, []byte(src), gotQ, gotP)
	if !reflect.DeepEqual(gotQ, wantQ) {
		t.Errorf("questions:\n got %#v\nwant %#v", gotQ, wantQ)
	}
	if !reflect.DeepEqual(gotP, wantP) {
		t.Errorf("problems:\n got %q\nwant %q", gotP, wantP)
	}
}

func TestDigitalSkillsFixture(t *testing.T) {
	src := readFixture(t, "digital-skills.aiken.txt")
	want := []Question{
		{
			Line: 1,
			Text: "Which of these is the safest way to share a document with a colleague?",
			Options: []string{
				"Email it to their personal address",
				"Share a link from the council document system",
				"Put it on a USB stick",
				"Print it and leave it on their desk",
			},
			Answer: 1,
		},
		{
			Line: 8,
			Text: "What should you do first if you think you clicked a phishing link?",
			Options: []string{
				"Ignore it",
				"Report it to the IT service desk",
				"Forward it to your team",
			},
			Answer: 1,
		},
	}
	check(t, string(src), want, nil)
}

// aikenErrorsWant is what Moodle's own tests expect of its aiken_errors.txt,
// of which the fixture is a copy with shorter texts.
var (
	aikenErrorsQuestions = []Question{
		{Line: 9, Text: "A good question", Options: []string{"Correct", "Incorrect"}, Answer: 0},
		{
			Line:    18,
			Text:    "No space after the delimiter is accepted by current Moodle",
			Options: []string{"Incorrect", "Correct"},
			Answer:  1,
		},
	}
	aikenErrorsProblems = []Problem{
		{Line: 3, Message: missingAnswers(1, "1 option")},
		{Line: 5, Message: notStartedOption},
		{Line: 7, Message: notStartedAnswer},
		{Line: 18, Message: notComplete(14)},
	}
)

func TestAikenErrorsFixture(t *testing.T) {
	check(t, string(readFixture(t, "aiken-errors.aiken.txt")), aikenErrorsQuestions, aikenErrorsProblems)
}

// Line endings and a byte order mark change nothing, line numbers included.
func TestLineEndingsAndBOM(t *testing.T) {
	lf := string(readFixture(t, "aiken-errors.aiken.txt"))
	if strings.Contains(lf, "\r") {
		t.Fatal("fixture should use \\n line endings")
	}
	variants := map[string]string{
		"crlf":               strings.ReplaceAll(lf, "\n", "\r\n"),
		"lone cr":            strings.ReplaceAll(lf, "\n", "\r"),
		"bom":                "\ufeff" + lf,
		"bom and crlf":       "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n"),
		"bom and lone cr":    "\ufeff" + strings.ReplaceAll(lf, "\n", "\r"),
		"final newline":      lf + "\n",
		"final crlf":         strings.ReplaceAll(lf, "\n", "\r\n") + "\r\n",
		"trailing blanks":    strings.ReplaceAll(lf, "\n", " \t \n"),
		"leading blanks":     strings.ReplaceAll(lf, "\n", "\n \t"),
		"nul and vt trimmed": strings.ReplaceAll(lf, "\n", "\x00\x0b\n"),
	}
	for name, src := range variants {
		t.Run(name, func(t *testing.T) {
			check(t, src, aikenErrorsQuestions, aikenErrorsProblems)
		})
	}
}

// Mixed line endings count one line each, "\r\n" included.
func TestMixedLineEndings(t *testing.T) {
	src := "Q one\r\nA) a\rB) b\nANSWER: A\r\n\rQ two\n\r\nA) c\r\nB) d\rANSWER: B"
	check(t, src, []Question{
		{Line: 1, Text: "Q one", Options: []string{"a", "b"}, Answer: 0},
		{Line: 6, Text: "Q two", Options: []string{"c", "d"}, Answer: 1},
	}, nil)
}

func TestEdgeCases(t *testing.T) {
	q := func(line int, text string, answer int, options ...string) Question {
		return Question{Line: line, Text: text, Options: options, Answer: answer}
	}
	tests := []struct {
		name  string
		src   string
		wantQ []Question
		wantP []Problem
	}{
		{
			name:  "trailing spaces and tabs",
			src:   "Is this trimmed?  \t\nA) Yes \t \nB) No\t\nANSWER: A \t\n",
			wantQ: []Question{q(1, "Is this trimmed?", 0, "Yes", "No")},
		},
		{
			name:  "tab after the delimiter",
			src:   "Tabs?\nA)\tYes\nB.\t\tNo\nANSWER: B",
			wantQ: []Question{q(1, "Tabs?", 1, "Yes", "No")},
		},
		{
			name:  "dot delimiters",
			src:   "Dots?\nA. One\nB. Two\nC. Three\nANSWER: C",
			wantQ: []Question{q(1, "Dots?", 2, "One", "Two", "Three")},
		},
		{
			name:  "no blank after the delimiter",
			src:   "Tight?\nA)One\nB.Two\nANSWER: A",
			wantQ: []Question{q(1, "Tight?", 0, "One", "Two")},
		},
		{
			name:  "several blanks after the delimiter",
			src:   "Wide?\nA)    One\nB) \t Two\nANSWER: B",
			wantQ: []Question{q(1, "Wide?", 1, "One", "Two")},
		},
		{
			name:  "indented lines",
			src:   "   Indented?\n  A) One\n\tB) Two\n    ANSWER: A",
			wantQ: []Question{q(1, "Indented?", 0, "One", "Two")},
		},
		{
			name:  "blank lines everywhere",
			src:   "\n\nSpaced?\n\nA) One\n\n\nB) Two\n \n\t\nANSWER: B\n\n",
			wantQ: []Question{q(3, "Spaced?", 1, "One", "Two")},
		},
		{
			name:  "no blank line between questions",
			src:   "First?\nA) a\nB) b\nANSWER: A\nSecond?\nA) c\nB) d\nANSWER: B",
			wantQ: []Question{q(1, "First?", 0, "a", "b"), q(5, "Second?", 1, "c", "d")},
		},
		{
			name:  "answer with no blank after the colon",
			src:   "Close?\nA) a\nB) b\nANSWER:B",
			wantQ: []Question{q(1, "Close?", 1, "a", "b")},
		},
		{
			name:  "answer with blanks around the letter",
			src:   "Blanks?\nA) a\nB) b\nANSWER: \t B \t",
			wantQ: []Question{q(1, "Blanks?", 1, "a", "b")},
		},
		{
			// Moodle skips any line shorter than 2 bytes, even mid-question.
			name:  "one-character lines are ignored",
			src:   "Short?\nA) a\n.\nx\nB) b\n-\nANSWER: B",
			wantQ: []Question{q(1, "Short?", 1, "a", "b")},
		},
		{
			// strlen counts bytes: "é" is 2 bytes, so it is a question.
			name: "a two-byte character is a line",
			src:  "Short?\nA) a\né\nB) b\nANSWER: B",
			wantP: []Problem{
				{Line: 1, Message: noQuestions},
				{Line: 3, Message: notComplete(1)},
				{Line: 5, Message: missingAnswers(3, "1 option")},
			},
		},
		{
			// Moodle numbers options by position and ignores their letters.
			name:  "option letters are not checked",
			src:   "Letters?\nA) first\nA) second\nC) third\nANSWER: B",
			wantQ: []Question{q(1, "Letters?", 1, "first", "second", "third")},
		},
		{
			name: "a text starting like an option is an option",
			src:  "A. Smith wrote which report?\nA) One\nB) Two\nANSWER: A",
			wantP: []Problem{
				{Line: 1, Message: notStartedOption},
				{Line: 1, Message: noQuestions},
				{Line: 2, Message: notStartedOption},
				{Line: 3, Message: notStartedOption},
				{Line: 4, Message: notStartedAnswer},
			},
		},
		{
			name:  "more than 26 options",
			src:   "Many?\n" + strings.Repeat("A) x\n", 29) + "Z) last\nANSWER: Z",
			wantQ: []Question{q(1, "Many?", 25, append(slicesRepeat("x", 29), "last")...)},
		},
		{
			// PHP's trim leaves Unicode spaces, so a leading no-break
			// space turns an option into question text, as in Moodle.
			name: "no-break spaces are not trimmed",
			src:  "Nbsp?\u00a0\nA) a\u00a0\n\u00a0B) b\nANSWER: A",
			wantP: []Problem{
				{Line: 1, Message: noQuestions},
				{Line: 3, Message: notComplete(1)},
				{Line: 4, Message: missingAnswers(3, "no options")},
			},
		},
		{
			name:  "lower-case answer is question text",
			src:   "Lower?\nA) a\nB) b\nanswer: B\n\nNext?\nA) c\nB) d\nANSWER: A",
			wantQ: []Question{q(6, "Next?", 0, "c", "d")},
			wantP: []Problem{
				{Line: 4, Message: "the question on line 1 has no ANSWER line: this line is read as a new question, because ANSWER must be in capitals (ANSWER: B)"},
				{Line: 6, Message: notComplete(4)},
			},
		},
		{
			name: "mixed-case answer at the end of the file",
			src:  "Mixed?\nA) a\nB) b\nAnswer: B\n",
			wantP: []Problem{
				{Line: 1, Message: noQuestions},
				{Line: 4, Message: "the question on line 1 has no ANSWER line: this line is read as a new question, because ANSWER must be in capitals (ANSWER: B)"},
				{Line: 4, Message: "this line is read as a question, because ANSWER must be in capitals (ANSWER: B), and it has no ANSWER line of its own"},
			},
		},
		{
			name:  "an option line first",
			src:   "A) Too early\nFirst?\nA) a\nB) b\nANSWER: B",
			wantQ: []Question{q(2, "First?", 1, "a", "b")},
			wantP: []Problem{{Line: 1, Message: notStartedOption}},
		},
		{
			name:  "an ANSWER line first",
			src:   "ANSWER: A\nFirst?\nA) a\nB) b\nANSWER: B",
			wantQ: []Question{q(2, "First?", 1, "a", "b")},
			wantP: []Problem{{Line: 1, Message: notStartedAnswer}},
		},
		{
			name:  "empty file",
			src:   "",
			wantP: []Problem{{Line: 1, Message: emptyFile}},
		},
		{
			name:  "only blank lines and a byte order mark",
			src:   "\ufeff\n \r\n\t\r\n.\n",
			wantP: []Problem{{Line: 1, Message: emptyFile}},
		},
		{
			// Only a mark at the very start is dropped, as in Moodle.
			name:  "byte order mark inside the file",
			src:   "First?\nA) a\nB) b\nANSWER: A\n\ufeffA) stray",
			wantQ: []Question{q(1, "First?", 0, "a", "b")},
			wantP: []Problem{{Line: 5, Message: notCompleteEOF}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			check(t, tc.src, tc.wantQ, tc.wantP)
		})
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// Each kind of problem, on the line it belongs to, with the question it
// concerns left out and the questions around it kept.
func TestProblems(t *testing.T) {
	good := Question{Line: 1, Text: "Good?", Options: []string{"yes", "no"}, Answer: 0}
	const head = "Good?\nA) yes\nB) no\nANSWER: A\n\n" // lines 1-5; the next question is on line 6
	tests := []struct {
		name  string
		body  string // from line 6
		more  []Question
		wantP []Problem
	}{
		{
			name:  "question not started: option",
			body:  "A) stray",
			wantP: []Problem{{Line: 6, Message: notStartedOption}},
		},
		{
			name:  "question not started: answer",
			body:  "\nANSWER: B",
			wantP: []Problem{{Line: 7, Message: notStartedAnswer}},
		},
		{
			name:  "missing answers: none",
			body:  "Bad?\nANSWER: A",
			wantP: []Problem{{Line: 7, Message: missingAnswers(6, "no options")}},
		},
		{
			name:  "missing answers: one",
			body:  "Bad?\nA) only\n\nANSWER: A",
			wantP: []Problem{{Line: 9, Message: missingAnswers(6, "1 option")}},
		},
		{
			name: "not complete: next question",
			body: "Bad?\nA) a\nB) b\n\nNext?\nA) c\nB) d\nANSWER: B",
			more: []Question{{Line: 10, Text: "Next?", Options: []string{"c", "d"}, Answer: 1}},
			wantP: []Problem{
				{Line: 10, Message: notComplete(6)},
			},
		},
		{
			name:  "not complete: end of file",
			body:  "Bad?\nA) a\nB) b\n\n",
			wantP: []Problem{{Line: 6, Message: notCompleteEOF}},
		},
		{
			name:  "answer names no option",
			body:  "Bad?\nA) a\nB) b\nC) c\nD) d\nANSWER: E",
			wantP: []Problem{{Line: 11, Message: "the ANSWER line names E, but the question on line 6 has only 4 options, A to D"}},
		},
		{name: "answer letter missing", body: "Bad?\nA) a\nB) b\nANSWER:", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer letter blank", body: "Bad?\nA) a\nB) b\nANSWER:  \t", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer two letters", body: "Bad?\nA) a\nB) b\nANSWER: AB", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer two letters spaced", body: "Bad?\nA) a\nB) b\nANSWER: A B", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer letter with text", body: "Bad?\nA) a\nB) b\nANSWER: B) b", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer lower-case letter", body: "Bad?\nA) a\nB) b\nANSWER: b", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer digit", body: "Bad?\nA) a\nB) b\nANSWER: 2", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{name: "answer accented letter", body: "Bad?\nA) a\nB) b\nANSWER: É", wantP: []Problem{{Line: 9, Message: badLetter(6)}}},
		{
			name:  "empty option",
			body:  "Bad?\nA) a\nB)\nC) c\nANSWER: A",
			wantP: []Problem{{Line: 8, Message: "this option of the question on line 6 has no text: write it, or delete the line"}},
		},
		{
			name:  "option of blanks",
			body:  "Bad?\nA) a\nB.  \t\nANSWER: A",
			wantP: []Problem{{Line: 8, Message: "this option of the question on line 6 has no text: write it, or delete the line"}},
		},
		{
			name:  "option not UTF-8",
			body:  "Bad?\nA) caf\xe9\nB) b\nANSWER: B",
			wantP: []Problem{{Line: 7, Message: "this option of the question on line 6 is not valid UTF-8 text: save the file as UTF-8"}},
		},
		{
			name:  "question not UTF-8",
			body:  "Bad \x92quote\x92?\nA) a\nB) b\nANSWER: B",
			wantP: []Problem{{Line: 6, Message: "this question is not valid UTF-8 text: save the file as UTF-8"}},
		},
		{
			// A question with a problem still ends at its ANSWER line,
			// and Moodle's own errors are still reported.
			name: "broken question without an answer",
			body: "Bad?\nA)\nB) b\nNext?\nA) c\nB) d\nANSWER: C",
			wantP: []Problem{
				{Line: 7, Message: "this option of the question on line 6 has no text: write it, or delete the line"},
				{Line: 9, Message: notComplete(6)},
				{Line: 12, Message: "the ANSWER line names C, but the question on line 9 has only 2 options, A to B"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			check(t, head+tc.body, append([]Question{good}, tc.more...), tc.wantP)
		})
	}
}

func TestOptionLimit(t *testing.T) {
	build := func(n int) string {
		var b strings.Builder
		b.WriteString("Long?\n")
		for i := range n {
			fmt.Fprintf(&b, "%c) option %d\n", 'A'+i%26, i)
		}
		b.WriteString("ANSWER: C\n")
		return b.String()
	}
	qs, ps := Parse([]byte(build(maxOptions)))
	if len(ps) != 0 || len(qs) != 1 || len(qs[0].Options) != maxOptions || qs[0].Answer != 2 ||
		qs[0].Options[maxOptions-1] != fmt.Sprintf("option %d", maxOptions-1) {
		t.Fatalf("%d options: got %d questions, problems %q", maxOptions, len(qs), ps)
	}
	// Line 1 is the question, so option number 1001 is on line 1002.
	check(t, build(maxOptions+5), nil, []Problem{
		{Line: 1, Message: noQuestions},
		{Line: maxOptions + 2, Message: "the question on line 1 has more than 1000 options; give it at most 1000"},
	})
}

func TestSizeLimit(t *testing.T) {
	const q = "Big?\nA) a\nB) b\nANSWER: B\n"
	pad := func(n int) []byte {
		// Blank lines are skipped, so padding with them leaves one question.
		b := []byte(q)
		return append(b, bytes.Repeat([]byte("\n"), n-len(b))...)
	}
	qs, ps := Parse(pad(maxBytes))
	if len(ps) != 0 || len(qs) != 1 || qs[0].Answer != 1 {
		t.Fatalf("exactly 1 MiB: got %v, problems %q", qs, ps)
	}
	qs, ps = Parse(pad(maxBytes + 1))
	want := []Problem{{Line: 1, Message: "the file is 1025 KiB, larger than the limit of 1 MiB (1024 KiB); split it into smaller files"}}
	if qs != nil || !reflect.DeepEqual(ps, want) {
		t.Fatalf("1 MiB and a byte: got %v, problems %q", qs, ps)
	}
	// The byte order mark counts towards the limit.
	qs, ps = Parse(append([]byte("\ufeff"), pad(maxBytes-2)...))
	if qs != nil || len(ps) != 1 || ps[0].Line != 1 {
		t.Fatalf("1 MiB and a byte with a mark: got %v, problems %q", qs, ps)
	}
}

// Parse must not keep src: callers may reuse the buffer.
func TestParseCopiesText(t *testing.T) {
	src := []byte("Copied?\nA) a\nB) b\nANSWER: A")
	qs, _ := Parse(src)
	for i := range src {
		src[i] = 'x'
	}
	if len(qs) != 1 || qs[0].Text != "Copied?" || qs[0].Options[0] != "a" || qs[0].Options[1] != "b" {
		t.Fatalf("texts changed with the input: %#v", qs)
	}
}

func TestProblemString(t *testing.T) {
	if got, want := (Problem{Line: 18, Message: "x y"}).String(), "line 18: x y"; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
}

func TestProblemLimit(t *testing.T) {
	src := strings.Repeat("A) stray option\n", 5000)
	qs, ps := Parse([]byte(src))
	if qs != nil || len(ps) != MaxProblems+1 || !strings.Contains(ps[MaxProblems].Message, "more than 100 problems") || ps[MaxProblems].Line != MaxProblems+1 {
		t.Fatalf("%d questions, %d problems, last %+v", len(qs), len(ps), ps[len(ps)-1])
	}
}
