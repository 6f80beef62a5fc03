package compliance

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/progress"
)

// plan is what must be read to evaluate learners: every requirement on
// offer, and the lessons behind them, each once.
type plan struct {
	reqs []planned
	keys []progress.LessonKey
}

// planned is one requirement with the lessons of its module: indexes into
// plan.keys, and whether each has a quiz.
type planned struct {
	Requirement
	lessons []int
	quiz    []bool
}

// newPlan lists the requirements of every pack on offer in cat, in the
// catalogue's order.
func newPlan(cat *catalog.Catalog) (*plan, error) {
	p := &plan{}
	index := map[progress.LessonKey]int{}
	for _, e := range cat.Entries() {
		pack, err := cat.Load(e.ID)
		if err != nil {
			return nil, fmt.Errorf("read the requirements of pack %s: %w", e.ID, err)
		}
		for _, r := range Requirements(pack, "") {
			mod, _ := pack.Module(r.Module)
			pr := planned{Requirement: r}
			for _, l := range pack.LessonsOf(mod) {
				k := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
				i, ok := index[k]
				if !ok {
					i = len(p.keys)
					index[k] = i
					p.keys = append(p.keys, k)
				}
				pr.lessons = append(pr.lessons, i)
				pr.quiz = append(pr.quiz, l.Quiz != nil)
			}
			p.reqs = append(p.reqs, pr)
		}
	}
	return p, nil
}

// ForLearner evaluates one learner on every pack on offer in cat, on the
// day of asOf in asOf's location (give it in the learner's time zone).
func ForLearner(store *progress.Store, cat *catalog.Catalog, p progress.Profile, asOf time.Time) (Learner, error) {
	all, err := Evaluate(store, cat, []progress.Profile{p}, asOf)
	if err != nil {
		return Learner{}, err
	}
	return all[0], nil
}

// Evaluate evaluates many learners, in the order given, reading each once
// and all in one read transaction. Each learner's items are most urgent
// first: overdue, due soon, not started, compliant, then by due date.
func Evaluate(store *progress.Store, cat *catalog.Catalog, profiles []progress.Profile, asOf time.Time) ([]Learner, error) {
	p, err := newPlan(cat)
	if err != nil {
		return nil, err
	}
	out := make([]Learner, len(profiles))
	for i, pr := range profiles {
		out[i].Profile = pr
	}
	if len(p.reqs) == 0 {
		return out, nil
	}
	ids := make([]uint64, len(profiles))
	for i, pr := range profiles {
		ids[i] = pr.ID
	}
	i := 0
	var times [][]time.Time // reused: one list per lesson of a module
	err = store.LessonHistories(ids, p.keys, func(_ uint64, hs []progress.LessonHistory) error {
		l := &out[i]
		i++
		for _, req := range p.reqs {
			if !req.AppliesTo(l.Profile.Role) {
				continue
			}
			it := Item{Requirement: req.Requirement, BestScore: -1}
			times = times[:0]
			best, scored := 0, 0
			for j, k := range req.lessons {
				h := hs[k]
				times = append(times, h.Completions)
				it.Attempts += h.Record.Attempts
				if req.quiz[j] && h.Record.Scored {
					best += h.Record.BestScore
					scored++
				}
			}
			if scored > 0 {
				it.BestScore = score.Percent(float64(best), float64(100*scored))
			}
			it.History = moduleHistory(times)
			standing(&it, l.Profile.Created, asOf)
			for h := range it.History {
				it.History[h] = it.History[h].In(asOf.Location())
			}
			l.Items = append(l.Items, it)
		}
		sortItems(l.Items)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("evaluate mandatory training: %w", err)
	}
	return out, nil
}

// sortItems orders items most urgent first: by status, then by due date
// (no due date last), keeping the packs' order otherwise.
func sortItems(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		if c := cmp.Compare(a.Status.rank(), b.Status.rank()); c != 0 {
			return c
		}
		if a.Due.IsZero() || b.Due.IsZero() {
			return cmp.Compare(boolInt(a.Due.IsZero()), boolInt(b.Due.IsZero()))
		}
		return a.Due.Compare(b.Due)
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
