package accounts

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/progress"
)

func TestImportEnrolsAndInvites(t *testing.T) {
	s := newStore(t)
	_, adaKey := newKey(t, "ada@pc")
	list := "\ufeffName,Role,Team,Email,Key\n" +
		"Ada Lovelace,council staff,Revenues,ada@example.gov.uk," + strings.TrimSpace(adaKey) + "\n" +
		"\n" + // blank lines are skipped
		"\"Brown, Bea\",managers and leaders,Planning,bea@example.gov.uk,\n"
	r, err := Import(s, progress.AccessAdmin, strings.NewReader(list), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.WithKey) != 1 || len(r.Invites) != 1 || r.Invites[0].Name != "Brown, Bea" || r.Invites[0].Email != "bea@example.gov.uk" {
		t.Fatalf("Import = %+v", r)
	}
	if !strings.Contains(r.Text(), r.Invites[0].Code) {
		t.Errorf("the text does not give the code: %q", r.Text())
	}
	ada, err := s.ProfileByName("ada lovelace")
	if err != nil || ada.Role != "staff" || ada.Team != "Revenues" {
		t.Errorf("Ada: %+v, %v", ada, err)
	}
	if _, err := s.ProfileByName("Brown, Bea"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("an invited learner exists before enrolling: %v", err)
	}
	// Importing the same list again updates, and invites Bea again (she
	// has no key), but does not invite Ada, who has one.
	r, err = Import(s, progress.AccessAdmin, strings.NewReader(strings.Replace(list, "Revenues", "Planning", 1)), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.WithKey) != 1 || len(r.Invites) != 1 {
		t.Errorf("the second import: %+v", r)
	}
	if ada, _ := s.ProfileByName("ada lovelace"); ada.Team != "Planning" {
		t.Errorf("Ada's team after the second import: %q", ada.Team)
	}
}

func TestImportReportsEveryBadRowAndChangesNothing(t *testing.T) {
	s := newStore(t)
	_, k1 := newKey(t, "")
	k1 = strings.TrimSpace(k1)
	list := strings.Join([]string{
		"name,role,team,email,key,access",
		"Ada,staff,Revenues,,,",                            // 2: good
		",staff,,,,",                                       // 3: no name
		"Bea,wizard,,,,",                                   // 4: bad role
		"Cy,staff,,not-an-email,,",                         // 5: bad email
		"Dee,staff,,,ssh-ed25519 garbage,",                 // 6: bad key
		"Eve,staff,,,,root",                                // 7: bad access
		"ada,graduate,,,,",                                 // 8: Ada twice
		"Fay,staff,,,-----BEGIN OPENSSH PRIVATE KEY-----,", // 9: private key
		"Gus,staff,,," + k1 + ",",                          // 10: good
		"Hal,staff,,," + k1 + ",",                          // 11: the same key
		"Ivy,staff,,,,,extra",                              // 12: too many fields
	}, "\n") + "\n"
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Import(s, progress.AccessAdmin, strings.NewReader(list), now)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("Import = %v, want an *ImportError", err)
	}
	var lines []int
	for _, p := range ie.Problems {
		lines = append(lines, p.Line)
	}
	want := []int{3, 4, 5, 6, 7, 8, 9, 11, 12}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("bad lines %v, want %v:\n%v", lines, want, err)
	}
	for _, words := range []string{"line 4: \"wizard\"", "line 8: ada is on line 2", "line 9: key: that is a PRIVATE key", "line 11: the key is on line 10"} {
		if !strings.Contains(err.Error(), words) {
			t.Errorf("the error does not say %q:\n%v", words, err)
		}
	}
	after, _ := os.ReadFile(s.Path())
	if string(before) != string(after) {
		t.Errorf("a refused import changed the file")
	}
	if ps, _ := s.Profiles(); len(ps) != 0 {
		t.Errorf("a refused import made learners: %+v", ps)
	}
}

func TestImportHeaderProblems(t *testing.T) {
	s := newStore(t)
	for name, list := range map[string]string{
		"empty":          "",
		"no role column": "name,team\nAda,x\n",
		"unknown column": "name,role,phone\nAda,staff,123\n",
		"header only":    "name,role\n",
		"twice":          "name,role,name\nAda,staff,Ada\n",
	} {
		if _, err := Import(s, progress.AccessAdmin, strings.NewReader(list), now); err == nil {
			t.Errorf("%s: Import succeeded", name)
		}
	}
	if _, err := Import(s, progress.AccessTrainer, strings.NewReader("name,role,access\nAda,staff,admin\n"), now); !strings.Contains(err.Error(), "not allowed") {
		t.Errorf("a trainer importing an admin: %v", err)
	}
}
