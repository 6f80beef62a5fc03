package review

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/packgen"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// importedLearners is a progress file with three imported packs of 170
// lessons (1,700 questions each), and a learner for each number of cards
// asked for, whose cards spread over the three packs.
type importedLearners struct {
	store    *progress.Store
	cat      *catalog.Catalog
	profiles map[int]uint64 // by number of cards
	now      time.Time      // two years after the first answer
}

func withImportedPacks(b *testing.B, cards ...int) importedLearners {
	b.Helper()
	dir := b.TempDir()
	store, err := progress.Open(filepath.Join(dir, "u.db"), StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	base, err := lessons.Load(os.DirFS("../../tui/testdata/pack"))
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Open(store, base, nil)
	if err != nil {
		b.Fatal(err)
	}
	var packs []*lessons.Pack
	for i := range 3 {
		src, err := packgen.WritePack(dir, fmt.Sprintf("gen-%d", i), fmt.Sprintf("Generated %d", i), 170)
		if err != nil {
			b.Fatal(err)
		}
		res, err := cat.Import(src, catalog.ImportOptions{Now: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		packs = append(packs, res.Pack)
	}
	start := time.Date(2024, 11, 26, 9, 0, 0, 0, time.UTC)
	l := importedLearners{store: store, cat: cat, profiles: map[int]uint64{}, now: start.AddDate(2, 0, 0)}
	for _, n := range cards {
		p, err := store.CreateProfile(fmt.Sprintf("Learner %d", n), "staff", start)
		if err != nil {
			b.Fatal(err)
		}
		if err := packgen.Answer(store, p.ID, packs, n, start); err != nil {
			b.Fatal(err)
		}
		l.profiles[n] = p.ID
	}
	return l
}

// BenchmarkReconcileImported checks every card of a learner with 200 or
// 5,000 cards over three imported packs against the packs on offer, as
// each start does: the packs come from the real catalogue (decoded once,
// on the first call, then shared), the cards from the real file.
func BenchmarkReconcileImported(b *testing.B) {
	l := withImportedPacks(b, 200, 5000)
	for _, n := range []int{200, 5000} {
		b.Run(fmt.Sprintf("cards=%d", n), func(b *testing.B) {
			profile := l.profiles[n]
			if keys, err := l.store.ScheduledCardKeys(profile); err != nil || len(keys) != n {
				b.Fatalf("%d cards, %v", len(keys), err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if retired, err := Reconcile(l.store, profile, l.cat.Find); err != nil || retired != 0 {
					b.Fatalf("retired %d, %v", retired, err)
				}
			}
		})
	}
}

// BenchmarkPickDue picks a review session's 20 cards from a learner with
// 5,000 cards over three imported packs, answered over two years, each
// resolved to its question through the real catalogue: what the Review
// entry on the home screen costs.
func BenchmarkPickDue(b *testing.B) {
	l := withImportedPacks(b, 5000)
	profile := l.profiles[5000]
	b.ReportAllocs()
	for b.Loop() {
		cards, err := Due(l.store, profile, l.cat.Find, l.now, SessionSize)
		if err != nil || len(cards) != SessionSize {
			b.Fatalf("%d cards, %v", len(cards), err)
		}
	}
}
