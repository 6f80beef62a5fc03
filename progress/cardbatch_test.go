package progress

import (
	"cmp"
	"slices"
	"testing"
	"time"
)

// TestScheduledCardKeys: every card not retired, and no retired one.
func TestScheduledCardKeys(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "pack", Lesson: "one"}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3"}, t0)
	for i, q := range []string{"q1", "q2", "q3"} {
		mustAnswer(t, s, p.ID, k, a.ID, q, i != 1, t0.Add(time.Duration(i)*time.Minute))
	}
	other := mustProfile(t, s, "Grace")
	b := mustStart(t, s, other.ID, k, []string{"q9"}, t0)
	mustAnswer(t, s, other.ID, k, b.ID, "q9", true, t0)
	if err := s.RetireCards(p.ID, []CardKey{{"pack", "one", "q2"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ScheduledCardKeys(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(x, y CardKey) int { return cmp.Compare(x.String(), y.String()) })
	want := []CardKey{{"pack", "one", "q1"}, {"pack", "one", "q3"}}
	if !slices.Equal(got, want) {
		t.Errorf("scheduled cards %v, want %v", got, want)
	}
	if _, err := s.ScheduledCardKeys(999); err == nil {
		t.Error("ScheduledCardKeys of a missing learner: no error")
	}
}

// TestInternedCardKeys: keys read with shared ids are the keys the
// checked decoder reads, and malformed keys are refused alike.
func TestInternedCardKeys(t *testing.T) {
	names := interner{}
	checked := bucket{name: "due"}
	for _, raw := range []string{"p\x00l\x00q", "p\x00l\x00q2", "\x00\x00", "p\x00l", "p", "", "p\x00l\x00q\x00x", "pack\x00lesson\x00", "\x00l\x00q", "p\x00\x00q", "p\x00l\x00\xff"} {
		want, err := checked.cardKey([]byte(raw))
		got, ok := names.cardKey([]byte(raw))
		if got != want || ok != (err == nil) {
			t.Errorf("%q: %+v %v, checked decoder %+v %v", raw, got, ok, want, err)
		}
	}
}
