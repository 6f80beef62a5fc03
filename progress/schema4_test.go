package progress

import (
	"errors"
	"os"
	"strconv"
	"testing"
	_ "time/tzdata" // the zones these tests name, on any machine

	bolt "go.etcd.io/bbolt"
)

// TestSchemaFourKeepsProfilesAndRefusesOlderReaders: a schema-3 file
// opens, becomes schema 4 with its profiles unchanged, and is backed up
// first. (A schema-3 Upskill refuses a schema-4 file with ErrNewerSchema
// instead of dropping its fields: TestOpenRefuses, its "newer schema" case.)
func TestSchemaFourKeepsProfilesAndRefusesOlderReaders(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p := mustProfile(t, s, "Ada")
	if err := s.SetTeam(p.ID, "Revenues"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("3")) })

	s = openAt(t, path)
	if got := metaValueOpen(t, s); got != strconv.Itoa(SchemaVersion) || SchemaVersion != 4 {
		t.Errorf("schema after upgrade %q (SchemaVersion %d), want 4", got, SchemaVersion)
	}
	got, err := s.ProfileByName("ada")
	if err != nil || got.Team != "Revenues" || got.ID != p.ID {
		t.Errorf("profile after the upgrade: %+v %v", got, err)
	}
	if _, err := os.Stat(path + ".schema-3.bak"); err != nil {
		t.Errorf("no backup of the schema-3 file: %v", err)
	}
}

func TestSetTimeZone(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p := mustProfile(t, s, "Ada")
	if err := s.SetTimeZone(p.ID, "Pacific/Auckland"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Mars/Olympus", "Local", "../../etc/passwd", "Europe/London\x1b[2J", "UTC; rm"} {
		if err := s.SetTimeZone(p.ID, bad); !errors.Is(err, ErrInvalidTimeZone) {
			t.Errorf("SetTimeZone(%q) = %v, want ErrInvalidTimeZone", bad, err)
		}
	}
	s.Close()
	s = openAt(t, path)
	if got, err := s.Profile(p.ID); err != nil || got.TimeZone != "Pacific/Auckland" {
		t.Errorf("after reopening: %+v %v", got, err)
	}
	if err := s.SetTimeZone(p.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Profile(p.ID); got.TimeZone != "" {
		t.Errorf("an empty zone kept %q", got.TimeZone)
	}
}

func TestSetManager(t *testing.T) {
	s := newStore(t)
	boss, mid, ada := mustProfile(t, s, "Boss"), mustProfile(t, s, "Mid"), mustProfile(t, s, "Ada")
	if err := s.SetManager(ada.ID, mid.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetManager(mid.ID, boss.ID); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string][2]uint64{"self": {ada.ID, ada.ID}, "loop": {boss.ID, ada.ID}} {
		if err := s.SetManager(c[0], c[1]); !errors.Is(err, ErrManagerLoop) {
			t.Errorf("%s: SetManager = %v, want ErrManagerLoop", name, err)
		}
	}
	if err := s.SetManager(ada.ID, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("a manager who does not exist: %v", err)
	}
	if got, _ := s.Profile(ada.ID); got.Manager != mid.ID {
		t.Errorf("Ada's manager %d, want %d", got.Manager, mid.ID)
	}
	// Purging the manager leaves Ada with none.
	if _, err := s.RemoveLearner(mid.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Profile(ada.ID); got.Manager != 0 {
		t.Errorf("after purging her manager, Ada's manager is %d", got.Manager)
	}
}

// TestEnrolLearnersAllOrNothing: a batch whose last learner is refused
// changes nothing; a good one makes every learner, binds keys, stores
// invites and sets managers enrolled in the same batch.
func TestEnrolLearnersAllOrNothing(t *testing.T) {
	s := newStore(t)
	owner := mustProfile(t, s, "Owner")
	if err := s.AddKey(owner.ID, testFingerprint("owned"), testKeyLine("owned"), "", t0); err != nil {
		t.Fatal(err)
	}
	good := []Enrolment{
		{Name: "Ada", Role: "staff", Team: "Revenues", TimeZone: "Pacific/Auckland", Manager: "Boss",
			KeyFingerprint: testFingerprint("ada"), KeyLine: testKeyLine("ada")},
		{Name: "Boss", Role: "manager", Access: AccessManager, InviteHash: testHash("boss"), InviteExpires: t0.AddDate(0, 0, 14), InviteOnly: true},
		{Name: "Cy", Role: "staff", Manager: "Boss", InviteHash: testHash("cy"), InviteExpires: t0.AddDate(0, 0, 14), InviteOnly: true},
	}
	bad := append(good[:3:3], Enrolment{Name: "Cy", Role: "staff", KeyFingerprint: testFingerprint("owned"), KeyLine: testKeyLine("owned")})
	if _, err := s.EnrolLearners(bad, t0); !errors.Is(err, ErrKeyInUse) {
		t.Fatalf("a batch with a key in use: %v", err)
	}
	if ps, _ := s.Profiles(); len(ps) != 1 {
		t.Errorf("a refused batch left %d learners, want 1", len(ps))
	}
	if invs, _ := s.Invites(); len(invs) != 0 {
		t.Errorf("a refused batch left invites: %+v", invs)
	}
	if _, err := s.ProfileByKey(testFingerprint("ada")); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused batch bound Ada's key: %v", err)
	}
	out, err := s.EnrolLearners(good, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || out[2].ID != 0 || out[0].Manager != out[1].ID || out[0].TimeZone != "Pacific/Auckland" || out[1].Access != AccessManager {
		t.Errorf("enrolled %+v", out)
	}
	if got, err := s.ProfileByKey(testFingerprint("ada")); err != nil || got.ID != out[0].ID {
		t.Errorf("Ada's key finds %+v %v", got, err)
	}
	if invs, _ := s.Invites(); len(invs) != 2 {
		t.Errorf("invites %+v", invs)
	}
	// Boss is made although invited only, since Ada names them as her
	// manager; Cy is made when they redeem their code, with their manager.
	if _, err := s.ProfileByName("Cy"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Cy, invited only, exists before redeeming: %v", err)
	}
	cy, err := s.RedeemInvite(testHash("cy"), testFingerprint("cy"), testKeyLine("cy"), t0)
	if err != nil || cy.Manager != out[1].ID {
		t.Errorf("Cy after redeeming: %+v %v; want manager %d", cy, err, out[1].ID)
	}
	// Boss redeems the invite made for them: the same profile.
	redeemed, err := s.RedeemInvite(testHash("boss"), testFingerprint("boss"), testKeyLine("boss"), t0)
	if err != nil || redeemed.ID != out[1].ID {
		t.Errorf("redeemed %+v %v, want learner %d", redeemed, err, out[1].ID)
	}
	for name, e := range map[string]Enrolment{
		"bad zone":       {Name: "Di", Role: "staff", TimeZone: "Nowhere/Land"},
		"own manager":    {Name: "Di", Role: "staff", Manager: "di"},
		"unknown boss":   {Name: "Di", Role: "staff", Manager: "Nobody"},
		"no role":        {Name: "Di"},
		"lesser access":  {Name: "Boss", Role: "staff"},
		"bad key":        {Name: "Di", Role: "staff", KeyFingerprint: "SHA256:x", KeyLine: "ssh-ed25519 AAAA"},
		"half an invite": {Name: "Di", Role: "staff", InviteHash: []byte{1}},
	} {
		if _, err := s.EnrolLearners([]Enrolment{e}, t0); err == nil {
			t.Errorf("%s: enrolled", name)
		}
	}
	if _, err := s.ProfileByName("Di"); !errors.Is(err, ErrNotFound) {
		t.Errorf("refused enrolments made Di: %v", err)
	}
}
