package review

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// BenchmarkPickDue picks a review session's 20 cards from a learner with
// 5,000 cards (the built-in pack's 200 questions under 25 pack ids,
// answered over two years), each resolved to its question: what the
// Review entry on the home screen costs.
func BenchmarkPickDue(b *testing.B) {
	pack, err := builtin.Load()
	if err != nil {
		b.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(b.TempDir(), "u.db"), StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	p, _ := store.CreateProfile("Ada", "graduate", time.Now())
	start := time.Date(2024, 11, 26, 9, 0, 0, 0, time.UTC)
	var keys []progress.LessonKey
	var questions [][]string
	for i := range pack.Modules {
		for _, l := range pack.LessonsOf(&pack.Modules[i]) {
			var qs []string
			for _, q := range l.Quiz.Questions {
				qs = append(qs, q.ID)
			}
			keys = append(keys, progress.LessonKey{Lesson: l.ID})
			questions = append(questions, qs)
		}
	}
	n := 0
	for copyN := range 25 {
		for i, k := range keys {
			k.Pack = fmt.Sprintf("pack-%d", copyN)
			at := start.Add(time.Duration(n) * 3 * time.Hour)
			a, err := store.StartAttempt(p.ID, k, questions[i], 1, at)
			if err != nil {
				b.Fatal(err)
			}
			for j, q := range questions[i] {
				ans := progress.Answer{Question: q, Correct: (n+j)%5 != 0, At: at}
				ans.Rating = RateUntimed(ans)
				if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
					b.Fatal(err)
				}
			}
			n++
		}
	}
	packs := func(string) (*lessons.Pack, bool) { return pack, true }
	now := start.AddDate(2, 0, 0)
	b.ReportAllocs()
	for b.Loop() {
		cards, err := Due(store, p.ID, packs, now, SessionSize)
		if err != nil || len(cards) != SessionSize {
			b.Fatalf("%d cards, %v", len(cards), err)
		}
	}
}
