package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// TestReviewSummaryAgrees: the count of cards still due and the words
// about them agree in number.
func TestReviewSummaryAgrees(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	for n, want := range map[int]string{1: "1 card is still due today. Press enter to review it.", 3: "3 cards are still due today. Press enter to review them."} {
		c := *h.m.c
		c.due = review.Counts{Today: n, Week: n}
		m := newReviewDone(&c, progress.Review{}, nil)
		if got := strings.Join(strings.Fields(ansi.Strip(m.content())), " "); !strings.Contains(got, want) {
			t.Errorf("with %d due the summary says:\n%s\nwant %q", n, got, want)
		}
	}
}

// TestWelcomeOffersTheAccessibleMode: the welcome screen says how to
// switch to the accessible mode, and the key quits the full screen for it.
func TestWelcomeOffersTheAccessibleMode(t *testing.T) {
	h := newHarness(t, 80, 24, nil, "")
	h.requireScreen("Using a screen reader? Press f2 for the accessible mode")
	h.keys("f2")
	if !h.quit || !h.m.WantsAccessible() {
		t.Fatalf("f2 on the welcome screen: quit %v, wants accessible %v", h.quit, h.m.WantsAccessible())
	}
}

// TestCursorOnContinueAfterReview: when the review row goes from home
// (no cards are due any more after a session), a cursor that was on it
// moves to Continue, so enter carries on learning rather than opening a
// module; a cursor on a module stays on that module.
func TestCursorOnContinueAfterReview(t *testing.T) {
	h := reviewAfterMistakes(t, 80, 24)
	h.keys("esc") // home, with cards due: the review row is there
	home := h.home()
	if home.reviewRows() != 1 || home.cursor.index != 1 {
		t.Fatalf("home has %d review rows, cursor on %d; want the review row under the cursor", home.reviewRows(), home.cursor.index)
	}
	c := *h.m.c
	c.due = review.Counts{}
	home.c = &c
	sc, _ := home.resize()
	if got := sc.(homeModel).cursor.index; got != 0 {
		t.Errorf("with the review row gone the cursor is on row %d, want 0 (Continue)", got)
	}
	home.cursor.index = 3 // the second module
	sc, _ = home.resize()
	if got := sc.(homeModel).cursor.index; got != 2 {
		t.Errorf("a cursor on the second module moved to row %d, want 2 (the same module)", got)
	}
}

// TestNewLearnerFormNamesNoOne: the welcome form for someone new does not
// show the learner who used Upskill before in its header.
func TestNewLearnerFormNamesNoOne(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("p")
	if h.active() != pickerScreen {
		t.Fatalf("p opened %v", h.active())
	}
	h.keys("n")
	if h.active() != welcomeScreen {
		t.Fatalf("n opened %v", h.active())
	}
	if header := strings.SplitN(h.screen(), "\n", 2)[0]; strings.Contains(header, "Sam Patel") {
		t.Errorf("the new learner's form shows the last learner: %q", header)
	}
}
