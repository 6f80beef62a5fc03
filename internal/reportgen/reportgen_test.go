package reportgen

import (
	"path/filepath"
	"testing"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// TestGenerateSmall: the generated file has the learners and teams asked
// for, activity for all but new starters, and a pack whose first two
// modules are required.
func TestGenerateSmall(t *testing.T) {
	dir := t.TempDir()
	pack, _, err := WritePack(dir, Small)
	if err != nil {
		t.Fatal(err)
	}
	if reqs := pack.Requirements(); len(reqs) != 2 || reqs[0].RenewMonths != 12 || len(reqs[1].Roles) != 1 {
		t.Fatalf("requirements %+v, want m0 yearly and m1 for managers", reqs)
	}
	path := filepath.Join(dir, "upskill.db")
	if err := Generate(path, pack, Small); err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	profiles, err := store.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) != Small.Learners {
		t.Fatalf("%d learners, want %d", len(profiles), Small.Learners)
	}
	teams := map[string]int{}
	for i, p := range profiles {
		teams[p.Team]++
		lessons, err := store.Lessons(p.ID, PackID)
		if err != nil {
			t.Fatal(err)
		}
		newStarter := i%20 == 3
		if newStarter != (len(lessons) == 0) {
			t.Errorf("learner %d (%s): %d lessons; new starter %v", i, p.Name, len(lessons), newStarter)
		}
	}
	if len(teams) != Small.Teams {
		t.Errorf("teams %v, want %d", teams, Small.Teams)
	}
}
