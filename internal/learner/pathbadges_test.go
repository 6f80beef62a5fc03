package learner

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// TestPathBadges: a manager whose path is module two alone can earn the
// perfect score on lesson c, any perfect score, but not module one's
// badges nor the staff path's; staff, whose path holds both modules, can
// earn all but none.
func TestPathBadges(t *testing.T) {
	manifest := strings.Replace(testManifest, "paths:\n", "paths:\n  - audience: manager\n    title: Managers\n    modules: [two]\n", 1)
	pack, err := lessons.Load(fstest.MapFS{
		"pack.yaml":    {Data: []byte(manifest)},
		"lessons/a.md": {Data: []byte(lesson("a", true))},
		"lessons/b.md": {Data: []byte(lesson("b", false))},
		"lessons/c.md": {Data: []byte(lesson("c", true))},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(bs []lessons.Badge) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.ID)
		}
		return out
	}
	for _, c := range []struct {
		role        string
		path, other []string
	}{
		{"manager", []string{"perfect-c", "perfect-any"}, []string{"one-done", "one-sharp", "staff-done"}},
		{"staff", []string{"one-done", "one-sharp", "perfect-c", "perfect-any", "staff-done"}, nil},
	} {
		p := &Progress{Pack: pack, Profile: progress.Profile{Role: c.role}}
		path, other := p.PathBadges()
		if !slices.Equal(ids(path), c.path) || !slices.Equal(ids(other), c.other) {
			t.Errorf("%s: path badges %v and others %v, want %v and %v", c.role, ids(path), ids(other), c.path, c.other)
		}
	}
}

// TestReportListsEarnedBadgesFirst: the progress report lists the badges
// earned before those still locked, as the app does, each group in the
// pack's order.
func TestReportListsEarnedBadgesFirst(t *testing.T) {
	f := newFixture(t, "staff")
	if _, err := f.store.AwardBadge(f.profile.ID, "p", "staff-done", now); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.AwardBadge(f.profile.ID, "p", "perfect-c", now); err != nil {
		t.Fatal(err)
	}
	p := f.load()
	r := NewLearnerReport(p, ReportInputs{Today: now})
	r.AddPack(p, 0)
	var got []string
	for _, b := range r.Packs[0].Badges {
		got = append(got, b.ID+":"+string(b.State))
	}
	want := []string{"perfect-c:earned", "staff-done:earned", "one-done:locked", "one-sharp:locked", "perfect-any:locked"}
	if !slices.Equal(got, want) {
		t.Errorf("badges in the report %v, want %v", got, want)
	}
}
