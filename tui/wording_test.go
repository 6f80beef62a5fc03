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
