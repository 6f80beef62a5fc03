package progress

import (
	"errors"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Policy is the review policy a [Store] is given when it is opened: how a
// card's schedule follows from a rating, and how an answer stored before
// review cards existed is rated. The store keeps what the policy decides
// and decides nothing itself; Upskill's policy is in package
// internal/review. A Policy is shared by every learner of the store, so
// it must be safe for concurrent use.
type Policy interface {
	// Schedule returns the card after a review rated r at time at.
	Schedule(card fsrs.Card, r Rating, at time.Time) fsrs.Card
	// RatePast rates an answer stored by an Upskill that had no review
	// cards (schema 2), so that upgrading the file can build its cards.
	// It must return one of the four ratings.
	RatePast(a Answer) Rating
}

// Options configure [Open].
type Options struct {
	// Policy schedules review cards. Without one, the store reads
	// everything but cannot record answers or reviews, nor upgrade a file
	// that holds answers from schema 2: those fail with [ErrNoPolicy].
	Policy Policy
	// BatchDelay, when above zero, lets answers and reviews recorded at
	// the same time by different goroutines (a server's sessions) share
	// one commit and one fsync: each waits up to BatchDelay for others to
	// join, and returns only once the shared commit is on disk. Zero
	// commits each on its own at once, the right choice for one learner.
	BatchDelay time.Duration
	// Outbox, when set, is called with every learning event inside the
	// event's write transaction, and what it returns is queued in the
	// same transaction for sending (see outbox.go). Nil queues nothing.
	Outbox OutboxHook
	// OutboxLimit bounds how many records the outbox holds; zero means
	// [DefaultOutboxLimit]. At the bound, new records are counted as
	// dropped (OutboxStats.Dropped) and the learner's progress is still
	// stored.
	OutboxLimit int
	// OnQueued, when set, is called after each commit that queued records
	// in the outbox (not inside the transaction), so that a sender can
	// wake; it must return quickly and must not block.
	OnQueued func()
}

// ErrNoPolicy is returned by the methods that schedule review cards when
// the store was opened without a [Policy].
var ErrNoPolicy = errors.New("the progress file was opened without a review policy")
