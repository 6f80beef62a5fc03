package accessible

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
)

// TestOneLearnerOffersNoOtherLearner: with OneLearner (a server's
// session for one key's owner), the home menu offers no way to switch
// learner, and a name with no profile is an error, not a welcome.
func TestOneLearnerOffersNoOtherLearner(t *testing.T) {
	store := openStore(t)
	for _, name := range []string{"Asha", "Bryn"} {
		if _, err := store.CreateProfile(name, "staff", testNow); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := catalog.Open(store, loadTestPack(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	in := &echoLines{lines: []string{"?"}, out: &out}
	if err := Run(context.Background(), Options{Store: store, Catalog: cat, Profile: "Asha", OneLearner: true,
		In: in, Out: &out, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), msgSwitchItem) || strings.Contains(out.String(), "Bryn") {
		t.Errorf("a one-learner session offers other learners:\n%s", out.String())
	}
	if !strings.Contains(out.String(), msgQuitItem) {
		t.Errorf("the home menu is not shown:\n%s", out.String())
	}
	before, _ := store.Profiles()
	out.Reset()
	err = Run(context.Background(), Options{Store: store, Catalog: cat, Profile: "Nobody", OneLearner: true,
		In: &echoLines{lines: []string{"Nobody", "1"}, out: &out}, Out: &out, Now: fixedNow})
	if !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("a one-learner session for nobody = %v, want ErrNotFound", err)
	}
	if after, _ := store.Profiles(); len(after) != len(before) {
		t.Errorf("a one-learner session made a learner")
	}
}
