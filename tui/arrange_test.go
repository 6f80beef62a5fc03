package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/progress"
)

// openRequestsQuiz starts the test pack's "requests" quiz (a number, a
// matching and an ordering question) as a graduate.
func openRequestsQuiz(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := withLearner(t, w, h, "Sam Patel", "graduate")
	hs.keys("down", "down", "enter", "enter", "enter")
	hs.requireScreen("Question 1 of 3", "Type a number")
	hs.keys("20", "enter", "enter")
	hs.requireScreen("Question 2 of 3", "Match each one", "Freedom of information", "choose with ← →")
	return hs
}

// matchPairs gives each prompt of the matching question on screen the
// answer right[i] says: the pair's own answer when true, else another.
func matchPairs(t *testing.T, h *harness, right []bool) {
	t.Helper()
	q := h.quiz().question()
	options := q.MatchOptions()
	for i, p := range q.Pairs {
		want := p.Answer
		if !right[i] {
			want = "Six months"
		}
		// Answers other prompts have are passed over, so press until it
		// shows, at most once round the ring (blank and every answer).
		shown := func() string {
			if pos := h.quiz().matches[i]; pos >= 0 {
				return options[h.quiz().order[pos]]
			}
			return ""
		}
		for range len(options) + 1 {
			if shown() == want {
				break
			}
			h.keys("right")
		}
		if got := shown(); got != want {
			t.Fatalf("prompt %d shows %q, want %q", i, got, want)
		}
		h.keys("down")
	}
}

// sortItems moves the ordering question's items into the right order with
// the keys a learner would use.
func sortItems(t *testing.T, h *harness) {
	t.Helper()
	n := len(h.quiz().arrangement)
	for target := 0; target < n; target++ {
		pos := slices.Index(h.quiz().arrangement, target)
		for h.quiz().cursor.index > pos {
			h.keys("up")
		}
		for h.quiz().cursor.index < pos {
			h.keys("down")
		}
		h.keys("space")
		for range pos - target {
			h.keys("up")
		}
		h.keys("space")
	}
	if !slices.IsSorted(h.quiz().arrangement) {
		t.Fatalf("arrangement %v after sorting", h.quiz().arrangement)
	}
}

func TestMatchingAndOrderingRight(t *testing.T) {
	h := openRequestsQuiz(t, 100, 30)
	h.keys("enter")
	h.requireScreen("Choose an answer for each one")
	matchPairs(t, h, []bool{true, true, true})
	h.keys("enter")
	h.requireScreen("✓ Correct", "✓ Freedom of information → 20 working days", "✓ Subject access         → One calendar month")
	h.keys("enter")
	h.requireScreen("Question 3 of 3", "Put in order", "First at the top")
	if slices.IsSorted(h.quiz().arrangement) {
		t.Fatal("the items start in the right order")
	}
	sortItems(t, h)
	h.keys("enter")
	h.requireScreen("✓ Correct")
	h.keys("enter")
	h.requireScreen("✓ Passed.", "You scored 3 of 3 (100%)")
}

func TestMatchingPartialCredit(t *testing.T) {
	h := openRequestsQuiz(t, 100, 30)
	matchPairs(t, h, []bool{true, false, true})
	h.keys("enter")
	// A table, a line a pair: ✓ or ✗, and the right answer beside a wrong one.
	h.requireScreen("◐ Partly right: 67% of the marks", "  ✓ Freedom of information → 20 working days",
		"  ✗ Subject access         → Six months · right: One calendar month", "  ✓ Personal data breach   → 72 hours")
	a, _, _ := h.store.OpenAttempt(h.m.c.profileID(), progress.LessonKey{Pack: "test-pack", Lesson: "requests"})
	last := a.Answers[len(a.Answers)-1]
	if last.Correct || last.Score < 0.66 || last.Score > 0.67 {
		t.Errorf("stored answer %+v, want a partial score of 2/3", last)
	}
	h.keys("enter")
	sortItems(t, h)
	h.keys("enter", "enter")
	// 1 + 2/3 + 1 of 3 is 89%.
	h.requireScreen("You scored 2.67 of 3 (89%)", "◐ Question 2 (67% of the marks)", "  Match each request")
}

func TestOrderingArrangementSurvivesResume(t *testing.T) {
	h := openRequestsQuiz(t, 100, 30)
	matchPairs(t, h, []bool{true, true, true})
	h.keys("enter", "enter")
	start := slices.Clone(h.quiz().arrangement)
	h.keys("esc")
	h2 := newHarness(t, 100, 30, h.store, "")
	h2.keys("enter")
	h2.requireScreen("Question 3 of 3", "2 marks so far")
	if !slices.Equal(h2.quiz().arrangement, start) {
		t.Errorf("resumed arrangement %v, want %v (from the attempt's seed)", h2.quiz().arrangement, start)
	}
	if !strings.Contains(h2.screen(), "space pick up") {
		t.Errorf("help line lacks the ordering keys:\n%s", h2.screen())
	}
}

// TestMatchingLongPromptsStack: when a prompt would not fit in a third of
// the width, each prompt gets its own lines and its answer goes below, so
// that no prompt is cut short.
func TestMatchingLongPromptsStack(t *testing.T) {
	h := openRequestsQuiz(t, 60, 24)
	screen := h.screen()
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, "1. Freedom of information") {
			if i+1 >= len(lines) || !strings.Contains(lines[i+1], "→ ‹ choose with ← → ›") || strings.Contains(l, "‹") {
				t.Errorf("the answer is not on the line below its prompt:\n%s", screen)
			}
			matchPairs(t, h, []bool{true, true, true})
			h.keys("enter")
			h.requireScreen("✓ Correct")
			return
		}
	}
	t.Errorf("no prompt line at 60 columns:\n%s", screen)
}
