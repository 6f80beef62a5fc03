package server

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/invite"
	"github.com/upskill-council/upskill/progress"
)

// codePattern finds a code in what `keys code` prints.
var codePattern = regexp.MustCompile(`[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}`)

func fingerprintOf(key gossh.Signer) string { return gossh.FingerprintSHA256(key.PublicKey()) }

// deviceCode runs `keys code` with key and returns the code it printed.
func (cs *cmdServer) deviceCode(key gossh.Signer) string {
	cs.t.Helper()
	r := cs.run(key, nil, "keys code")
	code := codePattern.FindString(r.stdout)
	if r.status != 0 || code == "" {
		cs.t.Fatalf("keys code: status %d, %q %q", r.status, r.stdout, r.stderr)
	}
	return code
}

// typeCode connects with a new key and types code on the enrolment
// screen.
func (cs *cmdServer) typeCode(key gossh.Signer, code string) *client {
	cs.t.Helper()
	c := cs.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Type the code your trainer gave you")
	c.press(code, "enter")
	return c
}

func (cs *cmdServer) owner(key gossh.Signer) (progress.Profile, error) {
	return cs.store.ProfileByKey(fingerprintOf(key))
}

// TestAddAComputerWithADeviceCode: the whole flow with two real keys. A
// learner asks for a code with their first key; a new key typing it on
// the enrolment screen opens that learner's UI, and is bound to that
// learner, not a new one; both keys are then listed, each says which
// one is the connection's, and the first can be removed from the second.
// A second use of the code binds nothing.
func TestAddAComputerWithADeviceCode(t *testing.T) {
	cs := startCmdServer(t)
	laptop := cs.keys[progress.AccessLearner]
	learner, err := cs.owner(laptop)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := cs.store.Profiles()
	code := cs.deviceCode(laptop)

	desktop := newKey(t)
	c := cs.typeCode(desktop, strings.ToLower(code))
	c.waitFor(learner.Name)
	if p, err := cs.owner(desktop); err != nil || p.ID != learner.ID {
		t.Fatalf("the new key belongs to %+v (%v), want %s", p, err, learner.Name)
	}
	if after, _ := cs.store.Profiles(); len(after) != len(before) {
		t.Errorf("a device code made a learner: %d learners, were %d", len(after), len(before))
	}
	if !strings.Contains(cs.logs.String(), `msg="key added" key=`+fingerprintOf(desktop)) {
		t.Errorf("the log does not say the key was added:\n%s", cs.logs.String())
	}
	if strings.Contains(cs.logs.String(), code) {
		t.Errorf("the log holds the code")
	}

	r := cs.run(desktop, nil, "keys list --json")
	var listed []keyView
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || r.status != 0 {
		t.Fatalf("keys list: %v, status %d, %q", err, r.status, r.stderr)
	}
	this := map[string]bool{}
	for _, k := range listed {
		this[k.Fingerprint] = k.ThisKey
	}
	if len(listed) != 2 || this[fingerprintOf(laptop)] || !this[fingerprintOf(desktop)] {
		t.Errorf("keys list from the desktop = %+v", listed)
	}

	// Someone else typing the same code gets nowhere.
	stranger := newKey(t)
	other := cs.typeCode(stranger, code)
	other.waitFor("That code has been used already")
	if p, err := cs.owner(stranger); err == nil {
		t.Errorf("a used device code bound a third key, to %s", p.Name)
	}

	if r := cs.run(desktop, nil, "keys remove "+fingerprintOf(desktop)); r.status != 1 || !strings.Contains(r.stderr, "this connection") {
		t.Errorf("removing the connection's own key: status %d, %q", r.status, r.stderr)
	}
	if r := cs.run(desktop, nil, "keys remove "+fingerprintOf(laptop)); r.status != 0 {
		t.Fatalf("removing the laptop's key: status %d, %q", r.status, r.stderr)
	}
	if _, err := cs.owner(laptop); err == nil {
		t.Errorf("the removed key still lets its holder in")
	}
	if !strings.Contains(cs.logs.String(), `msg="key removed"`) {
		t.Errorf("the log does not say the key was removed")
	}
}

// TestDeviceCodeBindsOnlyItsOwnLearner: two learners each ask for a
// code; each code binds a new key to the learner who asked, never to the
// other; an invite code is not a device code nor the reverse.
func TestDeviceCodeBindsOnlyItsOwnLearner(t *testing.T) {
	cs := startCmdServer(t)
	ann, bo := cs.keys[progress.AccessLearner], cs.keys[progress.AccessManager]
	annP, _ := cs.owner(ann)
	boP, _ := cs.owner(bo)
	annCode, boCode := cs.deviceCode(ann), cs.deviceCode(bo)

	boNew := newKey(t)
	cs.typeCode(boNew, boCode).waitFor(boP.Name)
	annNew := newKey(t)
	cs.typeCode(annNew, annCode).waitFor(annP.Name)
	if p, _ := cs.owner(boNew); p.ID != boP.ID {
		t.Errorf("Bo's code bound the key to %s", p.Name)
	}
	if p, _ := cs.owner(annNew); p.ID != annP.ID {
		t.Errorf("Ann's code bound the key to %s", p.Name)
	}
	// A device code hashed as an invite is not found (and the reverse is
	// the store's own test): the two never meet.
	secret, err := cs.store.InviteSecret()
	if err != nil {
		t.Fatal(err)
	}
	newCode := cs.deviceCode(ann)
	asInvite, _ := invite.Hash(secret, newCode)
	if _, err := cs.store.RedeemInvite(asInvite, fingerprintOf(newKey(t)), "ssh-ed25519 AAAA x", testNow); err == nil {
		t.Errorf("a device code worked as an invite")
	}
}

// TestExpiredDeviceCodeSaysSo: a code an hour old is refused with the
// reason, and binds nothing.
func TestExpiredDeviceCodeSaysSo(t *testing.T) {
	cs := startCmdServer(t)
	learner, _ := cs.owner(cs.keys[progress.AccessLearner])
	secret, err := cs.store.InviteSecret()
	if err != nil {
		t.Fatal(err)
	}
	code := invite.Generate()
	hash, _ := invite.DeviceHash(secret, code)
	made := testNow.Add(-invite.DeviceValidity - time.Minute)
	if err := cs.store.CreateDeviceCode(learner.ID, hash, made, made.Add(invite.DeviceValidity)); err != nil {
		t.Fatal(err)
	}
	key := newKey(t)
	cs.typeCode(key, code).waitFor("That code has expired")
	if p, err := cs.owner(key); err == nil {
		t.Errorf("an expired device code bound the key, to %s", p.Name)
	}
}

// TestLearnerCannotReachOthersKeys: a learner may neither list nor
// remove another learner's keys (a fingerprint not theirs is "not one of
// your keys", whoever owns it); an admin may, with --learner, but not
// remove anyone's last key.
func TestLearnerCannotReachOthersKeys(t *testing.T) {
	cs := startCmdServer(t)
	learner, admin := cs.keys[progress.AccessLearner], cs.keys[progress.AccessAdmin]
	adminP, _ := cs.owner(admin)
	learnerP, _ := cs.owner(learner)
	if r := cs.run(learner, nil, "keys list --learner '"+adminP.Name+"'"); r.status != 1 || !strings.Contains(r.stderr, "not allowed") ||
		strings.Contains(r.stdout, "SHA256:") {
		t.Errorf("a learner listing an admin's keys: status %d, %q %q", r.status, r.stdout, r.stderr)
	}
	if r := cs.run(learner, nil, "keys remove "+fingerprintOf(admin)); r.status != 1 || !strings.Contains(r.stderr, "not one of the keys") {
		t.Errorf("a learner removing an admin's key: status %d, %q", r.status, r.stderr)
	}
	if r := cs.run(learner, nil, "keys remove --learner '"+adminP.Name+"' "+fingerprintOf(admin)); r.status != 1 || !strings.Contains(r.stderr, "not allowed") {
		t.Errorf("a learner removing with --learner: status %d, %q", r.status, r.stderr)
	}
	if _, err := cs.owner(admin); err != nil {
		t.Fatalf("the admin's key was removed: %v", err)
	}
	r := cs.run(admin, nil, "keys list --learner '"+learnerP.Name+"'")
	if r.status != 0 || !strings.Contains(r.stdout, fingerprintOf(learner)) || strings.Contains(r.stdout, fingerprintOf(admin)) {
		t.Errorf("an admin listing a learner's keys: status %d, %q %q", r.status, r.stdout, r.stderr)
	}
	if r := cs.run(admin, nil, "keys remove --learner '"+learnerP.Name+"' "+fingerprintOf(learner)); r.status != 1 || !strings.Contains(r.stderr, "only key") {
		t.Errorf("an admin removing a learner's last key: status %d, %q", r.status, r.stderr)
	}
	second := newKey(t)
	if err := cs.store.AddKey(learnerP.ID, fingerprintOf(second), "ssh-ed25519 AAAA second", "", testNow); err != nil {
		t.Fatal(err)
	}
	if r := cs.run(admin, nil, "keys remove --learner '"+learnerP.Name+"' "+fingerprintOf(second)); r.status != 0 {
		t.Errorf("an admin removing a learner's second key: status %d, %q", r.status, r.stderr)
	}
	if _, err := cs.owner(second); err == nil {
		t.Errorf("the admin's removal did not remove the key")
	}
}

// FuzzParseFingerprint: whatever is typed, ParseFingerprint never panics,
// and what it accepts is a canonical fingerprint it accepts again as is.
func FuzzParseFingerprint(f *testing.F) {
	for _, seed := range []string{"SHA256:" + strings.Repeat("A", 43), "sha256:abc", "", "SHA256:", " SHA256:" + strings.Repeat("/", 43) + " ",
		"SHA256:" + strings.Repeat("A", 42) + "=", "MD5:aa:bb", "SHA256:\x1b[31m"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		fp, err := ParseFingerprint(typed)
		if err != nil {
			return
		}
		if !strings.HasPrefix(fp, "SHA256:") || len(fp) != 50 {
			t.Fatalf("%q accepted as %q", typed, fp)
		}
		if again, err := ParseFingerprint(fp); err != nil || again != fp {
			t.Fatalf("%q: not stable: %q, %v", fp, again, err)
		}
	})
}
