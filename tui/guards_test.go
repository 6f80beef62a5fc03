package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/progress"
)

// TestStaleAttemptIsNotResumed: an open attempt that asks a question the
// pack no longer has (the pack changed since) is not resumed; a new
// attempt starts. Resuming it would put a question that does not exist
// on screen.
func TestStaleAttemptIsNotResumed(t *testing.T) {
	store := openStore(t)
	p, err := store.CreateProfile("Sam Patel", "staff", testNow)
	if err != nil {
		t.Fatal(err)
	}
	key := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	stale, err := store.StartAttempt(p.ID, key, []string{"three-words", "removed-since"}, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 80, 24, store, "")
	h.keys("enter") // Continue: the lesson has an open attempt
	if h.active() != quizScreen {
		t.Fatalf("Continue opened %s, want the quiz:\n%s", h.active(), h.screen())
	}
	a, open, err := store.OpenAttempt(p.ID, key)
	if err != nil || !open {
		t.Fatalf("open attempt: %v, %v", open, err)
	}
	if a.ID == stale.ID {
		t.Fatalf("the stale attempt %d was resumed", stale.ID)
	}
	quiz := h.quiz()
	for i := range quiz.src.size() {
		if _, q := quiz.src.item(i); q == nil {
			t.Fatalf("question %d of the quiz on screen does not exist", i+1)
		}
	}
	h.requireScreen("Question 1 of 5")
}

// TestStaleRefreshIsDropped: progress read for one learner, arriving
// after another was chosen, must not replace the new learner's.
func TestStaleRefreshIsDropped(t *testing.T) {
	store := openStore(t)
	for _, name := range []string{"Sam Patel", "Priya Shah"} {
		if _, err := store.CreateProfile(name, "staff", testNow); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, 80, 24, store, "Sam Patel")
	sam := h.m.c.learner.Profile
	priya, err := store.ProfileByName("Priya Shah")
	if err != nil {
		t.Fatal(err)
	}
	stale := loadLearner(store, h.m.c.catalog, h.m.c.pack, priya, testNow)
	if _, ok := stale.(learnerLoadedMsg); !ok {
		t.Fatalf("load Priya: %v", stale)
	}
	h.send(stale)
	if got := h.m.c.learner.Profile; got.ID != sam.ID {
		t.Fatalf("a refresh for %s replaced %s's progress", got.Name, sam.Name)
	}
	h.requireScreen("Sam Patel")
}

// TestRenderCacheIsBounded: resizing a window through many widths keeps
// at most maxRenders renderings of a lesson.
func TestRenderCacheIsBounded(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter")
	if h.active() != lessonScreen {
		t.Fatalf("expected the lesson, got %s", h.active())
	}
	for w := 60; w < 60+3*maxRenders; w++ {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
	}
	if n := len(h.m.c.renders); n == 0 || n > maxRenders {
		t.Fatalf("%d renderings cached after %d widths, want 1 to %d", n, 3*maxRenders, maxRenders)
	}
	h.requireScreen("% read")
}

// TestStartRetiresCardsOfRemovedQuestions: a learner whose file has a
// review card for a question the pack no longer has gets it retired as
// the UI starts, even when no profile is chosen from the picker.
func TestStartRetiresCardsOfRemovedQuestions(t *testing.T) {
	store := openStore(t)
	p, err := store.CreateProfile("Sam Patel", "staff", testNow)
	if err != nil {
		t.Fatal(err)
	}
	key := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	a, err := store.StartAttempt(p.ID, key, []string{"removed-since"}, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.RecordAnswer(p.ID, key, a.ID, progress.Answer{Question: "removed-since", Rating: progress.Again, At: testNow}); err != nil {
		t.Fatal(err)
	}
	card := progress.CardKey{Pack: "test-pack", Lesson: "passwords", Question: "removed-since"}
	newHarness(t, 80, 24, store, "")
	c, err := store.Card(p.ID, card)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Retired {
		t.Fatal("the card of a question the pack no longer has is still scheduled")
	}
}
