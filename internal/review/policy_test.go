package review

import (
	"path/filepath"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// TestPolicyIsFSRS5Defaults: the policy is FSRS-5 with 90% retention,
// short-term steps and no fuzz — the schedule Upskill has always kept —
// so a new card rated Good at 09:00 is due at 09:10, learning, as go-fsrs
// documents, and every rating of a sequence schedules as go-fsrs does.
func TestPolicyIsFSRS5Defaults(t *testing.T) {
	p := NewPolicy()
	params := p.fsrs.Parameters
	if params.RequestRetention != 0.9 || !params.EnableShortTerm || params.EnableFuzz {
		t.Errorf("parameters %+v: want 90%% retention, short-term steps, no fuzz", params)
	}
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	first := p.Schedule(fsrs.NewCard(), progress.Good, start)
	if !first.Due.Equal(start.Add(10*time.Minute)) || first.State != fsrs.Learning {
		t.Errorf("new card rated Good at 09:00: due %v, state %v; want 09:10, learning", first.Due, first.State)
	}
	f := fsrs.NewFSRS(fsrs.DefaultParam())
	got, want := fsrs.NewCard(), fsrs.NewCard()
	at := start
	for _, r := range []progress.Rating{progress.Easy, progress.Again, progress.Hard, progress.Good, progress.Good} {
		got, want = p.Schedule(got, r, at), f.Next(want, at, fsrs.Rating(r)).Card
		if got != want {
			t.Fatalf("rated %v at %v: %+v, go-fsrs %+v", r, at, got, want)
		}
		at = want.Due
	}
}

// TestRatePast: an answer stored before review cards existed keeps its
// own rating if it has one, and is otherwise rated by its result, never
// Easy since its time is unknown.
func TestRatePast(t *testing.T) {
	p := NewPolicy()
	for _, c := range []struct {
		ans  progress.Answer
		want progress.Rating
	}{
		{progress.Answer{Correct: true}, progress.Good},
		{progress.Answer{Correct: true, Seconds: 1}, progress.Good},
		{progress.Answer{Score: 0.5}, progress.Hard},
		{progress.Answer{}, progress.Again},
		{progress.Answer{Correct: true, Rating: progress.Easy}, progress.Easy},
		{progress.Answer{Correct: true, Rating: 9}, progress.Good},
	} {
		if got := p.RatePast(c.ans); got != c.want {
			t.Errorf("%+v: rated %v, want %v", c.ans, got, c.want)
		}
	}
}

// TestStoreOptionsRecordAnswers: a store opened with StoreOptions records
// an answer rated by Rate and schedules its card by the policy.
func TestStoreOptionsRecordAnswers(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p, _ := store.CreateProfile("Ada", "staff", time.Now())
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	k := progress.LessonKey{Pack: "pack", Lesson: "l"}
	a, _ := store.StartAttempt(p.ID, k, []string{"q"}, 1, at)
	q := &lessons.Question{Type: lessons.TrueFalse}
	ans := progress.Answer{Question: "q", Correct: true, Rating: Rate(q, 1, 3*time.Second), Seconds: 3, At: at}
	if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
		t.Fatal(err)
	}
	c, err := store.Card(p.ID, progress.CardKey{Pack: "pack", Lesson: "l", Question: "q"})
	want := NewPolicy().Schedule(fsrs.NewCard(), progress.Easy, at)
	if err != nil || c.LastRating != progress.Easy || !c.Due.Equal(want.Due) {
		t.Errorf("card %+v %v, want rated Easy, due %v", c, err, want.Due)
	}
}

// countingPacks offers pack and counts the lookups of each pack id.
func countingPacks(pack *lessons.Pack, asked map[string]int) Packs {
	return func(id string) (*lessons.Pack, bool) {
		asked[id]++
		return pack, id == pack.ID
	}
}

// TestLookupsOncePerPack: Reconcile and Due look each pack up once,
// however many cards it has.
func TestLookupsOncePerPack(t *testing.T) {
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p, _ := store.CreateProfile("Ada", "staff", time.Now())
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	l, _ := pack.Lesson("phishing-and-reporting")
	for _, id := range []string{pack.ID, "gone-pack"} {
		k := progress.LessonKey{Pack: id, Lesson: l.ID}
		var qs []string
		for _, q := range l.Quiz.Questions {
			qs = append(qs, q.ID)
		}
		a, _ := store.StartAttempt(p.ID, k, qs, 1, at)
		for _, q := range qs {
			if err := store.RecordAnswer(p.ID, k, a.ID, progress.Answer{Question: q, Rating: progress.Again, At: at}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(l.Quiz.Questions) < 2 {
		t.Fatal("the lesson needs several questions")
	}
	asked := map[string]int{}
	if _, err := Reconcile(store, p.ID, countingPacks(pack, asked)); err != nil {
		t.Fatal(err)
	}
	if asked[pack.ID] != 1 || asked["gone-pack"] != 1 {
		t.Errorf("Reconcile looked packs up %v times, want once each", asked)
	}
	clear(asked)
	if cards, err := Due(store, p.ID, countingPacks(pack, asked), at.AddDate(0, 1, 0), 0); err != nil || len(cards) != len(l.Quiz.Questions) {
		t.Fatalf("Due: %d cards, %v", len(cards), err)
	}
	if asked[pack.ID] != 1 || asked["gone-pack"] != 1 {
		t.Errorf("Due looked packs up %v times, want once each", asked)
	}
}
