package tui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
)

// screenWatcher reads a teatest program's output into a terminal
// emulator, so tests can wait for what the learner would see: Bubble Tea
// sends only changed cells, so the raw bytes seldom hold whole lines.
type screenWatcher struct {
	tm  *teatest.TestModel
	emu *vt.Emulator
}

func (w *screenWatcher) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	buf := make([]byte, 64<<10)
	for time.Now().Before(deadline) {
		n, _ := w.tm.Output().Read(buf)
		// A terminal's line discipline turns \n into \r\n (ONLCR); the
		// test output is not a terminal, so do it here.
		w.emu.Write(bytes.ReplaceAll(buf[:n], []byte("\n"), []byte("\r\n")))
		if strings.Contains(w.emu.String(), want) {
			return
		}
		if n == 0 {
			time.Sleep(5 * time.Millisecond)
		}
	}
	t.Fatalf("the screen does not show %q:\n%s", want, w.emu.String())
}

func (w *screenWatcher) press(keys ...string) {
	for _, k := range keys {
		for _, msg := range keyPresses(k) {
			w.tm.Send(msg)
		}
	}
}

// TestSmokeLessonQuizBadge runs the real Bubble Tea event loop and
// renderer: a learner opens a lesson, answers its quiz and sees a badge
// awarded; the badge is then in the progress file.
func TestSmokeLessonQuizBadge(t *testing.T) {
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "staff", testNow); err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Pack: loadTestPack(t), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI256), tea.WithEnvironment([]string{"TERM=xterm-256color"})))
	w := &screenWatcher{tm: tm, emu: vt.NewEmulator(100, 30)}
	// The emulator answers the program's terminal queries through a pipe
	// that must be drained or its writes block. The answers are not needed
	// here. The goroutine ends with the test process: closing the emulator
	// while it reads would race inside the vt package.
	go io.Copy(io.Discard, w.emu)

	w.waitFor(t, "Start: Strong passwords")
	w.press("enter")
	w.waitFor(t, "By the end of this lesson you can")
	w.press("enter")
	steps := []struct{ keys []string }{
		{[]string{"2", "enter"}},
		{[]string{"space", "down", "space", "enter"}},
		{[]string{"2", "enter"}},
		{[]string{"7726", "enter"}},
		{[]string{"72", "enter"}},
	}
	for i, s := range steps {
		w.waitFor(t, "Question "+string(rune('1'+i))+" of 5")
		w.press(s.keys...)
		w.waitFor(t, "✓ Correct")
		w.press("enter")
	}
	w.waitFor(t, "★ New badge: Flawless")
	w.waitFor(t, "You scored 5 of 5 (100%)")
	w.press("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if got := screenName(final.screens.top()); got != resultsScreen {
		t.Errorf("final screen %v, want results", got)
	}
	badges, err := store.Badges(final.c.profileID(), "test-pack")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := badges["flawless"]; !ok {
		t.Errorf("badges in the file %v, want flawless", badges)
	}
}
