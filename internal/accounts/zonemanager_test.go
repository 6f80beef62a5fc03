package accounts

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones these tests name, on any machine

	"github.com/upskill-council/upskill/progress"
)

func TestSetTimeZoneAndManager(t *testing.T) {
	s := newStore(t)
	e := mustEnrolment(t, "Ada", "staff", "Revenues", "")
	if err := e.SetTimeZone("Pacific/Auckland"); err != nil {
		t.Fatal(err)
	}
	if _, err := Invite(s, progress.AccessTrainer, e, now); err != nil {
		t.Fatal(err)
	}
	if err := e.SetTimeZone("Atlantis/Capital"); !errors.Is(err, progress.ErrInvalidTimeZone) {
		t.Errorf("a zone that is not one: %v", err)
	}
	for _, name := range []string{"Ada", "Bea", "Cy"} {
		if _, err := s.CreateProfile(name, "staff", now); err != nil {
			t.Fatal(err)
		}
	}
	p, err := SetTimeZone(s, progress.AccessTrainer, "ada", "Europe/Paris")
	if err != nil || p.TimeZone != "Europe/Paris" {
		t.Fatalf("SetTimeZone = %+v %v", p, err)
	}
	if _, err := SetTimeZone(s, progress.AccessAdmin, "ada", "Mars/Base"); !errors.Is(err, progress.ErrInvalidTimeZone) {
		t.Errorf("a bad zone: %v", err)
	}
	if _, err := SetManager(s, progress.AccessAdmin, "Ada", "Bea"); err != nil {
		t.Fatal(err)
	}
	if _, err := SetManager(s, progress.AccessAdmin, "Bea", "Ada"); !errors.Is(err, progress.ErrManagerLoop) {
		t.Errorf("Bea managed by Ada, who Bea manages: %v", err)
	}
	if _, err := SetManager(s, progress.AccessAdmin, "Ada", "Nobody"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("an unknown manager: %v", err)
	}
	list, err := List(s, progress.AccessAdmin)
	if err != nil || list[0].Manager != "Bea" || list[0].TimeZone != "Europe/Paris" {
		t.Fatalf("List = %+v %v", list, err)
	}
	var b strings.Builder
	if err := WriteList(&b, list); err != nil || !strings.Contains(b.String(), "MANAGER") || !strings.Contains(b.String(), "Europe/Paris") {
		t.Errorf("WriteList:\n%s", b.String())
	}
	if p, err := SetManager(s, progress.AccessAdmin, "Ada", Clear); err != nil || p.Manager != 0 {
		t.Errorf("clearing the manager: %+v %v", p, err)
	}
	if p, err := SetTimeZone(s, progress.AccessAdmin, "Ada", Clear); err != nil || p.TimeZone != "" {
		t.Errorf("clearing the zone: %+v %v", p, err)
	}
	// A renamed-free check that the manager is kept by id: Describe names them.
	if _, err := SetManager(s, progress.AccessAdmin, "Cy", "Ada"); err != nil {
		t.Fatal(err)
	}
	cy, _ := s.ProfileByName("Cy")
	if got := Describe(s, cy); !strings.Contains(got, "managed by Ada") {
		t.Errorf("Describe = %q", got)
	}
}

// TestImportTimeZonesAndManagersInOneGo: the timezone and manager
// columns; a manager on the list or in the file; a bad zone or an unknown
// manager refused with its line, changing nothing.
func TestImportTimeZonesAndManagersInOneGo(t *testing.T) {
	s := newStore(t)
	if _, err := s.CreateProfile("Director", "manager", now); err != nil {
		t.Fatal(err)
	}
	_, adaKey := newKey(t, "ada@pc")
	bad := "name,role,team,timezone,manager,key\n" +
		"Ada,staff,Revenues,Pacific/Auckland,Bea," + strings.TrimSpace(adaKey) + "\n" +
		"Bea,manager,Revenues,Europe/Lundun,Director,\n" + // line 3: bad zone
		"Cy,staff,Revenues,,Nobody,\n" + // line 4: unknown manager
		"Dee,staff,Revenues,,dee,\n" // line 5: own manager
	_, err := Import(s, progress.AccessAdmin, strings.NewReader(bad), now)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 3 || ie.Problems[0].Line != 3 || ie.Problems[1].Line != 4 || ie.Problems[2].Line != 5 {
		t.Fatalf("Import = %v, want problems on lines 3, 4 and 5", err)
	}
	if ps, _ := s.Profiles(); len(ps) != 1 {
		t.Fatalf("a refused list made learners: %+v", ps)
	}
	good := "name,role,team,timezone,manager,key\n" +
		"Ada,staff,Revenues,Pacific/Auckland,Bea," + strings.TrimSpace(adaKey) + "\n" +
		"Bea,manager,Revenues,Europe/London,Director,\n" +
		"Cy,staff,Revenues,,Bea,\n"
	r, err := Import(s, progress.AccessAdmin, strings.NewReader(good), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.WithKey) != 1 || len(r.Invites) != 2 {
		t.Errorf("Import = %+v", r)
	}
	list, err := List(s, progress.AccessAdmin)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Learner{}
	for _, l := range list {
		got[l.Name] = l
	}
	// Bea is listed although only invited, as Ada's and Cy's manager; Cy
	// is made when they use their code.
	if got["Ada"].Manager != "Bea" || got["Ada"].TimeZone != "Pacific/Auckland" || got["Bea"].Manager != "Director" ||
		got["Bea"].TimeZone != "Europe/London" {
		t.Errorf("after the import: %+v", list)
	}
	if _, listed := got["Cy"]; listed {
		t.Errorf("Cy, invited only, is listed before enrolling")
	}
}

// racingStore binds a key to another learner just before the import's
// transaction, as a session enrolling that key meanwhile would.
type racingStore struct {
	*progress.Store
	race func()
}

func (r racingStore) EnrolLearners(batch []progress.Enrolment, at time.Time) ([]progress.Profile, error) {
	r.race()
	return r.Store.EnrolLearners(batch, at)
}

// TestImportRaceChangesNothing: a row refused inside the one transaction
// (its key taken since the checks) is reported with its line, and no row
// of the list is stored.
func TestImportRaceChangesNothing(t *testing.T) {
	s := newStore(t)
	other, err := s.CreateProfile("Other", "staff", now)
	if err != nil {
		t.Fatal(err)
	}
	_, line := newKey(t, "cy@pc")
	key, err := ParseKey([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	rs := racingStore{s, func() {
		if err := s.AddKey(other.ID, key.Fingerprint, key.Line, "", now); err != nil {
			t.Fatal(err)
		}
	}}
	list := "name,role,key\nAda,staff,\nBea,staff,\nCy,staff," + strings.TrimSpace(line) + "\n"
	_, err = Import(rs, progress.AccessAdmin, strings.NewReader(list), now)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Line != 4 {
		t.Fatalf("Import = %v, want a problem on line 4", err)
	}
	if ps, _ := s.Profiles(); len(ps) != 1 {
		t.Errorf("a refused import left %d learners, want only Other", len(ps))
	}
	if invs, _ := s.Invites(); len(invs) != 0 {
		t.Errorf("a refused import left invites: %+v", invs)
	}
}
