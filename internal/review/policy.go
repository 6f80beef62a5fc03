package review

import (
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/upskill-council/upskill/progress"
)

// Policy is Upskill's review policy, which the progress store is given
// when it is opened (see [StoreOptions]): FSRS-5 with its default
// parameters — 90% retention wanted, short-term steps on, no fuzz, so
// that schedules are reproducible — and the ratings of answers stored
// before review cards existed. It is safe for concurrent use: nothing in
// it changes after [NewPolicy].
type Policy struct {
	fsrs *fsrs.FSRS
}

var _ progress.Policy = (*Policy)(nil)

// NewPolicy returns Upskill's review policy.
func NewPolicy() *Policy { return &Policy{fsrs: fsrs.NewFSRS(fsrs.DefaultParam())} }

// StoreOptions are the options to open a progress file with: Upskill's
// review policy.
func StoreOptions() progress.Options { return progress.Options{Policy: NewPolicy()} }

// Schedule returns card after a review rated r at time at: what FSRS
// decides.
func (p *Policy) Schedule(card fsrs.Card, r progress.Rating, at time.Time) fsrs.Card {
	return p.fsrs.Next(card, at, fsrs.Rating(r)).Card
}

// RatePast rates an answer stored before review cards existed: by its
// own rating if it has one, else by [RateUntimed].
func (p *Policy) RatePast(a progress.Answer) progress.Rating {
	if a.Rating >= progress.Again && a.Rating <= progress.Easy {
		return a.Rating
	}
	return RateUntimed(a)
}

// RateUntimed rates an answer whose time is unknown, such as one stored
// before answers were timed: wrong is Again, partly right Hard, right
// Good. It is never Easy, which needs a fast answer (see [Rate]).
func RateUntimed(a progress.Answer) progress.Rating {
	switch {
	case a.Correct:
		return progress.Good
	case a.Score > 0:
		return progress.Hard
	}
	return progress.Again
}
