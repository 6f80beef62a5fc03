package progress

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Review is one review session: the due cards chosen when it started,
// asked in order, and the answers given so far. A session can be left at
// any moment and resumed from its first unanswered card.
type Review struct {
	ID       uint64
	Cards    []CardKey
	Seed     int64 // fixes the order of each card's choices
	Started  time.Time
	Finished time.Time // zero while the session is open
	Answers  []ReviewAnswer
}

// ReviewAnswer is the answer to one card of a review.
type ReviewAnswer struct {
	Card    CardKey   `json:"card"`
	Choices []int     `json:"choices,omitempty"`
	Text    string    `json:"text,omitempty"`
	Correct bool      `json:"correct"`
	Score   float64   `json:"score,omitempty"`
	Rating  Rating    `json:"rating"`
	Seconds float64   `json:"seconds,omitempty"`
	At      time.Time `json:"at"`
}

// Open reports whether the session is unfinished.
func (r *Review) Open() bool { return r.Finished.IsZero() }

// Next returns the index in Cards of the first card not yet answered, or
// len(Cards) when all are.
func (r *Review) Next() int {
	for i, c := range r.Cards {
		if !slices.ContainsFunc(r.Answers, func(a ReviewAnswer) bool { return a.Card == c }) {
			return i
		}
	}
	return len(r.Cards)
}

// Right counts the answers that were fully right.
func (r *Review) Right() int {
	n := 0
	for _, a := range r.Answers {
		if a.Correct {
			n++
		}
	}
	return n
}

type reviewRecord struct {
	Cards    []CardKey `json:"cards"`
	Seed     int64     `json:"seed"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
}

func reviewedKey(review uint64, card CardKey) []byte {
	return append(append(itob(review), 0), card.bytes()...)
}

// StartReview opens a review session of the given cards. A learner has at
// most one open session: finish or resume the one OpenReview returns
// before starting another.
func (s *Store) StartReview(profile uint64, cards []CardKey, seed int64, at time.Time) (Review, error) {
	if len(cards) == 0 {
		return Review{}, fmt.Errorf("start review: no cards: %w", ErrInvalid)
	}
	var r Review
	err := s.update(profile, func(pb bucket) error {
		if open, ok, err := lastReview(pb); err != nil {
			return err
		} else if ok && open.Open() {
			return fmt.Errorf("review %d is still open: %w", open.ID, ErrReviewOpen)
		}
		b, err := child(pb, bucketReviews)
		if err != nil {
			return err
		}
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		r = Review{ID: id, Cards: slices.Clone(cards), Seed: seed, Started: at}
		return b.put(itob(id), reviewRecord{Cards: r.Cards, Seed: seed, Started: at})
	})
	if err != nil {
		return Review{}, fmt.Errorf("start review: %w", err)
	}
	return r, nil
}

// OpenReview returns the learner's open review session, if there is one.
func (s *Store) OpenReview(profile uint64) (Review, bool, error) {
	var r Review
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		r, ok, err = lastReview(pb)
		ok = ok && r.Open()
		return err
	})
	if err != nil {
		return Review{}, false, fmt.Errorf("read open review of profile %d: %w", profile, err)
	}
	return r, ok, nil
}

// lastReview reads the learner's most recent review session with its
// answers. An answer whose key and record name different cards is damage.
func lastReview(pb bucket) (Review, bool, error) {
	reviews, err := child(pb, bucketReviews)
	if err != nil {
		return Review{}, false, err
	}
	reviewed, err := child(pb, bucketReviewed)
	if err != nil {
		return Review{}, false, err
	}
	k, v := reviews.Cursor().Last()
	if k == nil {
		return Review{}, false, nil
	}
	r, err := readReview(reviews, reviewed, k, v)
	if err != nil {
		return Review{}, false, err
	}
	return r, true, nil
}

// readReview decodes the review session at key k (value v) of the
// reviews bucket with its answers from the reviewed bucket. An answer
// whose key and record name different cards is damage.
func readReview(reviews, reviewed bucket, k, v []byte) (Review, error) {
	id, err := reviews.id(k)
	if err != nil {
		return Review{}, err
	}
	var rec reviewRecord
	if err := reviews.decode(k, v, &rec); err != nil {
		return Review{}, err
	}
	r := Review{ID: id, Cards: rec.Cards, Seed: rec.Seed, Started: rec.Started, Finished: rec.Finished}
	prefix := append(bytes.Clone(k), 0)
	c := reviewed.Cursor()
	for key, val := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, val = c.Next() {
		card, err := reviewed.cardKey(key[len(prefix):])
		if err != nil {
			return Review{}, err
		}
		var a ReviewAnswer
		if err := reviewed.decode(key, val, &a); err != nil {
			return Review{}, err
		}
		if a.Card != card {
			return Review{}, damaged(reviewed.name, "key %s holds the answer to %s", quoteKey(key), a.Card)
		}
		r.Answers = append(r.Answers, a)
	}
	slices.SortStableFunc(r.Answers, func(x, y ReviewAnswer) int {
		return slices.Index(r.Cards, x.Card) - slices.Index(r.Cards, y.Card)
	})
	return r, nil
}

// RecordReview stores the answer to one card of an open review and
// reschedules the card by the answer's Rating (which must be set), in one
// transaction, durable when it returns: call it before showing the learner
// any feedback.
func (s *Store) RecordReview(profile uint64, review uint64, ans ReviewAnswer) error {
	err := s.updateShared(profile, func(pb bucket) error {
		reviews, err := child(pb, bucketReviews)
		if err != nil {
			return err
		}
		b, err := child(pb, bucketReviewed)
		if err != nil {
			return err
		}
		var rec reviewRecord
		found, err := reviews.get(itob(review), &rec)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("review %d: %w", review, ErrNotFound)
		case !rec.Finished.IsZero():
			return ErrReviewClosed
		case !slices.Contains(rec.Cards, ans.Card):
			return fmt.Errorf("card %s is not in review %d: %w", ans.Card, review, ErrNotFound)
		}
		key := reviewedKey(review, ans.Card)
		if answered, err := b.exists(key); err != nil {
			return err
		} else if answered {
			return fmt.Errorf("card %s: %w", ans.Card, ErrAlreadyAnswered)
		}
		if err := b.put(key, ans); err != nil {
			return err
		}
		if err := reviewCard(pb, s.policy, ans.Card, ans.Rating, ans.At); err != nil {
			return err
		}
		return markDay(pb, ans.At, func(d *dayRecord) { d.Cards++ })
	})
	if err != nil {
		return fmt.Errorf("record review of %s: %w", ans.Card, err)
	}
	return nil
}

// FinishReview closes a review session. Cards left unanswered keep their
// schedule and stay due.
func (s *Store) FinishReview(profile uint64, review uint64, at time.Time) (Review, error) {
	var r Review
	err := s.update(profile, func(pb bucket) error {
		b, err := child(pb, bucketReviews)
		if err != nil {
			return err
		}
		var rec reviewRecord
		found, err := b.get(itob(review), &rec)
		switch {
		case err != nil:
			return err
		case !found:
			return fmt.Errorf("review %d: %w", review, ErrNotFound)
		case !rec.Finished.IsZero():
			return ErrReviewClosed
		}
		rec.Finished = at
		if err := b.put(itob(review), rec); err != nil {
			return err
		}
		var ok bool
		r, ok, err = lastReview(pb)
		if err == nil && (!ok || r.ID != review) {
			// Sessions are sequential, so the one finished is the last.
			return fmt.Errorf("%w: review %d is not the latest", ErrCorrupt, review)
		}
		if err != nil {
			return err
		}
		return s.emit(pb, profile, Event{Kind: EventReviewFinished, Review: &r, At: at})
	})
	if err != nil {
		return Review{}, fmt.Errorf("finish review: %w", err)
	}
	return r, nil
}
