package trainingreport

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/packgen"
	"github.com/upskill-council/upskill/internal/reportgen"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

var t0 = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

// fixture is a store with a generated pack "pk" (lessons l0, l1, ...)
// and its catalogue.
type fixture struct {
	t     *testing.T
	store *progress.Store
	cat   *catalog.Catalog
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root, err := packgen.WritePack(t.TempDir(), "pk", "Test pack", 2)
	if err != nil {
		t.Fatal(err)
	}
	// Module m0 (lessons l0 and l1) is required of everyone every year,
	// within 60 days of joining.
	if err := reportgen.MarkRequired(root, "m0", "      renew_months: 12\n      grace_days: 60\n"); err != nil {
		t.Fatal(err)
	}
	pack, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, cat: cat}
}

// learner adds a learner in team, who joined at t0.
func (f *fixture) learner(name, team string) progress.Profile {
	return f.joined(name, team, t0)
}

// joined adds a learner in team, who joined at at.
func (f *fixture) joined(name, team string, at time.Time) progress.Profile {
	f.t.Helper()
	p, err := f.store.CreateProfile(name, "staff", at)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.store.SetTeam(p.ID, team); err != nil {
		f.t.Fatal(err)
	}
	p.Team = team
	return p
}

// attempt takes lesson's quiz once, asking questions and getting right
// those whose entry in right is true; finish says whether it ends.
func (f *fixture) attempt(p progress.Profile, lesson string, questions []string, right []bool, finish bool) {
	f.t.Helper()
	f.attemptAt(p, lesson, questions, right, finish, t0)
}

// attemptAt is attempt at time at.
func (f *fixture) attemptAt(p progress.Profile, lesson string, questions []string, right []bool, finish bool, at time.Time) {
	f.t.Helper()
	t0 := at
	k := progress.LessonKey{Pack: "pk", Lesson: lesson}
	a, err := f.store.StartAttempt(p.ID, k, questions, 1, t0)
	if err != nil {
		f.t.Fatal(err)
	}
	for i, q := range questions {
		ans := progress.Answer{Question: q, Correct: right[i], Rating: progress.Good, At: t0}
		if !right[i] {
			ans.Rating = progress.Again
		}
		if err := f.store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
			f.t.Fatal(err)
		}
	}
	if finish {
		if _, err := f.store.FinishAttempt(p.ID, k, a.ID, 50, t0); err != nil {
			f.t.Fatal(err)
		}
	}
}

// completeModule passes both lessons of the required module at at.
func (f *fixture) completeModule(p progress.Profile, at time.Time) {
	f.t.Helper()
	for _, l := range []string{"l0", "l1"} {
		f.attemptAt(p, l, []string{"q0", "q1"}, []bool{true, true}, true, at)
	}
}
