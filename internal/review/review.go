// Package review turns a learner's due review cards into questions to
// ask, and rates answers for the scheduler: the policy between the quiz
// screens and the FSRS cards that the progress package stores.
package review

import (
	"fmt"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// SessionSize is the most cards one review session asks.
const SessionSize = 20

// Fast is how quickly a right answer must come to be rated Easy rather
// than Good: longer for questions that take longer to read and answer.
// An answer that is partly right is rated Hard, and a wrong one Again.
func Fast(q *lessons.Question) time.Duration {
	switch q.Type {
	case lessons.TrueFalse:
		return 8 * time.Second
	case lessons.SingleChoice:
		return 12 * time.Second
	case lessons.MultipleChoice, lessons.TextAnswer, lessons.NumberAnswer:
		return 20 * time.Second
	default: // matching and ordering
		return 30 * time.Second
	}
}

// Rate rates an answer from its score (0 to 1) and how long the learner
// took: wrong is Again, partly right Hard, right Good, and right within
// Fast(q) Easy. An unknown time (zero or less) is never fast.
func Rate(q *lessons.Question, score float64, took time.Duration) progress.Rating {
	switch {
	case score <= 0:
		return progress.Again
	case score < 1-1e-9:
		return progress.Hard
	case took > 0 && took <= Fast(q):
		return progress.Easy
	}
	return progress.Good
}

// Card is a due card with the question it asks, from the pack as it is
// now.
type Card struct {
	progress.DueCard
	Pack     *lessons.Pack
	Lesson   *lessons.Lesson
	Question *lessons.Question
}

// Packs finds a pack on offer by id; ok is false when it is not on offer.
// The packs it returns are shared and read-only. Due and Reconcile ask it
// once per pack id, whatever the number of cards.
type Packs func(id string) (p *lessons.Pack, ok bool)

// Due returns up to limit due cards (limit 0 means all), mistakes first,
// each with its question. A card whose question is no longer in its pack
// (an upgrade removed it) is retired and left out. A card whose whole pack
// is not on offer is left out but kept, in case the pack comes back.
func Due(store *progress.Store, profile uint64, packs Packs, now time.Time, limit int) ([]Card, error) {
	packs = once(packs)
	want := limit
	for {
		due, err := store.DueCards(profile, now, want)
		if err != nil {
			return nil, err
		}
		var out []Card
		var retire []progress.CardKey
		skipped := 0 // cards of packs not on offer, which stay due
		for _, d := range due {
			c, ok, gone := resolve(d, packs)
			switch {
			case gone:
				retire = append(retire, d.Key)
			case !ok:
				skipped++
			case limit == 0 || len(out) < limit:
				out = append(out, c)
			}
		}
		if len(retire) > 0 {
			if err := store.RetireCards(profile, retire); err != nil {
				return nil, fmt.Errorf("retire removed questions: %w", err)
			}
		}
		// Done with enough cards, or when the store has no more due.
		if limit == 0 || len(out) >= limit || len(due) < want {
			return out, nil
		}
		// Ask for more: retired cards are gone from the index, and cards
		// of packs not on offer must be stepped over.
		want = limit + skipped
	}
}

// Resolve finds the question of a card in the packs on offer. ok is false
// when the pack is not on offer or no longer has the question.
func Resolve(k progress.CardKey, packs Packs) (Card, bool) {
	c, ok, _ := resolve(progress.DueCard{Key: k}, packs)
	return c, ok
}

// resolve finds a due card's question. gone says the pack is on offer but
// no longer has the question; ok false without gone says the pack is not
// on offer.
func resolve(d progress.DueCard, packs Packs) (c Card, ok, gone bool) {
	p, ok := packs(d.Key.Pack)
	if !ok {
		return Card{}, false, false
	}
	l, ok := p.Lesson(d.Key.Lesson)
	if !ok || l.Quiz == nil {
		return Card{}, false, true
	}
	q, ok := l.Quiz.Question(d.Key.Question)
	if !ok {
		return Card{}, false, true
	}
	return Card{DueCard: d, Pack: p, Lesson: l, Question: q}, true, false
}

// Reconcile retires the cards whose question is no longer in its pack,
// for every pack on offer: run it when packs may have changed (at start,
// after an import), so that the due counts leave those cards out. It
// returns how many cards it retired. It reads the cards in one read
// transaction, asks packs once per pack, and writes only if it retires
// any.
func Reconcile(store *progress.Store, profile uint64, packs Packs) (int, error) {
	keys, err := store.ScheduledCardKeys(profile)
	if err != nil {
		return 0, err
	}
	packs = once(packs)
	var retire []progress.CardKey
	for _, k := range keys {
		if _, _, gone := resolve(progress.DueCard{Key: k}, packs); gone {
			retire = append(retire, k)
		}
	}
	if len(retire) == 0 {
		return 0, nil
	}
	return len(retire), store.RetireCards(profile, retire)
}

// once returns a Packs that asks packs at most once per pack id: one
// operation resolves many cards of few packs. It is for one operation
// only, and not safe for concurrent use.
func once(packs Packs) Packs {
	type answer struct {
		p  *lessons.Pack
		ok bool
	}
	asked := map[string]answer{}
	return func(id string) (*lessons.Pack, bool) {
		if a, ok := asked[id]; ok {
			return a.p, a.ok
		}
		p, ok := packs(id)
		asked[id] = answer{p, ok}
		return p, ok
	}
}

// Counts says how many cards are due by the end of the learner's day and
// by the end of the next seven days, among the packs on offer.
type Counts struct {
	Today, Week int
}

// EndOfDay is the last instant of now's day, in now's time zone: a
// review session takes the cards due by then, so that a card due in ten
// minutes is not left out of today's review.
func EndOfDay(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, now.Location()).Add(-time.Nanosecond)
}

// CountDue counts the due cards of the packs on offer, with days ending
// at midnight in the time zone of now.
func CountDue(store *progress.Store, profile uint64, onOffer func(pack string) bool, now time.Time) (Counts, error) {
	endOfDay := EndOfDay(now)
	n, err := store.CountDue(profile, onOffer, endOfDay, endOfDay.AddDate(0, 0, 7))
	if err != nil {
		return Counts{}, err
	}
	return Counts{Today: n[0], Week: n[1]}, nil
}
