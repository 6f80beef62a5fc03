package accessible

import (
	"slices"
	"testing"

	"github.com/upskill-council/upskill/lessons"
)

// TestParseAnswer reads typed lines as answers, with the options shown
// in a shuffled order: the response holds pack indexes, as the
// full-screen quiz records them.
func TestParseAnswer(t *testing.T) {
	pack := loadTestPack(t)
	pw, _ := pack.Lesson("passwords")
	rq, _ := pack.Lesson("requests")
	q := func(l *lessons.Lesson, id string) *lessons.Question {
		qu, ok := l.Quiz.Question(id)
		if !ok {
			t.Fatalf("no question %s", id)
		}
		return qu
	}
	cases := []struct {
		q       *lessons.Question
		order   []int
		line    string
		choices []int
		text    string
		bad     bool
	}{
		{q(pw, "three-words"), []int{2, 0, 1}, "3", []int{1}, "", false},
		{q(pw, "three-words"), []int{2, 0, 1}, "4", nil, "", true},
		{q(pw, "three-words"), []int{2, 0, 1}, "x", nil, "", true},
		{q(pw, "habits"), []int{2, 1, 0}, "3, 2 2", []int{0, 1}, "", false},
		{q(pw, "habits"), []int{2, 1, 0}, "", nil, "", true},
		{q(pw, "habits"), []int{2, 1, 0}, "1 9", nil, "", true},
		{q(pw, "write-down"), []int{0, 1}, "false", []int{1}, "", false},
		{q(pw, "write-down"), []int{0, 1}, "T", []int{0}, "", false},
		{q(pw, "write-down"), []int{0, 1}, "maybe", nil, "", true},
		{q(pw, "text-number"), nil, "7726", nil, "7726", false},
		{q(pw, "text-number"), nil, "", nil, "", true},
		{q(pw, "breach-hours"), nil, "72 hours", nil, "72 hours", false},
		{q(pw, "breach-hours"), nil, "seventy", nil, "", true},
		{q(rq, "order-breach"), []int{2, 0, 1}, "2 3 1", []int{0, 1, 2}, "", false},
		{q(rq, "order-breach"), []int{2, 0, 1}, "2 2 1", nil, "", true},
		{q(rq, "order-breach"), []int{2, 0, 1}, "2 3", nil, "", true},
	}
	for _, c := range cases {
		r, why := parseAnswer(c.q, c.order, c.line)
		if c.bad {
			if why == "" {
				t.Errorf("%s %q: taken as %+v, want refused", c.q.ID, c.line, r)
			}
			continue
		}
		if why != "" || !slices.Equal(r.Choices, c.choices) || r.Text != c.text {
			t.Errorf("%s %q = %+v (%q), want choices %v text %q", c.q.ID, c.line, r, why, c.choices, c.text)
		}
	}
}

// TestDisplayOrderMatchesTUI pins the copied shuffle to the orders the
// full-screen quiz shows for seed 2026 in its goldens
// (tui/testdata/TestGoldenScreens/quiz-ordering-80x24.golden: report,
// tell, decide; quiz-matching-80x24.golden: "One calendar month" first).
func TestDisplayOrderMatchesTUI(t *testing.T) {
	pack := loadTestPack(t)
	rq, _ := pack.Lesson("requests")
	m, _ := rq.Quiz.Question("match-requests")
	o, _ := rq.Quiz.Question("order-breach")
	if got := displayOrder(m, 2026); !slices.Equal(got, []int{1, 2, 3, 0}) {
		t.Errorf("matching order = %v", got)
	}
	if got := displayOrder(o, 2026); !slices.Equal(got, []int{2, 0, 1}) {
		t.Errorf("ordering order = %v", got)
	}
}
