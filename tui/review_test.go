package tui

import (
	"strings"
	"testing"

	"github.com/upskill-council/upskill/progress"
)

// reviewAfterMistakes answers the test pack's first quiz wrongly, goes
// home and opens the review of those cards.
func reviewAfterMistakes(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := withLearner(t, w, h, "Sam Patel", "graduate")
	hs.keys("enter", "enter")
	answerPasswordsQuiz(t, hs, false)
	hs.keys("esc", "esc")
	hs.requireScreen("↻ Review: 5 cards due")
	if h >= 24 {
		hs.requireScreen("5 due today, 5 this week")
	}
	hs.keys("down", "enter")
	if hs.active() != quizScreen || !hs.quiz().isReview() {
		t.Fatalf("the review row opened %v", hs.active())
	}
	return hs
}

func TestReviewSessionResumesAndReschedules(t *testing.T) {
	h := reviewAfterMistakes(t, 80, 24)
	h.requireScreen("Upskill › Review", "Review 1 of 5", "From: Strong passwords")
	first := h.quiz().question().ID
	h.keys(rightAnswerKeys(h.quiz())...)
	h.keys("enter")
	h.requireScreen("✓ Correct")
	// Leave in the middle: the session stays open, and the answer is kept.
	h.keys("enter", "esc")
	if h.active() != homeScreen {
		t.Fatalf("esc in a review went to %v, want home", h.active())
	}
	r, open, err := h.store.OpenReview(h.m.c.profileID())
	if err != nil || !open || len(r.Answers) != 1 || r.Answers[0].Card.Question != first || r.Answers[0].Rating != progress.Good {
		t.Fatalf("open review %+v %v %v", r, open, err)
	}
	card, _ := h.store.Card(h.m.c.profileID(), r.Answers[0].Card)
	if card.LastRating != progress.Good || card.Reps != 2 {
		t.Errorf("the reviewed card was not rescheduled: %+v", card)
	}
	// Coming back resumes at the second card.
	h.keys("g", "down", "enter")
	h.requireScreen("Review 2 of 5")
	for h.active() == quizScreen {
		q := h.quiz().question()
		if q.ID == "write-down" { // get one wrong, to see it in the summary
			if rightAnswerKeys(h.quiz())[0] == "1" {
				h.keys("2")
			} else {
				h.keys("1")
			}
		} else {
			h.keys(rightAnswerKeys(h.quiz())...)
		}
		h.keys("enter", "enter")
	}
	if h.active() != reviewDoneScreen {
		t.Fatalf("after the last card the screen is %v", h.active())
	}
	screen := h.screen()
	for _, want := range []string{"Review finished", "You reviewed 5 cards", "4 right", "1 to see again soon", "Look at these again"} {
		if !strings.Contains(screen, want) {
			t.Errorf("summary lacks %q:\n%s", want, screen)
		}
	}
	if _, open, _ := h.store.OpenReview(h.m.c.profileID()); open {
		t.Error("the finished review is still open")
	}
	days, _ := h.store.Days(h.m.c.profileID())
	if len(days) != 1 || days[0].Cards != 5 || !days[0].Counts {
		t.Errorf("day %+v: five cards reviewed should count", days)
	}
}

// TestNoReviewRowWithNothingDue: a new learner has no cards, so no row.
func TestNoReviewRowWithNothingDue(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "graduate")
	if strings.Contains(h.screen(), "Review") {
		t.Errorf("a review row with no cards:\n%s", h.screen())
	}
	// The first module is the row after Continue.
	h.keys("down", "enter")
	if h.active() != moduleScreen {
		t.Errorf("the second row opened %v, want the first module", h.active())
	}
}
