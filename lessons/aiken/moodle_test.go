package aiken

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// This file holds a second, deliberately literal port of Moodle's
// qformat_aiken::readquestions (question/format/aiken/format.php at commit
// cf29c007), written with the same regular expressions and PHP string
// functions, to check Parse against on every input the tests and the fuzzer
// produce. Its one deliberate difference from Moodle is the one Parse makes:
// "\r\n" counts as one line, not two.

var (
	moodleOption = regexp.MustCompile(`^[A-Z][).][ \t]?`)
	moodleAnswer = regexp.MustCompile(`^ANSWER:`)
)

type moodleQuestion struct {
	line    int
	text    string
	answers []string
	ans     string // the trimmed text after "ANSWER:"
	right   int    // ord(substr($ans, 0, 1)) - ord('A')
}

type moodleError struct {
	kind string // Moodle's string name
	line int
}

func phpTrimString(s string) string { return strings.Trim(s, " \t\n\r\x00\x0b") }

func moodleReadQuestions(src []byte) ([]moodleQuestion, []moodleError) {
	// readdata: file() splits after "\n", trim_utf8_bom on the first line.
	s := strings.TrimPrefix(string(src), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n") // the one deliberate difference
	var (
		questions []moodleQuestion
		errs      []moodleError
		question  *moodleQuestion
		linenum   int
	)
	for _, line := range strings.SplitAfter(s, "\n") {
		for _, part := range strings.Split(line, "\r") { // explode($endchar, $line)
			linenum++
			nowline := phpTrimString(part)
			if len(nowline) < 2 {
				continue
			}
			switch {
			case moodleOption.MatchString(nowline):
				if question == nil {
					errs = append(errs, moodleError{"questionnotstarted", linenum})
					continue
				}
				question.answers = append(question.answers, phpTrimString(nowline[2:]))
			case moodleAnswer.MatchString(nowline):
				if question == nil {
					errs = append(errs, moodleError{"questionnotstarted", linenum})
					continue
				}
				ans := phpTrimString(nowline[strings.Index(nowline, ":")+1:])
				question.ans, question.right = ans, -'A' // ord('') is 0
				if ans != "" {
					question.right = int(ans[0]) - 'A' // ord(substr($ans, 0, 1))
				}
				if len(question.answers) < 2 {
					errs = append(errs, moodleError{"questionmissinganswers", linenum})
					question = nil
					continue
				}
				questions = append(questions, *question)
				question = nil
			default:
				if question != nil {
					errs = append(errs, moodleError{"questionnotcomplete", linenum})
				}
				question = &moodleQuestion{line: linenum, text: nowline}
			}
		}
	}
	return questions, errs
}

// moodleKind names the Moodle error a problem from Parse stands for, or ""
// for the problems Parse adds.
func moodleKind(p Problem) string {
	switch {
	case p.Message == notStartedOption || p.Message == notStartedAnswer:
		return "questionnotstarted"
	case strings.Contains(p.Message, "; it needs at least 2"):
		return "questionmissinganswers"
	case strings.Contains(p.Message, "before the next question starts here"),
		strings.Contains(p.Message, "this line is read as a new question, because"):
		return "questionnotcomplete"
	}
	return ""
}

// checkAgainstMoodle requires that Parse reports exactly Moodle's errors on
// Moodle's lines, and returns exactly the questions Moodle reads less those
// it rejects on purpose.
func checkAgainstMoodle(t *testing.T, src []byte, qs []Question, ps []Problem) {
	t.Helper()
	mqs, merrs := moodleReadQuestions(src)
	if n := len(ps); n > 0 && strings.HasPrefix(ps[n-1].Message, "more than 100 problems") {
		// Parse stopped at MaxProblems: compare what it read. Its problems
		// stop at the line it stopped on; Moodle's may go on.
		stop := ps[n-1].Line
		merrs = slices.DeleteFunc(merrs, func(e moodleError) bool { return e.line > stop })
		if qs != nil {
			t.Fatalf("questions returned after stopping at %d problems", MaxProblems)
		}
		got := 0
		for _, p := range ps {
			if moodleKind(p) != "" {
				got++
			}
		}
		if got > len(merrs) {
			t.Errorf("%d Moodle errors before line %d, Parse reports %d", len(merrs), stop, got)
		}
		return
	}

	var got []moodleError
	for _, p := range ps {
		if k := moodleKind(p); k != "" {
			got = append(got, moodleError{k, p.Line})
		}
	}
	byLine := func(a, b moodleError) int { return a.line - b.line }
	slices.SortStableFunc(merrs, byLine) // Parse sorts its problems
	if !reflect.DeepEqual(got, merrs) {
		t.Errorf("Moodle's errors differ:\n got %v\nwant %v", got, merrs)
	}

	var want []Question
	for _, m := range mqs {
		ok := len(m.ans) == 1 && m.ans[0] >= 'A' && m.ans[0] <= 'Z' && m.right < len(m.answers) &&
			len(m.answers) <= maxOptions && utf8.ValidString(m.text)
		for _, a := range m.answers {
			ok = ok && a != "" && utf8.ValidString(a)
		}
		if ok {
			want = append(want, Question{Line: m.line, Text: m.text, Options: m.answers, Answer: m.right})
		}
	}
	if !reflect.DeepEqual(qs, want) {
		t.Errorf("questions differ from Moodle's:\n got %#v\nwant %#v", qs, want)
	}
}

// The port must itself agree with Moodle's published expectations, or the
// comparison proves nothing.
func TestMoodlePort(t *testing.T) {
	qs, errs := moodleReadQuestions(readFixture(t, "aiken-errors.aiken.txt"))
	wantErrs := []moodleError{
		{"questionmissinganswers", 3}, {"questionnotstarted", 5}, {"questionnotstarted", 7}, {"questionnotcomplete", 18},
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors %v, want %v", errs, wantErrs)
	}
	if len(qs) != 2 || qs[0].text != "A good question" || qs[0].right != 0 || qs[1].right != 1 ||
		!reflect.DeepEqual(qs[1].answers, []string{"Incorrect", "Correct"}) {
		t.Errorf("questions %#v", qs)
	}
}
