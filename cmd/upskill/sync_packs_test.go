package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// groupingName is the name of the pack a queued statement is grouped
// under: the pack's title when the hook knew the pack, else its id.
func groupingName(t *testing.T, body []byte) string {
	t.Helper()
	var st struct {
		Context struct {
			ContextActivities struct {
				Grouping []struct {
					Definition struct {
						Name map[string]string `json:"name"`
					} `json:"definition"`
				} `json:"grouping"`
			} `json:"contextActivities"`
		} `json:"context"`
	}
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatal(err)
	}
	g := st.Context.ContextActivities.Grouping
	if len(g) != 1 {
		t.Fatalf("grouping %+v in %s", g, body)
	}
	return g[0].Definition.Name["en-GB"]
}

// TestHookLearnsPacksImportedWhileRunning: a pack imported through the
// running catalogue (as a trainer does over SSH) gives full definitions
// at once, and a pack removed is named by its id again.
func TestHookLearnsPacksImportedWhileRunning(t *testing.T) {
	configureLRS(t, "http://127.0.0.1:1/xAPI")
	opts := &options{db: filepath.Join(t.TempDir(), "upskill.db")}
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
		s := cat.Store()
		p, err := s.CreateProfile("Ada", "staff", at)
		if err != nil {
			return err
		}
		if _, err := cat.Import("../../tui/testdata/pack", catalog.ImportOptions{Now: at}); err != nil {
			return err
		}
		if err := s.SaveReading(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}, 0.5, at); err != nil {
			return err
		}
		if err := cat.Remove("test-pack", false); err != nil {
			return err
		}
		return s.SaveReading(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "scams"}, 0.5, at)
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := progress.Open(opts.db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	q, err := s.PeekOutbox(10)
	if err != nil || len(q) != 2 {
		t.Fatalf("%d queued (%v), want 2", len(q), err)
	}
	if got := groupingName(t, q[0].Body); got != "Test pack" {
		t.Errorf("after the import the pack is named %q, want its title", got)
	}
	if got := groupingName(t, q[1].Body); got != "test-pack" {
		t.Errorf("after the removal the pack is named %q, want its id", got)
	}
}
