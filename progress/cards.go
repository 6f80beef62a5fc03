package progress

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
	bolt "go.etcd.io/bbolt"
)

// Rating says how well a learner knew the answer to a question. It
// decides when the question comes back for review.
type Rating int

// Ratings, as FSRS numbers them.
const (
	Again Rating = 1 // wrong: see it again soon
	Hard  Rating = 2 // partly right
	Good  Rating = 3 // right
	Easy  Rating = 4 // right, and quickly
)

// String names the rating.
func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return fmt.Sprintf("rating(%d)", int(r))
}

// valid reports whether r is one of the four ratings.
func (r Rating) valid() bool { return r >= Again && r <= Easy }

// CardKey names a review card: one question of one lesson of one pack.
type CardKey struct {
	Pack, Lesson, Question string
}

// String is the card's path, pack/lesson/question.
func (k CardKey) String() string { return k.Pack + "/" + k.Lesson + "/" + k.Question }

// LessonKey is the lesson the card's question belongs to.
func (k CardKey) LessonKey() LessonKey { return LessonKey{Pack: k.Pack, Lesson: k.Lesson} }

func (k CardKey) bytes() []byte { return join([]byte(k.Pack), []byte(k.Lesson), []byte(k.Question)) }

// CardState is where a card is in its schedule.
type CardState int

// Card states, as FSRS names them.
const (
	CardNew        CardState = CardState(fsrs.New)
	CardLearning   CardState = CardState(fsrs.Learning)
	CardReview     CardState = CardState(fsrs.Review)
	CardRelearning CardState = CardState(fsrs.Relearning)
)

// Card is the review schedule of one question, kept by FSRS.
type Card struct {
	Key        CardKey
	Due        time.Time
	State      CardState
	Reps       int // times answered
	Lapses     int // times forgotten after being learned
	Stability  float64
	Difficulty float64
	LastReview time.Time
	LastRating Rating
	// Retired is set when the question left its pack (an upgrade removed
	// it): the card is kept, but never shown again.
	Retired bool
}

// cardRecord is a card as stored: FSRS's own card, and ours.
type cardRecord struct {
	FSRS       fsrs.Card `json:"fsrs"`
	LastRating Rating    `json:"last_rating"`
	Retired    bool      `json:"retired,omitempty"`
}

func (r cardRecord) card(k CardKey) Card {
	return Card{Key: k, Due: r.FSRS.Due, State: CardState(r.FSRS.State), Reps: int(r.FSRS.Reps), Lapses: int(r.FSRS.Lapses),
		Stability: r.FSRS.Stability, Difficulty: r.FSRS.Difficulty, LastReview: r.FSRS.LastReview,
		LastRating: r.LastRating, Retired: r.Retired}
}

// dueKey is the card's key in the due index: its due time, then its key,
// so that a cursor walks the cards in the order they fall due.
func dueKey(due time.Time, k []byte) []byte {
	return append(itob(uint64(max(due.UnixNano(), 0))), k...)
}

// reviewCard schedules the card of k after an answer rated r at time at,
// as policy decides, creating it on the first answer, and keeps the due
// index in step.
func reviewCard(pb bucket, policy Policy, k CardKey, r Rating, at time.Time) error {
	if policy == nil {
		return fmt.Errorf("card %s: %w", k, ErrNoPolicy)
	}
	if !r.valid() {
		return fmt.Errorf("card %s: rating %d: %w", k, int(r), ErrInvalid)
	}
	cards, due, err := cardBuckets(pb)
	if err != nil {
		return err
	}
	key := k.bytes()
	rec := cardRecord{FSRS: fsrs.NewCard()}
	found, err := cards.get(key, &rec)
	if err != nil {
		return err
	}
	if found && !rec.Retired {
		if err := removeDue(due, rec, key); err != nil {
			return err
		}
	}
	rec.FSRS = policy.Schedule(rec.FSRS, r, at)
	rec.LastRating, rec.Retired = r, false
	if err := cards.put(key, rec); err != nil {
		return err
	}
	return due.put(dueKey(rec.FSRS.Due, key), r)
}

// removeDue takes a card that is not retired out of the due index. Its
// entry must be there, holding a rating: anything else is damage, and is
// left for the learner's support to see.
func removeDue(due bucket, rec cardRecord, card []byte) error {
	key := dueKey(rec.FSRS.Due, card)
	v, found, err := due.lookup(key)
	if err != nil {
		return err
	}
	if !found {
		return damaged(due.name, "no entry for card %s due %v", quoteKey(card), rec.FSRS.Due)
	}
	if _, err := due.dueEntry(key, v); err != nil {
		return err
	}
	return due.del(key)
}

// cardBuckets returns a learner's cards and due index.
func cardBuckets(pb bucket) (cards, due bucket, err error) {
	if cards, err = child(pb, bucketCards); err != nil {
		return bucket{}, bucket{}, err
	}
	if due, err = child(pb, bucketDue); err != nil {
		return bucket{}, bucket{}, err
	}
	return cards, due, nil
}

// DueCard is a card that is due for review, as the due index has it.
type DueCard struct {
	Key        CardKey
	Due        time.Time
	LastRating Rating
}

// Mistake reports whether the card's last answer was wrong or partly so.
func (d DueCard) Mistake() bool { return d.LastRating == Again || d.LastRating == Hard }

// DueCards returns the cards due at or before now, in every pack: those
// last answered wrongly first, then the rest, each group oldest due first.
// With limit > 0 it returns at most limit cards. Retired cards are never
// due.
func (s *Store) DueCards(profile uint64, now time.Time, limit int) ([]DueCard, error) {
	var mistakes, rest []DueCard
	full := func(list []DueCard) bool { return limit > 0 && len(list) >= limit }
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		due, err := child(pb, bucketDue)
		if err != nil {
			return err
		}
		end := max(now.UnixNano(), 0)
		c := due.Cursor()
		for k, v := c.First(); k != nil && !full(mistakes); k, v = c.Next() {
			d, err := due.dueEntry(k, v)
			if err != nil {
				return err
			}
			if d.Due.UnixNano() > end {
				break
			}
			list := &rest
			if d.Mistake() {
				list = &mistakes
			}
			if full(*list) {
				continue // only mistakes can still make the cut
			}
			*list = append(*list, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read due cards of profile %d: %w", profile, err)
	}
	out := append(mistakes, rest...)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// CountDue returns how many cards fall due at or before each of the
// given times, which must be in increasing order: for example the end of
// today and the end of the week. Only the cards of packs for which onOffer
// is true are counted (all, when onOffer is nil).
func (s *Store) CountDue(profile uint64, onOffer func(pack string) bool, until ...time.Time) ([]int, error) {
	counts := make([]int, len(until))
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		due, err := child(pb, bucketDue)
		if err != nil {
			return err
		}
		c := due.Cursor()
		i, n := 0, 0
		var last []byte // the pack of the previous card
		lastOK := false // and onOffer's answer for it
		for k, v := c.First(); k != nil && i < len(until); k, v = c.Next() {
			dueAt, pack, err := due.duePack(k, v)
			if err != nil {
				return err
			}
			for i < len(until) && dueAt > until[i].UnixNano() {
				counts[i] = n
				i++
			}
			if i == len(until) {
				break
			}
			if onOffer != nil {
				if last == nil || !bytes.Equal(pack, last) {
					last, lastOK = pack, onOffer(string(pack))
				}
				if !lastOK {
					continue
				}
			}
			n++
		}
		for ; i < len(until); i++ {
			counts[i] = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count due cards of profile %d: %w", profile, err)
	}
	return counts, nil
}

// CardKeys returns the keys of every card of a learner, retired ones
// included, without reading the cards: cheap enough to check at each
// start which questions still exist.
func (s *Store) CardKeys(profile uint64) ([]CardKey, error) {
	var out []CardKey
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		cards, err := child(pb, bucketCards)
		if err != nil {
			return err
		}
		return cards.ForEach(func(k, v []byte) error {
			key, err := cards.cardKey(k)
			if err != nil {
				return err
			}
			if v == nil {
				return damaged(cards.name, "key %s holds a bucket, want a card", quoteKey(k))
			}
			out = append(out, key)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read card keys of profile %d: %w", profile, err)
	}
	return out, nil
}

// Card returns the card of a question, or ErrNotFound if the learner has
// never answered it.
func (s *Store) Card(profile uint64, k CardKey) (Card, error) {
	var c Card
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		cards, err := child(pb, bucketCards)
		if err != nil {
			return err
		}
		var rec cardRecord
		found, err := cards.get(k.bytes(), &rec)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("card %s: %w", k, ErrNotFound)
		}
		c = rec.card(k)
		return nil
	})
	if err != nil {
		return Card{}, fmt.Errorf("read card %s of profile %d: %w", k, profile, err)
	}
	return c, nil
}

// Cards returns every card of a learner in one pack (all packs when pack
// is empty), retired ones included.
func (s *Store) Cards(profile uint64, pack string) ([]Card, error) {
	var out []Card
	err := s.db.View(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		var prefix []byte
		if pack != "" {
			prefix = append([]byte(pack), 0)
		}
		cards, err := child(pb, bucketCards)
		if err != nil {
			return err
		}
		c := cards.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			key, err := cards.cardKey(k)
			if err != nil {
				return err
			}
			var rec cardRecord
			if err := cards.decode(k, v, &rec); err != nil {
				return err
			}
			out = append(out, rec.card(key))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read cards of pack %q of profile %d: %w", pack, profile, err)
	}
	return out, nil
}

// RetireCards marks cards as retired, for questions that are no longer in
// their pack: they leave the due index and are never shown again, but
// their history is kept. Cards never answered are skipped.
func (s *Store) RetireCards(profile uint64, keys []CardKey) error {
	err := s.update(profile, func(pb bucket) error {
		cards, due, err := cardBuckets(pb)
		if err != nil {
			return err
		}
		for _, k := range keys {
			var rec cardRecord
			found, err := cards.get(k.bytes(), &rec)
			if err != nil {
				return err
			}
			if !found || rec.Retired {
				continue
			}
			if err := removeDue(due, rec, k.bytes()); err != nil {
				return err
			}
			rec.Retired = true
			if err := cards.put(k.bytes(), rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return fmt.Errorf("retire cards %s: %w", strings.Join(names, ", "), err)
	}
	return nil
}
