package gift

import (
	"os"
	"strings"
	"testing"
)

// TestLineEndings: CRLF and old-Mac CR files read exactly as LF files,
// line numbers included.
func TestLineEndings(t *testing.T) {
	lf, err := os.ReadFile("testdata/digital-skills.gift")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse(lf)
	for name, src := range map[string]string{
		"crlf":     strings.ReplaceAll(string(lf), "\n", "\r\n"),
		"cr":       strings.ReplaceAll(string(lf), "\n", "\r"),
		"bom+crlf": "\uFEFF" + strings.ReplaceAll(string(lf), "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			got, ps := Parse([]byte(src))
			if len(ps) != 0 {
				t.Errorf("problems: %v", ps)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d questions, want %d", len(got), len(want))
			}
			for i := range want {
				checkQuestion(t, got[i], want[i])
			}
		})
	}
}

// TestLineNumbersWithCR: problems are counted in the same lines.
func TestLineNumbersWithCR(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n", "\r"} {
		src := strings.Join([]string{"// c", "", "Q{T}", "", "Bad{=a", ""}, nl)
		parseProblemCount(t, src, 1, 1)
		_, ps := Parse([]byte(src))
		if ps[0].Line != 5 {
			t.Errorf("%q: problem on line %d, want 5", nl, ps[0].Line)
		}
	}
}

// parseProblemCount requires nq questions and np problems.
func parseProblemCount(t *testing.T, src string, nq, np int) ([]Question, []Problem) {
	t.Helper()
	qs, ps := Parse([]byte(src))
	if len(qs) != nq || len(ps) != np {
		t.Fatalf("Parse(%q): %d questions, %d problems %v; want %d and %d", src, len(qs), len(ps), ps, nq, np)
	}
	return qs, ps
}

func TestBOM(t *testing.T) {
	q := parseOne(t, "\uFEFF::Q::Is this read?{T}")
	if q.Name != "Q" || q.Line != 1 {
		t.Errorf("BOM not stripped: name %q, line %d", q.Name, q.Line)
	}
	// Only a BOM at the very start is a BOM.
	q = parseOne(t, "Text \uFEFF here")
	if q.Text != "Text \uFEFF here" {
		t.Errorf("text %q", q.Text)
	}
}

// TestCommentsBetweenQuestions: comment-only blocks are skipped; comments
// in a block give its id and tags and do not move its Line before the
// first line of text.
func TestCommentsBetweenQuestions(t *testing.T) {
	src := "// header\n// more\n\n// [id:A]\nFirst{T}\n\n// only a comment\n\n// [tag:x]\n// [id:B] [tag:y]\n\nSecond{F}\n// [id:C] comments after the text count too\n"
	qs, _ := parseProblemCount(t, src, 2, 0)
	if qs[0].IDNumber != "A" || qs[0].Line != 5 || qs[0].Tags != nil {
		t.Errorf("first: %+v", qs[0])
	}
	// The [tag:x] [id:B] comments are their own block, so they belong to
	// no question; Second takes the comment under it, in its own block.
	if qs[1].IDNumber != "C" || qs[1].Line != 12 || qs[1].Tags != nil {
		t.Errorf("second: %+v", qs[1])
	}
}

// TestCommentInsideQuestion: as Moodle, a comment line inside a block is
// replaced by a blank, so the text keeps its shape.
func TestCommentInsideQuestion(t *testing.T) {
	q := parseOne(t, "Which?{\n=yes\n// [tag:inside]\n~no\n}")
	if len(q.Answers) != 2 || q.Answers[0].Text != "yes" || q.Answers[1].Text != "no" {
		t.Errorf("answers %+v", q.Answers)
	}
	if len(q.Tags) != 1 || q.Tags[0] != "inside" {
		t.Errorf("tags %q", q.Tags)
	}
}

func TestIDAndTags(t *testing.T) {
	tests := []struct {
		comments string
		id       string
		tags     []string
	}{
		{"// [id:CS-001] [tag:phishing] [tag:level-1]", "CS-001", []string{"phishing", "level-1"}},
		{`// [id:a\]b] [tag:x\]y]`, "a]b", []string{"x]y"}},
		{"// [id: spaced ] [tag: t ]", "spaced", []string{"t"}},
		{"// [id:first]\n// [id:second]", "first", nil},
		{"// [tag:] [tag:ok]", "", []string{"ok"}},
		{"// [tag:a<b] [tag:c]", "", []string{"c"}},
		{"// no brackets", "", nil},
		{"// [ID:upper]", "", nil},
	}
	for _, tt := range tests {
		q := parseOne(t, tt.comments+"\nQ{T}")
		if q.IDNumber != tt.id || strings.Join(q.Tags, "|") != strings.Join(tt.tags, "|") || (tt.tags == nil) != (q.Tags == nil) {
			t.Errorf("%q: id %q tags %q, want %q %q", tt.comments, q.IDNumber, q.Tags, tt.id, tt.tags)
		}
	}
}

func TestEscapedBracesInText(t *testing.T) {
	q := parseOne(t, `Set \{x\} to 1 in C:\\temp{=done}`)
	if q.Text != `Set {x} to 1 in C:\temp` || q.Kind != ShortAnswer || q.MissingWord {
		t.Errorf("%+v", q)
	}
	q = parseOne(t, `A JSON object starts with \{ and ends with \}.`)
	if q.Kind != Description || q.Text != "A JSON object starts with { and ends with }." {
		t.Errorf("%+v", q)
	}
}

func TestUnbalancedBraces(t *testing.T) {
	tests := []struct {
		src  string
		line int
		part string
	}{
		{"Q{=a", 1, `never closed with "}"`},
		{"Q\n=a}", 2, `never opened with "{"`},
		{"Q } then {=a}", 1, `comes before the "{"`},
		{"Q{=a {=b}}", 1, `second "{" inside the answer block`},
		{"Q{\n=a\n{=b}\n}", 3, `second "{" inside the answer block`},
		{"Q{=a} and {=b}", 1, "only one answer block"},
		{"Q{=a}\nthen }", 2, "only one answer block"},
	}
	for _, tt := range tests {
		parseProblem(t, tt.src, tt.line, tt.part)
	}
}

func TestEmptyAndCommentOnlyFiles(t *testing.T) {
	for _, src := range []string{"", "\n\n\n", "   \t\n", "\uFEFF", "// one\n// two\n\n//three\n", "\r\n//x\r\n"} {
		qs, ps := Parse([]byte(src))
		if qs != nil || ps != nil {
			t.Errorf("Parse(%q) = %v, %v; want nothing", src, qs, ps)
		}
	}
}

// TestNameWithoutText: Moodle imports an empty question; Parse refuses it.
func TestNameWithoutText(t *testing.T) {
	parseProblem(t, "::Lonely name::", 1, `the question "Lonely name" has a name but no text`)
	parseProblem(t, "// [id:x]\n::Q2::{T}", 2, `"Q2" has a name but no text`)
	parseProblem(t, "{=a}", 1, "the question has no text")
	// As Moodle: without the closing "::" there is no name, and the
	// opening "::" is dropped.
	q := parseOne(t, "::Not a name{T}")
	if q.Name != "" || q.Text != "Not a name" {
		t.Errorf("name %q, text %q", q.Name, q.Text)
	}
	q = parseOne(t, "::::Empty name{T}")
	if q.Name != "" || q.Text != "Empty name" {
		t.Errorf("name %q, text %q", q.Name, q.Text)
	}
}

func TestFractionalAndNegativeWeights(t *testing.T) {
	q := parseOne(t, "Pick three{~%33.33333%a ~%33.33333%b ~%33.33334%c ~%-100%d ~%-50%e ~%0%f}")
	want := []float64{0.3333333, 0.3333333, 0.3333334, -1, -0.5, 0}
	if q.Single || len(q.Answers) != len(want) {
		t.Fatalf("%+v", q)
	}
	for i, w := range want {
		if q.Answers[i].Fraction != w {
			t.Errorf("answer %d: fraction %v, want %v", i+1, q.Answers[i].Fraction, w)
		}
	}
	// Three thirds written to 5 places add up to 99.999%: within 1%.
	q = parseOne(t, "Q{~%33.333%a ~%33.333%b ~%33.333%c ~d}")
	if len(q.Answers) != 4 {
		t.Errorf("%+v", q)
	}
}

// TestCategoryOnlyBlocks: a "$CATEGORY:" block makes no question, whether
// or not a question follows it.
func TestCategoryOnlyBlocks(t *testing.T) {
	qs, ps := Parse([]byte("$CATEGORY: Only"))
	if qs != nil || ps != nil {
		t.Errorf("got %v, %v", qs, ps)
	}
	qs, _ = parseProblemCount(t, "// c\n$CATEGORY: $course$/A\n\n$CATEGORY: B/C\n\n\nQ{T}\n\n$CATEGORY: D", 1, 0)
	if qs[0].Category != "top/B/C" {
		t.Errorf("category %q", qs[0].Category)
	}
	parseProblem(t, "$CATEGORY:", 1, "names no category")
	parseProblem(t, "$CATEGORY:   $course$  ", 1, "names no category")
	parseProblem(t, "$CATEGORY: A/", 1, "empty part")
	parseProblem(t, "$CATEGORY: A/ /B", 1, "empty part")
	parseProblem(t, "$category: A", 1, `"$CATEGORY:"`)
	parseProblem(t, "$CATEGORY A", 1, `"$CATEGORY:"`)
}
