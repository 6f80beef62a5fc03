package progress

import (
	"math"
	"testing"
	"time"
)

// TestPartialCredit: answers that are partly right count their score, the
// percentage is rounded, and passing is decided on the exact points.
func TestPartialCredit(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Sam")
	k := LessonKey{Pack: "p", Lesson: "l"}
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3"}, now)
	for _, ans := range []Answer{
		{Question: "q1", Correct: true, At: now},
		{Question: "q2", Score: 0.5, At: now},
		{Question: "q3", Score: 2.0 / 3, At: now},
	} {
		if err := s.RecordAnswer(p.ID, k, a.ID, rated(ans)); err != nil {
			t.Fatal(err)
		}
	}
	// 1 + 0.5 + 0.667 = 2.1667 of 3 = 72.2%.
	got := mustFinish(t, s, p.ID, k, a.ID, 73, now)
	if got.Correct != 1 || math.Abs(got.Points-13.0/6) > 1e-9 || got.Percent != 72 || got.Passed {
		t.Errorf("finished %+v, want 1 right, 2.1667 points, 72%%, not passed at 73", got)
	}
	last, ok, err := s.LastAttempt(p.ID, k)
	if err != nil || !ok || math.Abs(last.Points-got.Points) > 1e-9 || last.Answers[1].Score != 0.5 {
		t.Errorf("stored attempt %+v (%v, %v)", last, ok, err)
	}
	b := mustStart(t, s, p.ID, k, []string{"q1", "q2"}, now)
	s.RecordAnswer(p.ID, k, b.ID, rated(Answer{Question: "q1", Score: 0.5, At: now}))
	s.RecordAnswer(p.ID, k, b.ID, rated(Answer{Question: "q2", Score: 0.5, At: now}))
	if got := mustFinish(t, s, p.ID, k, b.ID, 50, now); got.Percent != 50 || !got.Passed {
		t.Errorf("two halves at pass mark 50: %+v", got)
	}
	if (Answer{Score: 7}).Points() != 1 || (Answer{Score: -1}).Points() != 0 {
		t.Error("Points does not keep the score within 0 and 1")
	}
}
