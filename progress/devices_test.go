package progress

import (
	"errors"
	"testing"
	"time"
)

// enrolledLearner makes a learner with one key, seed's.
func enrolledLearner(t *testing.T, s *Store, name, seed string) Profile {
	t.Helper()
	p := mustProfile(t, s, name)
	if err := s.AddKey(p.ID, testFingerprint(seed), testKeyLine(seed), "", t0); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDeviceCodeAddsAKeyToItsLearnerOnce(t *testing.T) {
	s := newStore(t)
	ada := enrolledLearner(t, s, "Ada", "ada-laptop")
	bo := enrolledLearner(t, s, "Bo", "bo-laptop")
	code := testHash("ada device")
	if err := s.CreateDeviceCode(ada.ID, code, t0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	p, err := s.RedeemDeviceCode(code, testFingerprint("ada-desktop"), testKeyLine("ada-desktop"), t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != ada.ID {
		t.Fatalf("the code enrolled learner %d, want Ada (%d)", p.ID, ada.ID)
	}
	if got, err := s.ProfileByKey(testFingerprint("ada-desktop")); err != nil || got.ID != ada.ID {
		t.Errorf("the new key finds %+v, %v; want Ada", got, err)
	}
	if keys, _ := s.Keys(ada.ID); len(keys) != 2 {
		t.Errorf("Ada has %d keys, want 2", len(keys))
	}
	if keys, _ := s.Keys(bo.ID); len(keys) != 1 {
		t.Errorf("Bo has %d keys, want 1", len(keys))
	}
	if _, err := s.RedeemDeviceCode(code, testFingerprint("stranger"), testKeyLine("stranger"), t0.Add(2*time.Minute)); !errors.Is(err, ErrDeviceCodeUsed) {
		t.Errorf("a second use = %v, want ErrDeviceCodeUsed", err)
	}
	if _, err := s.ProfileByKey(testFingerprint("stranger")); !errors.Is(err, ErrNotFound) {
		t.Errorf("the refused key was bound: %v", err)
	}
}

func TestDeviceCodeRefusals(t *testing.T) {
	s := newStore(t)
	ada := enrolledLearner(t, s, "Ada", "ada-laptop")
	enrolledLearner(t, s, "Bo", "bo-laptop")
	code := testHash("ada device")
	if err := s.CreateDeviceCode(ada.ID, code, t0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemDeviceCode(code, testFingerprint("new"), testKeyLine("new"), t0.Add(time.Hour)); !errors.Is(err, ErrDeviceCodeExpired) {
		t.Errorf("at its expiry = %v, want ErrDeviceCodeExpired", err)
	}
	if _, err := s.RedeemDeviceCode(testHash("never made"), testFingerprint("new"), testKeyLine("new"), t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("a code never made = %v, want ErrNotFound", err)
	}
	// Bo's key cannot be moved to Ada with Ada's code, and the code stays unused.
	if _, err := s.RedeemDeviceCode(code, testFingerprint("bo-laptop"), testKeyLine("bo-laptop"), t0); !errors.Is(err, ErrKeyInUse) {
		t.Errorf("another learner's key = %v, want ErrKeyInUse", err)
	}
	if p, err := s.RedeemDeviceCode(code, testFingerprint("new"), testKeyLine("new"), t0); err != nil || p.ID != ada.ID {
		t.Errorf("after a refusal the code = %+v, %v; want Ada", p, err)
	}
	if err := s.CreateDeviceCode(mustProfile(t, s, "Cy").ID, testHash("cy"), t0, t0.Add(time.Hour)); !errors.Is(err, ErrNoKey) {
		t.Errorf("a learner with no key asking = %v, want ErrNoKey", err)
	}
}

func TestNewDeviceCodeCancelsTheOldOne(t *testing.T) {
	s := newStore(t)
	ada := enrolledLearner(t, s, "Ada", "ada-laptop")
	first, second := testHash("first"), testHash("second")
	if err := s.CreateDeviceCode(ada.ID, first, t0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDeviceCode(ada.ID, second, t0.Add(time.Minute), t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemDeviceCode(first, testFingerprint("new"), testKeyLine("new"), t0.Add(2*time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("the older code = %v, want ErrNotFound", err)
	}
	if _, err := s.RedeemDeviceCode(second, testFingerprint("new"), testKeyLine("new"), t0.Add(2*time.Minute)); err != nil {
		t.Errorf("the newer code: %v", err)
	}
}

func TestRemovedLearnersDeviceCodeAddsNoKey(t *testing.T) {
	s := newStore(t)
	ada := enrolledLearner(t, s, "Ada", "ada-laptop")
	code := testHash("ada device")
	if err := s.CreateDeviceCode(ada.ID, code, t0, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveLearner(ada.ID, false); err != nil {
		t.Fatal(err)
	}
	// Enrolled again (a key bound by an admin), the old code still fails.
	if err := s.AddKey(ada.ID, testFingerprint("ada-new"), testKeyLine("ada-new"), "", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemDeviceCode(code, testFingerprint("thief"), testKeyLine("thief"), t0.Add(time.Minute)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a removed learner's code = %v, want ErrNotFound", err)
	}
}

func TestRemoveLearnerKeyOnlyTheirOwnAndNotTheLast(t *testing.T) {
	s := newStore(t)
	ada := enrolledLearner(t, s, "Ada", "ada-laptop")
	bo := enrolledLearner(t, s, "Bo", "bo-laptop")
	if err := s.AddKey(bo.ID, testFingerprint("bo-desktop"), testKeyLine("bo-desktop"), "", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveLearnerKey(ada.ID, testFingerprint("bo-desktop")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Ada removing Bo's key = %v, want ErrNotFound", err)
	}
	if err := s.RemoveLearnerKey(ada.ID, testFingerprint("ada-laptop")); !errors.Is(err, ErrLastKey) {
		t.Errorf("Ada removing her only key = %v, want ErrLastKey", err)
	}
	if err := s.RemoveLearnerKey(bo.ID, testFingerprint("bo-desktop")); err != nil {
		t.Errorf("Bo removing one of two keys: %v", err)
	}
	if keys, _ := s.Keys(bo.ID); len(keys) != 1 || keys[0].Fingerprint != testFingerprint("bo-laptop") {
		t.Errorf("Bo's keys = %+v", keys)
	}
}
