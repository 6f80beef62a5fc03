package progress

import (
	"fmt"
	"maps"
	"testing"
	"time"
)

// TestAwardBadgeIdempotent: the first award is reported and dated; a
// second award of the same badge is not reported and keeps the first date.
func TestAwardBadgeIdempotent(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	first, later := t0, t0.AddDate(0, 1, 0)
	if awarded, err := s.AwardBadge(p.ID, "cyber", "first-quiz", first); err != nil || !awarded {
		t.Fatalf("first AwardBadge = %v, %v; want true", awarded, err)
	}
	for range 2 {
		if awarded, err := s.AwardBadge(p.ID, "cyber", "first-quiz", later); err != nil || awarded {
			t.Errorf("repeated AwardBadge = %v, %v; want false", awarded, err)
		}
	}
	badges, err := s.Badges(p.ID, "cyber")
	if err != nil {
		t.Fatal(err)
	}
	if len(badges) != 1 || !badges["first-quiz"].Equal(first) {
		t.Errorf("Badges = %v, want first-quiz at %v", badges, first)
	}
}

// TestBadgesByPack: Badges returns exactly one pack's badges for one
// learner, even when pack ids and badge ids start with each other.
func TestBadgesByPack(t *testing.T) {
	s := newStore(t)
	ada, bea := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	awards := []struct {
		profile     uint64
		pack, badge string
		day         int
	}{
		{ada.ID, "cyber", "first", 1},
		{ada.ID, "cyber", "first-quiz", 2},
		{ada.ID, "cyber-2", "first", 3},
		{ada.ID, "cyber-2", "expert", 4},
		{ada.ID, "cybe", "first", 5},
		{bea.ID, "cyber", "first", 6},
	}
	for _, a := range awards {
		if awarded, err := s.AwardBadge(a.profile, a.pack, a.badge, t0.AddDate(0, 0, a.day)); err != nil || !awarded {
			t.Fatalf("AwardBadge(%s/%s) = %v, %v", a.pack, a.badge, awarded, err)
		}
	}
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	tests := []struct {
		profile uint64
		pack    string
		want    map[string]time.Time
	}{
		{ada.ID, "cyber", map[string]time.Time{"first": day(1), "first-quiz": day(2)}},
		{ada.ID, "cyber-2", map[string]time.Time{"first": day(3), "expert": day(4)}},
		{ada.ID, "cybe", map[string]time.Time{"first": day(5)}},
		{ada.ID, "cyb", map[string]time.Time{}},
		{ada.ID, "gdpr", map[string]time.Time{}},
		{bea.ID, "cyber", map[string]time.Time{"first": day(6)}},
		{bea.ID, "cyber-2", map[string]time.Time{}},
	}
	for _, tt := range tests {
		got, err := s.Badges(tt.profile, tt.pack)
		if err != nil {
			t.Errorf("Badges(%d, %q): %v", tt.profile, tt.pack, err)
			continue
		}
		if got == nil || !maps.EqualFunc(got, tt.want, time.Time.Equal) {
			t.Errorf("Badges(%d, %q) = %v, want %v", tt.profile, tt.pack, got, tt.want)
		}
	}
	// The same badge id in another pack is a separate badge.
	if awarded, err := s.AwardBadge(ada.ID, "gdpr", "first", day(9)); err != nil || !awarded {
		t.Errorf("AwardBadge(gdpr/first) = %v, %v; want a new badge", awarded, err)
	}
	if got, _ := s.Badges(ada.ID, "cyber"); !got["first"].Equal(day(1)) {
		t.Errorf("awarding gdpr/first changed cyber/first: %v", fmt.Sprint(got))
	}
}
