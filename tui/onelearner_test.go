package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/progress"
)

// TestOneLearnerCannotReachOtherLearners: with OneLearner (a server's
// session), neither the key nor the message that opens the picker shows
// the other learners in the file, and a missing profile is an error, not
// a welcome form that would create one.
func TestOneLearnerCannotReachOtherLearners(t *testing.T) {
	store := openStore(t)
	for _, name := range []string{"Asha", "Bryn"} {
		if _, err := store.CreateProfile(name, "staff", testNow); err != nil {
			t.Fatal(err)
		}
	}
	m, err := New(Options{Store: store, Pack: loadTestPack(t), Profile: "Asha", Now: fixedNow, OneLearner: true})
	if err != nil {
		t.Fatalf("new model: %v", err)
	}
	m.c.saveDelay = 0
	h := &harness{t: t, m: m, store: store}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.keys("p")
	h.send(switchLearnerMsg{})
	h.run(h.m.c.profilesCmd())
	if s := h.screen(); strings.Contains(s, "Bryn") {
		t.Fatalf("the other learner is on screen:\n%s", s)
	}
	if _, err := New(Options{Store: store, Pack: loadTestPack(t), Profile: "Nobody", OneLearner: true}); !errors.Is(err, progress.ErrNotFound) {
		t.Fatalf("unknown profile: err = %v, want ErrNotFound", err)
	}
}
