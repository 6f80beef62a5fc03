package tui

import (
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// TestTimeSpentLeavesOutIdle reads a lesson and takes its quiz with a
// clock the test moves: gaps between key presses count, except one over
// five minutes, and the time is written per lesson and per quiz when the
// learner moves on.
func TestTimeSpentLeavesOutIdle(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "graduate")
	clock := testNow
	h.m.c.now = func() time.Time { return clock }
	step := func(d time.Duration, keys ...string) {
		clock = clock.Add(d)
		h.keys(keys...)
	}
	step(0, "enter")                   // open the lesson: the stopwatch starts
	step(40*time.Second, "down")       // 40 s reading
	step(20*time.Minute, "down")       // away for 20 minutes: not counted
	step(30*time.Second, "down")       // 30 s
	step(2*time.Minute, "enter")       // 2 minutes, then the quiz opens
	step(15*time.Second, "2", "enter") // 15 s on the first question
	step(5*time.Minute, "enter")       // exactly five minutes still counts
	step(10*time.Second, "esc")        // 10 s, then back to the lesson
	step(time.Minute, "esc")           // 1 minute more reading, then the module

	spent, err := h.store.Time(h.m.c.profileID())
	if err != nil {
		t.Fatal(err)
	}
	k := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	if got, want := spent.Reading[k], 40*time.Second+30*time.Second+2*time.Minute+time.Minute; got != want {
		t.Errorf("reading time %v, want %v", got, want)
	}
	if got, want := spent.Quizzes[k], 15*time.Second+5*time.Minute+10*time.Second; got != want {
		t.Errorf("quiz time %v, want %v", got, want)
	}
	days, _ := h.store.Days(h.m.c.profileID())
	if len(days) != 1 || days[0].Active != spent.Total() {
		t.Errorf("days %+v, want today's active time to be %v", days, spent.Total())
	}
}

// TestQuitWritesTimeSpent: quitting from a lesson keeps the time read.
func TestQuitWritesTimeSpent(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "graduate")
	clock := testNow
	h.m.c.now = func() time.Time { return clock }
	h.keys("enter")
	clock = clock.Add(90 * time.Second)
	h.keys("down")
	h.keys("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
	spent, _ := h.store.Time(h.m.c.profileID())
	if got := spent.Reading[progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}]; got != 90*time.Second {
		t.Errorf("reading time after quitting %v, want 90s", got)
	}
}
