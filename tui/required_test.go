package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// TestRedoRequiredAfterExpiry: a learner whose yearly module expired sees
// it overdue first on home, redoes it in the UI (the quiz taken again,
// the lesson without a quiz read to the end again) and sees it done, with
// a new valid-until date, and both completions in its history.
func TestRedoRequiredAfterExpiry(t *testing.T) {
	store := openStore(t)
	p, err := store.CreateProfile("Sam Patel", "staff", testNow.AddDate(-2, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	first := testNow.AddDate(-1, -1, 0) // 26 October 2025: expired on 26 October 2026
	pw := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	questions := []string{"three-words", "habits", "write-down", "text-number", "breach-hours"}
	a, err := store.StartAttempt(p.ID, pw, questions, 1, first)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range questions {
		ans := progress.Answer{Question: q, Correct: true, At: first}
		ans.Rating = review.RateUntimed(ans)
		if err := store.RecordAnswer(p.ID, pw, a.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.FinishAttempt(p.ID, pw, a.ID, 80, first); err != nil {
		t.Fatal(err)
	}
	if err := store.CompleteLesson(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "scams"}, first.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, 80, 24, store, "Sam Patel")
	if len(h.m.c.required) != 1 || h.m.c.required[0].Status != compliance.Overdue {
		t.Fatalf("required = %+v", h.m.c.required)
	}
	home := h.screen()
	if !strings.Contains(home, "✗ Staying safe: Overdue since 27 October 2026") ||
		strings.Index(home, "Required training") > strings.Index(home, "✓ Staying safe  ") {
		t.Errorf("home does not show the overdue module first:\n%s", home)
	}

	h.send(startQuizMsg{lessonID: "passwords"})
	answerPasswordsQuiz(t, h, true)
	h.send(completeLessonMsg{lessonID: "scams", position: 1})
	h.keys("esc", "esc", "esc")
	it := h.m.c.required[0]
	if it.Status != compliance.Compliant || !it.Completed.Equal(testNow) || len(it.History) != 2 {
		t.Fatalf("after redoing: %+v", it)
	}
	if h.active() != homeScreen {
		t.Fatalf("on %v, want home", h.active())
	}
	if home := h.screen(); !strings.Contains(home, "✓ Staying safe: Done, valid until 26 November 2027") {
		t.Errorf("home after redoing:\n%s", home)
	}
}
