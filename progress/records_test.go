package progress

import (
	"maps"
	"math"
	"slices"
	"testing"
	"time"
)

// TestSaveReadingClampsPosition: the reading position is stored clamped to
// [0, 1]; a position that is not a number (0/0 on an empty lesson) is
// stored as the top of the lesson.
func TestSaveReadingClampsPosition(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	tests := []struct {
		in, want float64
	}{
		{0, 0}, {0.25, 0.25}, {1, 1}, {-0.5, 0}, {1.7, 1}, {-1e300, 0}, {1e300, 1},
		{math.Inf(1), 1}, {math.Inf(-1), 0}, {math.NaN(), 0}, {math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64},
	}
	for i, tt := range tests {
		k := LessonKey{"cyber", "lesson-" + string(rune('a'+i))}
		if err := s.SaveReading(p.ID, k, tt.in, t0); err != nil {
			t.Errorf("SaveReading(%v): %v", tt.in, err)
			continue
		}
		if rec := mustLesson(t, s, p.ID, k); rec.Position != tt.want {
			t.Errorf("SaveReading(%v) stored %v, want %v", tt.in, rec.Position, tt.want)
		}
	}
}

// TestSaveReadingState: the first reading marks the lesson in progress and
// records when it was opened; later readings move the position but keep
// the opening time; every reading makes the lesson the one to continue
// from; reading a completed lesson does not undo its completion.
func TestSaveReadingState(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	a, b := LessonKey{"cyber", "intro"}, LessonKey{"cyber", "phishing"}

	if rec := mustLesson(t, s, p.ID, a); rec != (LessonRecord{}) {
		t.Errorf("a lesson never opened = %+v, want the zero record", rec)
	}
	if err := s.SaveReading(p.ID, a, 0.2, t0); err != nil {
		t.Fatal(err)
	}
	rec := mustLesson(t, s, p.ID, a)
	if rec.Status != InProgress || !rec.Opened.Equal(t0) || rec.Position != 0.2 || !rec.CompletedAt.IsZero() {
		t.Errorf("after the first reading: %+v", rec)
	}
	if got, _ := s.Profile(p.ID); got.Last != a {
		t.Errorf("Last = %v, want %v", got.Last, a)
	}

	if err := s.SaveReading(p.ID, b, 0.9, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Profile(p.ID); got.Last != b {
		t.Errorf("Last = %v, want %v", got.Last, b)
	}
	if err := s.SaveReading(p.ID, a, 0.6, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	rec = mustLesson(t, s, p.ID, a)
	if rec.Status != InProgress || !rec.Opened.Equal(t0) || rec.Position != 0.6 {
		t.Errorf("after the second reading: %+v (Opened must stay %v)", rec, t0)
	}
	if got, _ := s.Profile(p.ID); got.Last != a || got.Name != "Ada" {
		t.Errorf("profile = %+v, want Last %v and the name kept", got, a)
	}

	done := t0.Add(2 * time.Hour)
	if err := s.CompleteLesson(p.ID, a, done); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReading(p.ID, a, 0.1, done.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	rec = mustLesson(t, s, p.ID, a)
	if rec.Status != Completed || !rec.CompletedAt.Equal(done) || !rec.Opened.Equal(t0) || rec.Position != 0.1 {
		t.Errorf("reading a completed lesson: %+v", rec)
	}
}

// TestCompleteLesson: completing sets the status and date once; a lesson
// completed without being opened gets an opening date too; completing
// again keeps the first date.
func TestCompleteLesson(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	opened, unopened := LessonKey{"cyber", "read-first"}, LessonKey{"cyber", "never-opened"}
	if err := s.SaveReading(p.ID, opened, 1, t0); err != nil {
		t.Fatal(err)
	}
	t1, t2 := t0.Add(time.Hour), t0.Add(48*time.Hour)
	for _, k := range []LessonKey{opened, unopened} {
		if err := s.CompleteLesson(p.ID, k, t1); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteLesson(p.ID, k, t2); err != nil {
			t.Fatal(err)
		}
	}
	if rec := mustLesson(t, s, p.ID, opened); rec.Status != Completed || !rec.CompletedAt.Equal(t1) || !rec.Opened.Equal(t0) || rec.Position != 1 {
		t.Errorf("opened then completed: %+v", rec)
	}
	if rec := mustLesson(t, s, p.ID, unopened); rec.Status != Completed || !rec.CompletedAt.Equal(t1) || !rec.Opened.Equal(t1) {
		t.Errorf("completed without opening: %+v", rec)
	}
	if got := Completed.Label(); got != "completed" {
		t.Errorf("Completed.Label() = %q", got)
	}
	if got := NotStarted.Label(); got != "not started" {
		t.Errorf("NotStarted.Label() = %q", got)
	}
	if got := InProgress.Label(); got != "in progress" {
		t.Errorf("InProgress.Label() = %q", got)
	}
}

// TestLessonsByPack: Lessons returns exactly one pack's lessons, keyed by
// lesson id, even when another pack's id starts with this one's, and only
// the learner's own.
func TestLessonsByPack(t *testing.T) {
	s := newStore(t)
	ada, bea := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	read := func(p uint64, pack, lesson string, pos float64) {
		t.Helper()
		if err := s.SaveReading(p, LessonKey{pack, lesson}, pos, t0); err != nil {
			t.Fatal(err)
		}
	}
	read(ada.ID, "cyber", "intro", 0.1)
	read(ada.ID, "cyber", "phishing", 0.2)
	read(ada.ID, "cyber-2", "intro", 0.3)
	read(ada.ID, "cyber-2", "advanced", 0.4)
	read(ada.ID, "cyberx", "intro", 0.5)
	read(ada.ID, "cybe", "intro", 0.6)
	read(bea.ID, "cyber", "bea-only", 0.7)
	if err := s.CompleteLesson(ada.ID, LessonKey{"cyber", "quizless"}, t0); err != nil {
		t.Fatal(err)
	}

	positions := func(m map[string]LessonRecord) map[string]float64 {
		out := map[string]float64{}
		for id, rec := range m {
			out[id] = rec.Position
		}
		return out
	}
	tests := []struct {
		profile uint64
		pack    string
		want    map[string]float64
	}{
		{ada.ID, "cyber", map[string]float64{"intro": 0.1, "phishing": 0.2, "quizless": 0}},
		{ada.ID, "cyber-2", map[string]float64{"intro": 0.3, "advanced": 0.4}},
		{ada.ID, "cyberx", map[string]float64{"intro": 0.5}},
		{ada.ID, "cybe", map[string]float64{"intro": 0.6}},
		{ada.ID, "cyb", map[string]float64{}},
		{ada.ID, "", map[string]float64{}},
		{ada.ID, "gdpr", map[string]float64{}},
		{bea.ID, "cyber", map[string]float64{"bea-only": 0.7}},
		{bea.ID, "cyber-2", map[string]float64{}},
	}
	for _, tt := range tests {
		got, err := s.Lessons(tt.profile, tt.pack)
		if err != nil {
			t.Errorf("Lessons(%d, %q): %v", tt.profile, tt.pack, err)
			continue
		}
		if got == nil {
			t.Errorf("Lessons(%d, %q) = nil map", tt.profile, tt.pack)
		}
		if !maps.Equal(positions(got), tt.want) {
			t.Errorf("Lessons(%d, %q) = %v, want %v", tt.profile, tt.pack, positions(got), tt.want)
		}
	}
	got, _ := s.Lessons(ada.ID, "cyber")
	if rec := got["quizless"]; rec.Status != Completed {
		t.Errorf("Lessons carries the record: %+v", rec)
	}
	ids := slices.Sorted(maps.Keys(got))
	if !slices.Equal(ids, []string{"intro", "phishing", "quizless"}) {
		t.Errorf("lesson ids %q", ids)
	}
}

// TestLessonKeyString is how a lesson is named in errors.
func TestLessonKeyString(t *testing.T) {
	if got := (LessonKey{"cyber", "intro"}).String(); got != "cyber/intro" {
		t.Errorf("String() = %q", got)
	}
}
