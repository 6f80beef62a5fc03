package compliance

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
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
// day of asOf in the learner's time zone (Profile.TimeZone), or in asOf's
// location for a learner with none.
func ForLearner(store *progress.Store, cat *catalog.Catalog, p progress.Profile, asOf time.Time) (Learner, error) {
	all, err := Evaluate(store, cat, []progress.Profile{p}, asOf)
	if err != nil {
		return Learner{}, err
	}
	return all[0], nil
}

// Evaluate evaluates many learners, in the order given, reading each once:
// in one read transaction, or for thousands of learners one for each
// processor, read at the same time. Each learner's items are most urgent
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
	// Learners are read in as many parts as there are processors, each
	// part in one read transaction, at the same time.
	parts := min(runtime.GOMAXPROCS(0), max(len(profiles)/minPart, 1))
	size := (len(profiles) + parts - 1) / parts
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for part := range parts {
		from, to := part*size, min((part+1)*size, len(profiles))
		wg.Go(func() { errs[part] = p.evaluate(store, out[from:to], asOf) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("evaluate mandatory training: %w", err)
	}
	return out, nil
}

// minPart is the fewest learners worth reading on a goroutine of their
// own; tests lower it.
var minPart = 500

// evaluate fills in the items of learners, reading them in one read
// transaction.
func (p *plan) evaluate(store *progress.Store, learners []Learner, asOf time.Time) error {
	ids := make([]uint64, len(learners))
	for i, l := range learners {
		ids[i] = l.Profile.ID
	}
	i := 0
	var times [][]time.Time // reused: one list per lesson of a module
	zones := zoneCache{}
	return store.LessonHistories(ids, p.keys, func(_ uint64, hs []progress.LessonHistory) error {
		l := &learners[i]
		i++
		asOf := zones.in(asOf, l.Profile.TimeZone)
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

// zoneCache finds each learners' time zone once per read.
type zoneCache map[string]*time.Location

// in is t in the time zone named zone, or t unchanged when zone is empty
// or not a zone this machine knows (the store checked it when it was set).
func (z zoneCache) in(t time.Time, zone string) time.Time {
	if zone == "" {
		return t
	}
	loc, ok := z[zone]
	if !ok {
		loc, _ = progress.LoadTimeZone(zone)
		z[zone] = loc
	}
	if loc == nil {
		return t
	}
	return t.In(loc)
}
