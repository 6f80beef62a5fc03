package reports

import (
	"fmt"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Learners reports on each of profiles: for each, a report with every
// pack they have started, or their current pack if none.
func Learners(cat *catalog.Catalog, profiles []progress.Profile, now time.Time) ([]learner.LearnerReport, error) {
	reports := []learner.LearnerReport{}
	onOffer := func(id string) bool { _, ok := cat.Entry(id); return ok }
	for _, p := range profiles {
		r, err := learnerReport(cat, p, now, onOffer)
		if err != nil {
			return nil, fmt.Errorf("progress of %s: %w", p.Name, err)
		}
		reports = append(reports, r)
	}
	return reports, nil
}

// learnerReport summarises one learner: their own figures, then each pack
// they have started, or their current pack. onOffer says which packs'
// review cards count as due.
func learnerReport(cat *catalog.Catalog, p progress.Profile, now time.Time, onOffer func(string) bool) (learner.LearnerReport, error) {
	store := cat.Store()
	home, err := cat.Load(cat.Default())
	if err != nil {
		return learner.LearnerReport{}, err
	}
	base, err := learner.Load(store, home, p, now.Location())
	if err != nil {
		return learner.LearnerReport{}, err
	}
	due, err := review.CountDue(store, p.ID, onOffer, now)
	if err != nil {
		return learner.LearnerReport{}, err
	}
	spent, err := store.Time(p.ID)
	if err != nil {
		return learner.LearnerReport{}, err
	}
	r := learner.NewLearnerReport(base, learner.ReportInputs{Today: now, Due: due, Spent: spent})
	for _, e := range cat.Entries() {
		recs, err := store.Lessons(p.ID, e.ID)
		if err != nil {
			return r, err
		}
		current := p.Last.Pack == e.ID || p.Last.Pack == "" && e.ID == cat.Default()
		if len(recs) == 0 && !current {
			continue
		}
		pack, err := cat.Load(e.ID)
		if err != nil {
			return r, err
		}
		if err := addPack(&r, store, pack, p, now); err != nil {
			return r, err
		}
	}
	return r, nil
}

// addPack adds a learner's standing in one pack to their report.
func addPack(r *learner.LearnerReport, store *progress.Store, pack *lessons.Pack, p progress.Profile, now time.Time) error {
	prog, err := learner.Load(store, pack, p, now.Location())
	if err != nil {
		return err
	}
	resume := 0
	if next := prog.Next(); next != nil {
		a, open, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: next.ID})
		if err != nil {
			return err
		}
		if open {
			resume = a.Next() + 1
		}
	}
	r.AddPack(prog, resume)
	return nil
}
