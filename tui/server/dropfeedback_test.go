package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// TestDroppedAfterFeedbackKeepsTheAnswer: a connection cut right after the
// learner saw an answer marked loses nothing: the answer is in the file,
// and on reconnecting the quiz carries on at the next question.
func TestDroppedAfterFeedbackKeepsTheAnswer(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Asha Patel")
	c.press("enter") // Continue: the first lesson
	c.waitFor("% read")
	c.press("G", "enter") // to the end, then the quiz
	c.waitFor("Question 1 of 5")
	c.press("enter") // answer with the first choice
	c.waitUntil("the answer marked", func(s string) bool {
		return strings.Contains(s, "Correct") || strings.Contains(s, "Not quite")
	})
	c.conn.Close()

	p, err := ts.store.ProfileByName("Asha Patel")
	if err != nil {
		t.Fatal(err)
	}
	lk := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	a, open, err := ts.store.OpenAttempt(p.ID, lk)
	if err != nil || !open || len(a.Answers) != 1 {
		t.Fatalf("after the drop the attempt is %+v (open %v, %v); want one answer on record", a, open, err)
	}

	// Reconnect: the first session is gone, or is offered for takeover.
	deadline := time.Now().Add(waitLimit)
	var c2 *client
	for {
		c2 = ts.dial(clientOptions{auth: keyAuth(key)})
		c2.waitUntil("home or the takeover question", func(s string) bool {
			return strings.Contains(s, "Continue the quiz") || strings.Contains(s, "already have Upskill open")
		})
		if strings.Contains(c2.screen(), "Continue the quiz") {
			break
		}
		c2.conn.Close()
		if time.Now().After(deadline) {
			t.Fatalf("the dropped session was never let go:\n%s", c2.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	c2.press("enter")
	c2.waitFor("Question 2 of 5")
	if strings.Contains(c2.screen(), "Question 1 of 5") {
		t.Errorf("the answered question was asked again:\n%s", c2.screen())
	}
}

// TestShutdownDuringAnswersKeepsEveryAcknowledgedAnswer: learners answer
// while the server is told to stop; every answer whose feedback a learner
// saw is in the file afterwards.
func TestShutdownDuringAnswersKeepsEveryAcknowledgedAnswer(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	names := []string{"Asha Patel", "Ben Okoro", "Cat Evans"}
	clients := make([]*client, len(names))
	for i, n := range names {
		clients[i] = ts.dial(clientOptions{auth: keyAuth(ts.learner(n))})
		clients[i].waitFor(n)
		clients[i].press("enter")
		clients[i].waitFor("% read")
		clients[i].press("G", "enter")
		clients[i].waitFor("Question 1 of 5")
		clients[i].press("enter")
		clients[i].waitUntil("the first answer marked", func(s string) bool {
			return strings.Contains(s, "Correct") || strings.Contains(s, "Not quite")
		})
		clients[i].press("enter") // on to question 2
		clients[i].waitFor("Question 2 of 5")
		clients[i].press("enter") // answer it as the server stops
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for i, n := range names {
		p, err := ts.store.ProfileByName(n)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := ts.store.OpenAttempt(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
		if err != nil {
			t.Fatal(err)
		}
		// The feedback the learner saw on question 2 was acknowledged.
		saw := 1
		if strings.Contains(afterLast(clients[i].output(), "Question 2 of 5"), "Correct") || strings.Contains(afterLast(clients[i].output(), "Question 2 of 5"), "Not quite") {
			saw = 2
		}
		if len(a.Answers) < saw {
			t.Errorf("%s saw %d answers marked; the file has %d", n, saw, len(a.Answers))
		}
	}
}

// afterLast is what s holds after the last sep, or "".
func afterLast(s, sep string) string {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return ""
	}
	return s[i+len(sep):]
}
