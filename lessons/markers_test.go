package lessons

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestInlineMarkerLimits feeds lesson bodies that make goldmark's inline
// parsing quadratic (found by fuzzing: 240 KB of "*a_" took five minutes
// to load) and checks they are refused, on the right line, at once.
func TestInlineMarkerLimits(t *testing.T) {
	cases := []struct {
		name, body, want string
		line             int
	}{
		{"emphasis", "## Start\n\nFine text.\n\n" + strings.Repeat("*a_", 80_000) + "\n", "a paragraph has more than 300 emphasis", 4},
		{"links", strings.Repeat("[a](", 60_000) + "\n", "a paragraph has more than 300", 0},
		{"code spans", strings.Repeat("`a``", 60_000) + "\n", "a paragraph has more than 300", 0},
		{"many paragraphs", strings.Repeat(strings.Repeat("*a_", 100)+"\n\n", 300), "the lesson has more than 4000", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(packWithBody(t, c.body))
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(ve.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			i := slices.IndexFunc(ve.Problems, func(p Problem) bool { return p.Severity == Error })
			if c.line >= 0 && ve.Problems[i].Line != c.line+bodyOffset {
				t.Errorf("reported on line %d, want %d", ve.Problems[i].Line, c.line+bodyOffset)
			}
		})
	}
}

// TestInlineMarkersInCodeNotCounted: code blocks may hold any number of
// markers, since Markdown does not parse inside them.
func TestInlineMarkersInCodeNotCounted(t *testing.T) {
	code := "## Code\n\n```go\n" + strings.Repeat("x := a*b_c[0] // `tick`\n", 400) + "```\n\nAfter the *code*.\n"
	if _, err := Load(packWithBody(t, code)); err != nil {
		t.Fatalf("a long code block was refused: %v", err)
	}
}

// bodyOffset is the file line of the first line of the second test
// lesson's body.
const bodyOffset = 26

// packWithBody is the valid test pack with the second lesson's text
// replaced.
func packWithBody(t testing.TB, body string) fstest.MapFS {
	t.Helper()
	fsys := validPack()
	head, _, ok := strings.Cut(secondLesson, "## Second")
	if !ok || strings.Count(head, "\n") != bodyOffset-1 {
		t.Fatalf("the second test lesson changed shape")
	}
	setFile(fsys, secondFile, head+body)
	return fsys
}

// BenchmarkLoadDenseMarkup loads the worst lesson the marker limits allow:
// every paragraph at the per-paragraph limit, up to the per-lesson limit.
func BenchmarkLoadDenseMarkup(b *testing.B) {
	para := strings.Repeat("*a_", maxParagraphMarkers/2) + "\n\n"
	fsys := packWithBody(b, strings.Repeat(para, maxLessonMarkers/maxParagraphMarkers))
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
