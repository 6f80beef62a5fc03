package review

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

func TestRate(t *testing.T) {
	single := &lessons.Question{Type: lessons.SingleChoice}
	matching := &lessons.Question{Type: lessons.Matching}
	for _, c := range []struct {
		q     *lessons.Question
		score float64
		took  time.Duration
		want  progress.Rating
	}{
		{single, 0, time.Second, progress.Again},
		{single, 0.5, time.Second, progress.Hard},
		{single, 1, 12 * time.Second, progress.Easy},
		{single, 1, 13 * time.Second, progress.Good},
		{single, 1, 0, progress.Good}, // time unknown
		{matching, 1, 25 * time.Second, progress.Easy},
		{matching, 0.99, time.Second, progress.Hard},
	} {
		if got := Rate(c.q, c.score, c.took); got != c.want {
			t.Errorf("%s, score %v in %v: %v, want %v", c.q.Type, c.score, c.took, got, c.want)
		}
	}
}

func TestDueRetiresRemovedQuestions(t *testing.T) {
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p, err := store.CreateProfile("Ada", "staff", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	l, _ := pack.Lesson("phishing-and-reporting")
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	answer := func(k progress.LessonKey, q string, right bool) {
		t.Helper()
		at := at
		if k.Pack == "removed-pack" {
			at = at.Add(-time.Hour) // due first of all
		}
		a, err := store.StartAttempt(p.ID, k, []string{q}, 1, at)
		if err != nil {
			t.Fatal(err)
		}
		ans := progress.Answer{Question: q, Correct: right, At: at}
		ans.Rating = RateUntimed(ans)
		if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	k := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
	for i, q := range l.Quiz.Questions {
		answer(k, q.ID, i%2 == 0)
	}
	answer(k, "a-question-the-upgrade-removed", true)
	answer(progress.LessonKey{Pack: pack.ID, Lesson: "a-lesson-the-upgrade-removed"}, "q", false)
	answer(progress.LessonKey{Pack: "removed-pack", Lesson: "l"}, "q", false)

	packs := func(id string) (*lessons.Pack, bool) { return pack, id == pack.ID }
	now := at.AddDate(0, 1, 0)
	cards, err := Due(store, p.ID, packs, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(cards) != len(l.Quiz.Questions) {
		t.Fatalf("%d cards due, want the lesson's %d questions", len(cards), len(l.Quiz.Questions))
	}
	for i, c := range cards {
		if c.Question == nil || c.Lesson != l || c.Pack != pack {
			t.Errorf("card %s without its question", c.Key)
		}
		if i > 0 && c.Mistake() && !cards[i-1].Mistake() {
			t.Errorf("a mistake after a right answer: mistakes must come first")
		}
	}
	for _, gone := range []progress.CardKey{{Pack: pack.ID, Lesson: l.ID, Question: "a-question-the-upgrade-removed"}, {Pack: pack.ID, Lesson: "a-lesson-the-upgrade-removed", Question: "q"}} {
		if c, err := store.Card(p.ID, gone); err != nil || !c.Retired {
			t.Errorf("card %s: retired %v, %v", gone, c.Retired, err)
		}
	}
	if c, err := store.Card(p.ID, progress.CardKey{Pack: "removed-pack", Lesson: "l", Question: "q"}); err != nil || c.Retired {
		t.Errorf("a card of a pack not on offer was retired: %+v %v", c, err)
	}
	for _, limit := range []int{1, 3, len(cards)} {
		limited, err := Due(store, p.ID, packs, now, limit)
		if err != nil || len(limited) != limit || limited[0].Key != cards[0].Key {
			t.Errorf("limit %d: %d cards, %v", limit, len(limited), err)
		}
	}
}

func TestReconcileAndCount(t *testing.T) {
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
	k := progress.LessonKey{Pack: pack.ID, Lesson: "phishing-and-reporting"}
	a, _ := store.StartAttempt(p.ID, k, []string{"spot-the-cues", "removed-question"}, 1, at)
	for _, q := range a.Questions {
		if err := store.RecordAnswer(p.ID, k, a.ID, progress.Answer{Question: q, Rating: progress.Again, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	packs := func(id string) (*lessons.Pack, bool) { return pack, id == pack.ID }
	offered := func(id string) bool { return id == pack.ID }
	before, _ := CountDue(store, p.ID, offered, at.AddDate(0, 0, 1))
	n, err := Reconcile(store, p.ID, packs)
	if err != nil || n != 1 {
		t.Fatalf("Reconcile retired %d, %v; want 1", n, err)
	}
	if n, _ := Reconcile(store, p.ID, packs); n != 0 {
		t.Errorf("a second Reconcile retired %d", n)
	}
	after, _ := CountDue(store, p.ID, offered, at.AddDate(0, 0, 1))
	if before.Today != 2 || after.Today != 1 || after.Week != 1 {
		t.Errorf("due before %+v, after %+v", before, after)
	}
	// Wrong answers at 09:00 are due again within minutes: due today, at
	// 09:00, in the learner's own day.
	if c, _ := CountDue(store, p.ID, offered, at); c.Today != 1 {
		t.Errorf("due today at 09:00: %+v", c)
	}
}
