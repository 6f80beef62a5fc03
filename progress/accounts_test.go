package progress

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// testFingerprint is a well-formed fingerprint, different for each seed.
func testFingerprint(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// testKeyLine is an authorized_keys line standing for seed's key.
func testKeyLine(seed string) string { return "ssh-ed25519 AAAA" + seed + " " + seed }

// testHash is a code hash, different for each seed.
func testHash(seed string) []byte {
	sum := sha256.Sum256([]byte("code " + seed))
	return sum[:]
}

func testInvite(name string, access Access) Invite {
	return Invite{Name: name, Role: "graduate", Team: "Revenues", Access: access, Created: t0, Expires: t0.Add(14 * 24 * time.Hour)}
}

func TestAccessDefaultsToLearnerAndIsKept(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p := mustProfile(t, s, "Ada")
	if p.Access != AccessLearner || p.Team != "" {
		t.Fatalf("new profile: access %q team %q, want learner and no team", p.Access, p.Team)
	}
	if err := s.SetAccess(p.ID, AccessManager); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTeam(p.ID, "  Adult\tsocial   care "); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(p.ID, "manager"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	got, err := s.ProfileByName("ada")
	if err != nil {
		t.Fatal(err)
	}
	if got.Access != AccessManager || got.Team != "Adult social care" || got.Role != "manager" {
		t.Errorf("after reopening: access %q team %q role %q", got.Access, got.Team, got.Role)
	}
}

func TestSetAccessRefusesUnknownLevelsAndEmptyRoles(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	for _, a := range []Access{"", "root", "Admin"} {
		if err := s.SetAccess(p.ID, a); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetAccess(%q) = %v, want ErrInvalid", a, err)
		}
	}
	if err := s.SetRole(p.ID, " \t"); !errors.Is(err, ErrInvalid) {
		t.Errorf("SetRole(blank) = %v, want ErrInvalid", err)
	}
	for _, err := range []error{s.SetAccess(99, AccessAdmin), s.SetTeam(99, "x"), s.SetRole(99, "staff")} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("on a learner not in the file: %v, want ErrNotFound", err)
		}
	}
	if got, _ := s.Profile(p.ID); got.Access != AccessLearner || got.Role != "staff" {
		t.Errorf("refused changes changed the profile: %+v", got)
	}
}

func TestUnknownAccessInFileIsDamage(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, s, "Ada")
	s.Close()
	db, err := bolt.Open(path, fileMode, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		rec, _ := json.Marshal(profileRecord{Name: "Ada", Role: "staff", Access: "root"})
		return tx.Bucket(bucketProfiles).Bucket(itob(p.ID)).Put(keyProfile, rec)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Profile(p.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Profile with access \"root\" = %v, want ErrCorrupt", err)
	}
}

func TestAccessCovers(t *testing.T) {
	for _, c := range []struct {
		a, b Access
		want bool
	}{
		{AccessLearner, AccessLearner, true}, {AccessLearner, AccessTrainer, false},
		{AccessTrainer, AccessLearner, true}, {AccessTrainer, AccessManager, false},
		{AccessManager, AccessTrainer, false}, {AccessManager, AccessAdmin, false},
		{AccessAdmin, AccessManager, true}, {AccessAdmin, AccessAdmin, true},
	} {
		if got := c.a.Covers(c.b); got != c.want {
			t.Errorf("%s.Covers(%s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestKeysBindOneLearnerEach(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	ada, bea := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	fp1, fp2 := testFingerprint("ada1"), testFingerprint("ada2")
	if _, err := s.ProfileByKey(fp1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ProfileByKey before any key = %v, want ErrNotFound", err)
	}
	if keys, err := s.Keys(ada.ID); err != nil || len(keys) != 0 {
		t.Fatalf("Keys before any key = %v, %v", keys, err)
	}
	for _, fp := range []string{fp1, fp2} {
		if err := s.AddKey(ada.ID, fp, testKeyLine(fp), "laptop", t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddKey(bea.ID, fp1, testKeyLine("x"), "", t0); !errors.Is(err, ErrKeyInUse) {
		t.Errorf("Bea adding Ada's key = %v, want ErrKeyInUse", err)
	}
	if err := s.AddKey(ada.ID, fp1, testKeyLine("other"), "new label", t0.Add(time.Hour)); err != nil {
		t.Errorf("Ada adding her key again = %v, want nil", err)
	}
	s.Close()
	s = openAt(t, path)
	got, err := s.ProfileByKey(fp2)
	if err != nil || got.ID != ada.ID || got.Name != "Ada" {
		t.Fatalf("ProfileByKey = %+v, %v; want Ada", got, err)
	}
	keys, err := s.Keys(ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 {
		t.Fatalf("Ada has %d keys, want 2: %+v", len(keys), keys)
	}
	for _, k := range keys {
		if k.Profile != ada.ID || k.AuthorizedKey != testKeyLine(k.Fingerprint) || k.Label != "laptop" || !k.Added.Equal(t0) {
			t.Errorf("key %+v: want Ada's, as first added", k)
		}
	}
	if keys, _ := s.Keys(bea.ID); len(keys) != 0 {
		t.Errorf("Bea has keys %+v", keys)
	}
	if err := s.RemoveKey(fp1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProfileByKey(fp1); !errors.Is(err, ErrNotFound) {
		t.Errorf("a removed key still finds %v", err)
	}
	if err := s.RemoveKey(fp1); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it twice = %v, want ErrNotFound", err)
	}
	if err := s.AddKey(bea.ID, fp1, testKeyLine(fp1), "", t0); err != nil {
		t.Errorf("a removed key cannot be given to Bea: %v", err)
	}
}

func TestAddKeyRefusesBadInput(t *testing.T) {
	s := newStore(t)
	ada := mustProfile(t, s, "Ada")
	good := testFingerprint("a")
	for _, c := range []struct{ name, fp, line string }{
		{"MD5 fingerprint", "MD5:12:34", testKeyLine("a")},
		{"short fingerprint", good[:40], testKeyLine("a")},
		{"padded fingerprint", good + "=", testKeyLine("a")},
		{"no prefix", good[len("SHA256:"):], testKeyLine("a")},
		{"empty key", good, " "},
		{"two lines", good, testKeyLine("a") + "\nssh-rsa AAAA evil"},
		{"escape sequence", good, testKeyLine("a") + "\x1b[2J"},
		{"huge key", good, "ssh-rsa " + string(bytes.Repeat([]byte("A"), maxAuthorizedKey))},
	} {
		if err := s.AddKey(ada.ID, c.fp, c.line, "", t0); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: AddKey = %v, want ErrInvalid", c.name, err)
		}
	}
	if err := s.AddKey(99, good, testKeyLine("a"), "", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddKey for nobody = %v, want ErrNotFound", err)
	}
	if keys, _ := s.Keys(ada.ID); len(keys) != 0 {
		t.Errorf("refused keys were stored: %+v", keys)
	}
}

func TestInviteSecretIsMadeOnceAndKept(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	first, err := s.InviteSecret()
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 32 || bytes.Equal(first, make([]byte, 32)) {
		t.Fatalf("secret %x: want 32 random bytes", first)
	}
	again, _ := s.InviteSecret()
	s.Close()
	s = openAt(t, path)
	reopened, err := s.InviteSecret()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) || !bytes.Equal(first, reopened) {
		t.Errorf("the secret changed: %x, %x, %x", first, again, reopened)
	}
	other, _ := newStore(t).InviteSecret()
	if bytes.Equal(first, other) {
		t.Errorf("two files have the same secret %x", first)
	}
}

func TestRedeemInviteMakesTheLearner(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	if err := s.CreateInvite(testInvite("Cy Twombly", AccessTrainer), testHash("cy")); err != nil {
		t.Fatal(err)
	}
	fp := testFingerprint("cy")
	at := t0.Add(time.Hour)
	p, err := s.RedeemInvite(testHash("cy"), fp, testKeyLine("cy"), at)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Cy Twombly" || p.Role != "graduate" || p.Team != "Revenues" || p.Access != AccessTrainer || p.ID == 0 {
		t.Errorf("enrolled %+v, want the invite's learner", p)
	}
	s.Close()
	s = openAt(t, path)
	if got, err := s.ProfileByKey(fp); err != nil || got != p {
		t.Errorf("ProfileByKey after reopening = %+v, %v; want %+v", got, err, p)
	}
	invs, err := s.Invites()
	if err != nil || len(invs) != 1 || !invs[0].Used.Equal(at) || invs[0].Profile != p.ID {
		t.Errorf("Invites = %+v, %v; want it used at %v by %d", invs, err, at, p.ID)
	}
	if _, err := s.RedeemInvite(testHash("cy"), testFingerprint("cy2"), testKeyLine("cy2"), at); !errors.Is(err, ErrInviteUsed) {
		t.Errorf("redeeming twice = %v, want ErrInviteUsed", err)
	}
}

func TestRedeemInviteRefusals(t *testing.T) {
	s := newStore(t)
	ada := mustProfile(t, s, "Ada")
	adaKey := testFingerprint("ada")
	if err := s.AddKey(ada.ID, adaKey, testKeyLine("ada"), "", t0); err != nil {
		t.Fatal(err)
	}
	inv := testInvite("Dee", AccessLearner)
	for _, seed := range []string{"expired", "inuse", "dee"} {
		if err := s.CreateInvite(inv, testHash(seed)); err != nil {
			t.Fatal(err)
		}
	}
	fresh := testFingerprint("dee")
	if _, err := s.RedeemInvite(testHash("nope"), fresh, testKeyLine("dee"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown code = %v, want ErrNotFound", err)
	}
	if _, err := s.RedeemInvite(testHash("expired"), fresh, testKeyLine("dee"), inv.Expires); !errors.Is(err, ErrInviteExpired) {
		t.Errorf("at the expiry time = %v, want ErrInviteExpired", err)
	}
	if _, err := s.RedeemInvite(testHash("inuse"), adaKey, testKeyLine("ada"), t0); !errors.Is(err, ErrKeyInUse) {
		t.Errorf("Ada's key = %v, want ErrKeyInUse", err)
	}
	// Every refusal left no learner and no used invite behind.
	if _, err := s.ProfileByName("Dee"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused redemption made the learner: %v", err)
	}
	invs, _ := s.Invites()
	for _, i := range invs {
		if !i.Used.IsZero() {
			t.Errorf("a refused redemption used an invite: %+v", i)
		}
	}
	if _, err := s.RedeemInvite(testHash("inuse"), fresh, testKeyLine("dee"), inv.Expires.Add(-time.Second)); err != nil {
		t.Errorf("a second before expiry = %v, want success", err)
	}
	if _, err := s.RedeemInvite(testHash("x"), "SHA256:short", testKeyLine("dee"), t0); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad fingerprint = %v, want ErrInvalid", err)
	}
}

func TestRedeemInviteForAnExistingLearner(t *testing.T) {
	s := newStore(t)
	ada := mustProfile(t, s, "Ada")
	if err := s.CreateInvite(testInvite("ada", AccessManager), testHash("ada")); err != nil {
		t.Fatal(err)
	}
	p, err := s.RedeemInvite(testHash("ada"), testFingerprint("ada-laptop"), testKeyLine("a"), t0)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != ada.ID || p.Access != AccessManager || p.Team != "Revenues" {
		t.Errorf("redeemed %+v, want Ada's profile %d as a manager in Revenues", p, ada.ID)
	}
	// An invite never hands a profile to someone with less access.
	if err := s.SetAccess(ada.ID, AccessAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateInvite(testInvite("Ada", AccessTrainer), testHash("takeover")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemInvite(testHash("takeover"), testFingerprint("mallory"), testKeyLine("m"), t0); !errors.Is(err, ErrInviteAccess) {
		t.Errorf("a trainer's invite for an admin = %v, want ErrInviteAccess", err)
	}
	if _, err := s.ProfileByKey(testFingerprint("mallory")); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused key was bound: %v", err)
	}
}

func TestCreateInviteRefusesBadInvites(t *testing.T) {
	s := newStore(t)
	good := testInvite("Ada", AccessLearner)
	for name, c := range map[string]struct {
		inv  Invite
		hash []byte
	}{
		"short hash":    {good, testHash("a")[:16]},
		"no name":       {Invite{Role: "staff", Created: t0, Expires: t0.Add(time.Hour)}, testHash("a")},
		"no role":       {Invite{Name: "Ada", Created: t0, Expires: t0.Add(time.Hour)}, testHash("a")},
		"bad access":    {Invite{Name: "Ada", Role: "staff", Access: "root", Created: t0, Expires: t0.Add(time.Hour)}, testHash("a")},
		"expires first": {Invite{Name: "Ada", Role: "staff", Created: t0, Expires: t0}, testHash("a")},
		"already used":  {Invite{Name: "Ada", Role: "staff", Created: t0, Expires: t0.Add(time.Hour), Used: t0}, testHash("a")},
	} {
		if err := s.CreateInvite(c.inv, c.hash); err == nil {
			t.Errorf("%s: CreateInvite succeeded", name)
		}
	}
	if err := s.CreateInvite(good, testHash("a")); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateInvite(good, testHash("a")); !errors.Is(err, ErrInvalid) {
		t.Errorf("the same code twice = %v, want ErrInvalid", err)
	}
	invs, err := s.Invites()
	if err != nil || len(invs) != 1 || invs[0].Access != AccessLearner {
		t.Errorf("Invites = %+v, %v; want the one good invite, for a learner", invs, err)
	}
}

func TestRemoveLearner(t *testing.T) {
	for _, purge := range []bool{false, true} {
		t.Run(fmt.Sprint("purge=", purge), func(t *testing.T) {
			s := newStore(t)
			ada, bea := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
			for i, p := range []Profile{ada, ada, bea} {
				fp := testFingerprint(fmt.Sprint(i))
				if err := s.AddKey(p.ID, fp, testKeyLine(fp), "", t0); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SetAccess(ada.ID, AccessAdmin); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveReading(ada.ID, LessonKey{"pack", "one"}, 0.5, t0); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"ADA", "Bea"} {
				if err := s.CreateInvite(testInvite(name, AccessLearner), testHash(name)); err != nil {
					t.Fatal(err)
				}
			}
			n, err := s.RemoveLearner(ada.ID, purge)
			if err != nil || n != 2 {
				t.Fatalf("RemoveLearner = %d, %v; want 2 keys removed", n, err)
			}
			if _, err := s.ProfileByKey(testFingerprint("0")); !errors.Is(err, ErrNotFound) {
				t.Errorf("Ada's key still lets her in: %v", err)
			}
			if p, err := s.ProfileByKey(testFingerprint("2")); err != nil || p.ID != bea.ID {
				t.Errorf("Bea's key: %+v, %v", p, err)
			}
			if _, err := s.RedeemInvite(testHash("ADA"), testFingerprint("new"), testKeyLine("n"), t0); !errors.Is(err, ErrNotFound) {
				t.Errorf("Ada's pending invite still works: %v", err)
			}
			if invs, _ := s.Invites(); len(invs) != 1 || invs[0].Name != "Bea" {
				t.Errorf("invites left: %+v, want Bea's", invs)
			}
			p, err := s.Profile(ada.ID)
			if purge {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("purged learner: %v, want ErrNotFound", err)
				}
				return
			}
			if err != nil || p.Access != AccessLearner {
				t.Errorf("removed learner: %+v, %v; want kept, as a learner", p, err)
			}
			if rec, err := s.Lesson(ada.ID, LessonKey{"pack", "one"}); err != nil || rec.Position != 0.5 {
				t.Errorf("removed learner's records: %+v, %v; want kept", rec, err)
			}
		})
	}
}
