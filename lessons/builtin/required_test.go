package builtin

import (
	"testing"

	"github.com/upskill-council/upskill/lessons"
)

// TestMandatoryModules: the three modules councils must have every member
// of staff do yearly are required of every role, renewed every 12 months,
// with 30 days for new starters; nothing else is.
func TestMandatoryModules(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"staying-safe": "Staying safe online", "information-rights": "Information rights", "ai-at-work": "Using AI at work safely"}
	reqs := p.Requirements()
	if len(reqs) != len(want) {
		t.Errorf("%d required modules, want %d", len(reqs), len(want))
	}
	for _, r := range reqs {
		if want[r.Module.ID] != r.Module.Title {
			t.Errorf("module %s (%q) is required", r.Module.ID, r.Module.Title)
		}
		if len(r.Roles) != 0 || r.RenewMonths != 12 || r.GraceDays != 30 {
			t.Errorf("%s: %s", r.Module.ID, r.Required)
		}
		for _, a := range lessons.Audiences {
			if !r.For(a) {
				t.Errorf("%s is not required for %s", r.Module.ID, a)
			}
		}
	}
}
