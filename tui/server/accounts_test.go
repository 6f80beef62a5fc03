package server

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/progress"
)

// TestEnrolWithARealInvite: the server wired to the accounts store, as
// `upskill serve` wires it. A trainer's invite, typed by someone with a
// new key (in lower case, with spaces), enrols that key to the invited
// learner, with the invite's role and team; the code then works no more,
// and the key opens the learner's UI at once.
func TestEnrolWithARealInvite(t *testing.T) {
	ts := startServerWith(t, Limits{}, nil, func(s *progress.Store) Directory { return accounts.Directory{Store: s} })
	e, err := accounts.NewEnrolment("Bryn Jones", "graduate", "Housing", "")
	if err != nil {
		t.Fatal(err)
	}
	issued, err := accounts.Invite(ts.store, progress.AccessAdmin, e, testNow)
	if err != nil {
		t.Fatal(err)
	}
	key := newKey(t)
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Type the code your trainer gave you")
	c.press(strings.ToLower(strings.ReplaceAll(issued.Code, "-", " ")), "enter")
	c.waitFor("Bryn Jones")
	p, err := ts.store.ProfileByKey(gossh.FingerprintSHA256(key.PublicKey()))
	if err != nil {
		t.Fatalf("the key was not enrolled: %v", err)
	}
	if p.Name != "Bryn Jones" || p.Role != "graduate" || p.Team != "Housing" {
		t.Errorf("enrolled as %+v", p)
	}
	// Someone else with the same code gets nowhere.
	otherKey := newKey(t)
	other := ts.dial(clientOptions{auth: keyAuth(otherKey)})
	other.waitFor("Type the code your trainer gave you")
	other.press(issued.Code, "enter")
	other.waitFor("That code has been used already")
	if p, err := ts.store.ProfileByKey(gossh.FingerprintSHA256(otherKey.PublicKey())); err == nil {
		t.Errorf("a used code enrolled a second key, to %s", p.Name)
	}
}

// TestExpiredInviteSaysSo: a code past its 14 days is refused with the
// reason, and enrols nothing.
func TestExpiredInviteSaysSo(t *testing.T) {
	ts := startServerWith(t, Limits{}, nil, func(s *progress.Store) Directory { return accounts.Directory{Store: s} })
	e, err := accounts.NewEnrolment("Bryn Jones", "staff", "", "")
	if err != nil {
		t.Fatal(err)
	}
	issued, err := accounts.Invite(ts.store, progress.AccessAdmin, e, testNow.AddDate(0, 0, -15))
	if err != nil {
		t.Fatal(err)
	}
	key := newKey(t)
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Type the code your trainer gave you")
	c.press(issued.Code, "enter")
	c.waitFor("That code has expired")
	if p, err := ts.store.ProfileByKey(gossh.FingerprintSHA256(key.PublicKey())); err == nil {
		t.Errorf("an expired code enrolled the key, to %s", p.Name)
	}
}
