package compliance

import (
	"time"

	"github.com/upskill-council/upskill/progress"
)

// Item is one learner's standing on one requirement.
type Item struct {
	Requirement
	Status     Status
	Due        time.Time   // the date it must be done by: ValidUntil when completed, else joined+grace; zero if never due
	Completed  time.Time   // latest completion; zero if none
	ValidUntil time.Time   // zero if not completed or no renewal
	History    []time.Time // every completion, oldest first
	// BestScore is the mean, over the module's quizzes the learner has
	// taken, of their best score on each (internal/score rounding): the
	// best score itself when the module has one quiz. -1 if no quiz taken.
	BestScore int
	Attempts  int // finished quiz attempts over the module's lessons
}

// Learner is one learner's required training, most urgent first.
type Learner struct {
	Profile progress.Profile
	Items   []Item
}

// Count returns how many of the learner's items have status s.
func (l Learner) Count(s Status) int {
	n := 0
	for _, it := range l.Items {
		if it.Status == s {
			n++
		}
	}
	return n
}

// moduleHistory works out when a module was completed from when each of
// its lessons was (each list oldest first): a module is completed when its
// last lesson is, and each later completion counts only lesson
// completions made after the one before.
func moduleHistory(lessons [][]time.Time) []time.Time {
	if len(lessons) == 0 {
		return nil
	}
	next := make([]int, len(lessons)) // per lesson, the first completion not yet used
	var out []time.Time
	for {
		var done time.Time
		for i, ts := range lessons {
			for len(out) > 0 && next[i] < len(ts) && !ts[next[i]].After(out[len(out)-1]) {
				next[i]++
			}
			if next[i] == len(ts) {
				return out
			}
			if t := ts[next[i]]; t.After(done) {
				done = t
			}
		}
		out = append(out, done)
	}
}

// standing works out an item's dates and status on asOf, from the
// module's completion history and the day the learner joined. Dates are
// in asOf's location: the learner's calendar.
func standing(it *Item, joined, asOf time.Time) {
	loc := asOf.Location()
	if n := len(it.History); n > 0 {
		it.Completed = it.History[n-1].In(loc)
		if it.RenewalMonths > 0 {
			it.ValidUntil = it.Completed.AddDate(0, it.RenewalMonths, 0)
			it.Due = it.ValidUntil
		}
	} else {
		it.Due = joined.In(loc).AddDate(0, 0, it.GraceDays)
	}
	if it.Due.IsZero() {
		it.Status = Compliant
		return
	}
	switch left := daysBetween(asOf, it.Due); {
	case left < 0:
		it.Status = Overdue
	case left <= dueSoonDays:
		it.Status = DueSoon
	case !it.Completed.IsZero():
		it.Status = Compliant
	default:
		it.Status = NotStarted
	}
}

// daysBetween is the number of calendar days from a's date to b's, in a's
// location: 0 on the same day, 1 when b is tomorrow, -1 yesterday.
func daysBetween(a, b time.Time) int {
	loc := a.Location()
	da := civil(a.In(loc))
	db := civil(b.In(loc))
	return int(db.Sub(da).Round(24*time.Hour) / (24 * time.Hour))
}

// civil is t's date at midnight UTC, so that differences are whole days
// whatever the clocks did in t's zone.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
