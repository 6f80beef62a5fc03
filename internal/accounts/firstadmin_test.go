package accounts

import (
	"testing"

	"github.com/upskill-council/upskill/progress"
)

// TestFirstAdmin: with no admin, the key's holder becomes one, named
// after the key's comment; on the next start nothing changes; a second
// key is not made an admin while one exists.
func TestFirstAdmin(t *testing.T) {
	s := newStore(t)
	if _, err := s.CreateProfile("Ann", "staff", now); err != nil { // a learner, not an admin
		t.Fatal(err)
	}
	_, line := newKey(t, "it-team@council")
	key, err := ParseKey([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	p, made, err := FirstAdmin(s, key, now)
	if err != nil || !made || p.Name != "it-team@council" || p.Access != progress.AccessAdmin {
		t.Fatalf("FirstAdmin = %+v, %v, %v", p, made, err)
	}
	if owner, err := s.ProfileByKey(key.Fingerprint); err != nil || owner.Access != progress.AccessAdmin {
		t.Fatalf("the key belongs to %+v, %v", owner, err)
	}
	// A restart with the same key: nothing to do.
	if _, made, err := FirstAdmin(s, key, now); err != nil || made {
		t.Fatalf("second start: made %v, %v", made, err)
	}
	// Another key while an admin exists: nothing either.
	_, other := newKey(t, "")
	otherKey, _ := ParseKey([]byte(other))
	if _, made, err := FirstAdmin(s, otherKey, now); err != nil || made {
		t.Fatalf("another key: made %v, %v", made, err)
	}
	all, _ := s.Profiles()
	if len(all) != 2 {
		t.Errorf("%d learners, want Ann and the admin", len(all))
	}
}

// TestFirstAdminRaisesTheKeysOwner: a key already enrolled to a learner
// makes that learner the admin, with no one new; a key without a comment
// is named Administrator.
func TestFirstAdminRaisesTheKeysOwner(t *testing.T) {
	s := newStore(t)
	_, line := newKey(t, "")
	key, _ := ParseKey([]byte(line))
	if _, err := Add(s, progress.AccessAdmin, mustEnrolment(t, "Bo", "staff", "", "trainer"), key, now); err != nil {
		t.Fatal(err)
	}
	p, made, err := FirstAdmin(s, key, now)
	if err != nil || !made || p.Name != "Bo" || p.Access != progress.AccessAdmin {
		t.Fatalf("FirstAdmin = %+v, %v, %v", p, made, err)
	}
	s2 := newStore(t)
	p, _, err = FirstAdmin(s2, key, now)
	if err != nil || p.Name != FirstAdminName {
		t.Fatalf("no comment: %+v, %v", p, err)
	}
}
