package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// TestKillOnLastFeedbackResumesAtResults answers every question of a quiz
// in the real binary, kills it with SIGKILL while the last feedback is on
// screen (the attempt fully answered but not closed), and starts it again.
// Continuing must show the results of the answers on record, and never
// ask a question again: the screen may not contradict the record.
func TestKillOnLastFeedbackResumesAtResults(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	term := startTUI(t, db)
	newLearnerInTUI(t, term, "Sam Patel")
	term.Press("enter")                // continue: the first lesson
	term.WaitFor("% read", screenWait) // the lesson is on screen
	term.Press("enter")                // take the quiz
	total := 0
	for {
		n := answerOne(t, term)
		screen := term.Screen()
		m := questionNumber.FindStringSubmatch(screen)
		if m == nil {
			t.Fatalf("no question number with the feedback:\n%s", screen)
		}
		fmt.Sscan(m[2], &total)
		if n == total {
			break // the last feedback is on screen
		}
		term.Press("enter")
		term.WaitFor(fmt.Sprintf("Question %d of %d", n+1, total), screenWait)
	}
	term.WaitFor("see your results", screenWait)
	term.Kill()

	points, percent, answered := openAttemptScore(t, db)
	if answered != total {
		t.Fatalf("%d answers on record after the kill, want all %d", answered, total)
	}
	term = startTUI(t, db)
	term.WaitFor("Continue the quiz", screenWait)
	term.Press("enter")
	want := fmt.Sprintf("You scored %s of %d (%d%%)", score.Marks(points), total, percent)
	screen := term.WaitFor(want, screenWait)
	if !strings.Contains(screen, "Quiz results") {
		t.Fatalf("continuing showed:\n%s", screen)
	}
	asked := fmt.Sprintf("Question %d of %d", total, total)
	if out := ansi.Strip(term.Output()); strings.Contains(out, asked) || strings.Contains(out, "so far") {
		t.Fatalf("the reopened quiz asked a question again (%q drawn):\n%s", asked, term.Screen())
	}
	term.Kill()
	if _, _, answered := openAttemptScore(t, db); answered != 0 {
		t.Errorf("the attempt is still open after its results were shown")
	}
}

// openAttemptScore reads the learner's open attempt at their first
// lesson: its points and percentage as the results will show them, and
// how many questions it has answers to (0 when none is open).
func openAttemptScore(t *testing.T, db string) (points float64, percent, answered int) {
	t.Helper()
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.ProfileByName("Sam Patel")
	if err != nil {
		t.Fatal(err)
	}
	prog, err := learner.Load(store, pack, p, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	a, open, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: prog.Next().ID})
	if err != nil {
		t.Fatal(err)
	}
	if !open {
		return 0, 0, 0
	}
	for _, ans := range a.Answers {
		points += ans.Points()
	}
	return points, score.Percent(points, float64(len(a.Questions))), len(a.Answers)
}
