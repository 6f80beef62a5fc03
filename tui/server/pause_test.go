package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// quickPause is the pause used by these tests: short, so that sessions
// pause while the test waits for them.
const quickPause = 50 * time.Millisecond

// waitPaused waits until n live sessions have their renderer stopped.
func (ts *testServer) waitPaused(n int) {
	ts.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for ts.srv.sessions.paused() != n {
		if time.Now().After(deadline) {
			ts.t.Fatalf("%d sessions paused, want %d", ts.srv.sessions.paused(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestQuietSessionKeepsItsScreenAndWakesOnAKey: a session left alone
// stops drawing, its client's screen stays as it was (the alternate
// screen is not left, the cursor not shown), and the next key is taken
// and answered with a new frame.
func TestQuietSessionKeepsItsScreenAndWakesOnAKey(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.srv.quietPause = quickPause
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	c.waitFor("Asha Patel")
	// The pause comes after the first frame; whatever it writes reaches
	// the client before the frame that answers the next key (one SSH
	// channel keeps order), so no waiting on time is needed to see it.
	before := len(c.rawOutput())
	ts.waitPaused(1)
	screen := c.screen()
	if !strings.Contains(screen, "Asha Patel") {
		t.Fatalf("the paused session's screen changed:\n%s", screen)
	}
	c.press("enter") // open the first lesson
	c.waitFor("0% read")
	sincePause := c.rawOutput()[before:]
	for _, seq := range screenChanges {
		if strings.Contains(sincePause, string(seq)) {
			t.Errorf("the pause sent %q to the client", seq)
		}
	}
	ts.waitPaused(1) // and it pauses again when left
	c.press(" ")
	c.waitUntil("the lesson scrolled after a second pause", func(s string) bool {
		return strings.Contains(s, "Strong passwords") && !strings.Contains(s, " 0% read")
	})
}

// TestPausedSessionStillWarnsOfIdleTimeout: a paused session draws the
// idle warning, then ends with its reason.
func TestPausedSessionStillWarnsOfIdleTimeout(t *testing.T) {
	ts := startServer(t, Limits{IdleTimeout: 3 * time.Second, IdleWarning: 2 * time.Second}, nil)
	ts.srv.now = time.Now // the idle clock must move
	ts.srv.quietPause = quickPause
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	c.waitFor("Asha Patel")
	ts.waitPaused(1)
	c.waitFor("Upskill will close")
	if out := c.waitClosed(); !strings.Contains(out, "no key was pressed") {
		t.Fatalf("no word on why the session closed:\n%s", out)
	}
}

// TestPausedSessionRedrawsOnResize: a window change wakes a paused
// session, which draws a frame for the new size.
func TestPausedSessionRedrawsOnResize(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.srv.quietPause = quickPause
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel")), width: 80, height: 24, screenW: 120, screenH: 40})
	c.waitFor("Asha Patel")
	ts.waitPaused(1)
	if err := c.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	c.waitUntil("a frame 120 columns wide", func(s string) bool {
		for _, line := range strings.Split(s, "\n") {
			if len(strings.TrimRight(line, " ")) > 80 {
				return true
			}
		}
		return false
	})
}

// TestPausedSessionsHearTheShutdown: the restart message reaches
// sessions whose renderer is stopped, and the server still stops.
func TestPausedSessionsHearTheShutdown(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.srv.quietPause = quickPause
	a := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	b := ts.dial(clientOptions{auth: keyAuth(ts.learner("Bryn Jones"))})
	a.waitFor("Asha Patel")
	b.waitFor("Bryn Jones")
	ts.waitPaused(2)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, c := range []*client{a, b} {
		if out := c.waitClosed(); !strings.Contains(out, "Upskill is restarting; your progress is saved") {
			t.Fatalf("no restart message:\n%s", out)
		}
	}
}

// TestPausedSessionDroppedSavesItsPlace: a client that vanishes while
// its session is paused ends like any other: the reading position is
// saved and the learner is free again.
func TestPausedSessionDroppedSavesItsPlace(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.srv.quietPause = quickPause
	key := ts.learner("Asha Patel")
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Asha Patel")
	c.press("enter")
	c.waitFor("0% read")
	c.press(" ")
	c.waitUntil("the lesson scrolled", func(s string) bool { return !strings.Contains(s, " 0% read") })
	ts.waitPaused(1)
	c.conn.Close()
	p, err := ts.store.ProfileByName("Asha Patel")
	if err != nil {
		t.Fatal(err)
	}
	lesson := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	deadline := time.Now().Add(waitLimit)
	for {
		rec, err := ts.store.Lesson(p.ID, lesson)
		if err == nil && rec.Position > 0 && ts.srv.sessions.count() == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("position %+v (%v), %d sessions left", rec, err, ts.srv.sessions.count())
		}
		time.Sleep(5 * time.Millisecond)
	}
	again := ts.dial(clientOptions{auth: keyAuth(key)})
	again.waitFor("Asha Patel")
}
