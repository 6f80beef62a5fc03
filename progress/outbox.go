package progress

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The outbox holds the records an [OutboxHook] made, queued in the same
// transaction as the progress they describe, until a sender has them
// acknowledged by the system they go to. The sender reads them in order
// with [Store.PeekOutbox], and removes each only when acknowledged
// ([Store.MarkDelivered]) or refused for good ([Store.RejectStatement]).
var (
	bucketOutbox     = []byte("outbox")
	bucketRejected   = []byte("rejected")
	bucketDelivery   = []byte("delivery")
	keyDeliveryState = []byte("state")
)

// DefaultOutboxLimit is the outbox's size bound when [Options.OutboxLimit]
// is zero: about a year of a busy learner's statements on a laptop never
// connected, some 100-200 MB.
const DefaultOutboxLimit = 100_000

// maxAnswerText bounds what is kept of a receiver's answer or an error.
const maxAnswerText = 4096

// outboxRecord is a queued (or rejected) record.
type outboxRecord struct {
	ID     string          `json:"id"`
	Queued time.Time       `json:"queued"`
	Body   json.RawMessage `json:"body"`
	// Rejected and Answer: when and why the receiver refused it (rejected
	// bucket only).
	Rejected time.Time `json:"rejected,omitzero"`
	Answer   string    `json:"answer,omitempty"`
}

// outboxState counts what the outbox did.
type outboxState struct {
	Sent        int       `json:"sent"`
	Rejected    int       `json:"rejected"`
	Dropped     int       `json:"dropped"`
	LastSent    time.Time `json:"last_sent,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	// FirstQueued is the time of the first record ever queued (the
	// event's): events before it happened with no outbox, and are what a
	// backfill sends. Backfilled is when that was done.
	FirstQueued time.Time `json:"first_queued,omitzero"`
	Backfilled  time.Time `json:"backfilled,omitzero"`
	// DroppedAtBackfill is Dropped when the backfill was done: records
	// dropped since are made again by the next Backfill.
	DroppedAtBackfill int `json:"dropped_at_backfill,omitempty"`
}

// QueuedStatement is a record waiting in the outbox. Seq is its place in
// the queue: the key [Store.MarkDelivered] and [Store.RejectStatement]
// take.
type QueuedStatement struct {
	Seq    uint64
	ID     [16]byte
	Body   []byte
	Queued time.Time
}

// RejectedStatement is a record the receiver refused, set aside with its
// answer.
type RejectedStatement struct {
	QueuedStatement
	Rejected time.Time
	Answer   string
}

// OutboxStats is the state of the outbox.
type OutboxStats struct {
	Queued   int // waiting to be sent
	Sent     int // acknowledged by the receiver and removed
	Rejected int // refused by the receiver and set aside
	// Dropped counts records not queued because the outbox was at its
	// Limit; their progress is stored, so they can be made again.
	Dropped int
	Limit   int
	// Oldest is when the oldest queued record was made; zero when none.
	Oldest      time.Time
	LastSent    time.Time
	LastError   string
	LastErrorAt time.Time
}

// Warning reports whether the outbox is half full or more, or has had to
// drop records: time to send them.
func (st OutboxStats) Warning() bool { return st.Queued*2 >= st.Limit || st.Dropped > 0 }

// outboxLimit is the store's outbox bound.
func (s *Store) outboxLimit() int {
	if s.outboxMax > 0 {
		return s.outboxMax
	}
	return DefaultOutboxLimit
}

// enqueue queues entries made at time at, inside tx. At the size bound an
// entry is counted as dropped instead: a learner's progress is never
// refused because the outbox is full. It writes only the outbox bucket
// (the delivery counters only when dropping), so that queuing adds as
// little as it can to a learner's commit: the outbox's sequence counts
// every record ever queued, and the records queued now are that count
// less those sent and rejected.
func (s *Store) enqueue(tx *bolt.Tx, entries []OutboxEntry, at time.Time) error {
	_, err := s.enqueueCounted(tx, entries, at)
	return err
}

// enqueueCounted is enqueue, and returns how many it queued. The delivery counters
// are written only when dropping, and when the first record is ever
// queued (to note its time).
func (s *Store) enqueueCounted(tx *bolt.Tx, entries []OutboxEntry, at time.Time) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	outbox, state, err := outboxBuckets(tx, true)
	if err != nil {
		return 0, err
	}
	var st outboxState
	if err := state.deliveryState(&st); err != nil {
		return 0, err
	}
	queued, err := queuedCount(outbox, st)
	if err != nil {
		return 0, err
	}
	dropped, added := 0, 0
	for _, e := range entries {
		if queued >= s.outboxLimit() {
			dropped++
			continue
		}
		seq, err := outbox.NextSequence()
		if err != nil {
			return 0, err
		}
		rec := outboxRecord{ID: uuid.UUID(e.ID).String(), Queued: at, Body: e.Body}
		if err := outbox.put(itob(seq), rec); err != nil {
			return 0, err
		}
		queued++
		added++
	}
	if s.onQueued != nil && added > 0 {
		tx.OnCommit(s.onQueued)
	}
	first := st.FirstQueued.IsZero() && added > 0
	if dropped == 0 && !first {
		return added, nil
	}
	st.Dropped += dropped
	if first {
		st.FirstQueued = at
	}
	return added, state.put(keyDeliveryState, st)
}

// queuedCount is how many records the outbox holds: every record queued
// (the bucket's sequence) less those sent and rejected. A count that does
// not add up is damage.
func queuedCount(outbox bucket, st outboxState) (int, error) {
	total := outbox.Sequence()
	done := uint64(st.Sent) + uint64(st.Rejected)
	if total < done || total-done > math.MaxInt32 {
		return 0, damaged(string(bucketDelivery), "%d records sent or set aside, but %d ever queued", done, total)
	}
	return int(total - done), nil
}

// outboxBuckets returns the outbox and delivery buckets, creating them if
// create is set; without it, either may be a zero bucket when absent.
func outboxBuckets(tx *bolt.Tx, create bool) (outbox, state bucket, err error) {
	get := func(name []byte) (bucket, error) {
		root := bucket{tx.Cursor().Bucket(), ""}
		b, found, err := nested(root, name, string(name))
		if err != nil || found || !create {
			return b, err
		}
		nb, err := tx.CreateBucket(name)
		return bucket{nb, string(name)}, err
	}
	if outbox, err = get(bucketOutbox); err != nil {
		return
	}
	state, err = get(bucketDelivery)
	return
}

// PeekOutbox returns up to n of the oldest queued records, oldest first,
// without removing them.
func (s *Store) PeekOutbox(n int) ([]QueuedStatement, error) {
	var out []QueuedStatement
	err := s.db.View(func(tx *bolt.Tx) error {
		outbox, _, err := outboxBuckets(tx, false)
		if err != nil || outbox.Bucket == nil {
			return err
		}
		c := outbox.Cursor()
		for k, v := c.First(); k != nil && len(out) < n; k, v = c.Next() {
			q, err := queued(outbox, k, v)
			if err != nil {
				return err
			}
			out = append(out, q.QueuedStatement)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	return out, nil
}

// queued decodes one record of the outbox or rejected bucket.
func queued(b bucket, k, v []byte) (RejectedStatement, error) {
	var rec outboxRecord
	seq, err := b.outboxRecord(k, v, &rec)
	if err != nil {
		return RejectedStatement{}, err
	}
	return RejectedStatement{
		QueuedStatement: QueuedStatement{Seq: seq, ID: uuid.MustParse(rec.ID), Body: rec.Body, Queued: rec.Queued},
		Rejected:        rec.Rejected, Answer: rec.Answer,
	}, nil
}

// MarkDelivered removes records the receiver acknowledged, by Seq, and
// counts them as sent at time at. A Seq no longer queued (delivered
// already) is ignored.
func (s *Store) MarkDelivered(seqs []uint64, at time.Time) error {
	err := s.updateOutbox(func(outbox bucket, st *outboxState) error {
		for _, seq := range seqs {
			v, found, err := outbox.lookup(itob(seq))
			switch {
			case err != nil:
				return err
			case !found:
				continue
			}
			var rec outboxRecord // checked, so that damage is reported, not removed
			if _, err := outbox.outboxRecord(itob(seq), v, &rec); err != nil {
				return err
			}
			if err := outbox.del(itob(seq)); err != nil {
				return err
			}
			st.Sent++
			st.LastSent = at
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark records delivered: %w", err)
	}
	return nil
}

// RejectStatement sets a queued record aside in the rejected bucket with
// the receiver's answer (cut to 4 KB), so that it no longer holds up the
// others. A Seq no longer queued is ignored.
func (s *Store) RejectStatement(seq uint64, answer string, at time.Time) error {
	err := s.updateOutbox(func(outbox bucket, st *outboxState) error {
		v, found, err := outbox.lookup(itob(seq))
		if err != nil || !found {
			return err
		}
		var rec outboxRecord
		if _, err := outbox.outboxRecord(itob(seq), v, &rec); err != nil {
			return err
		}
		rec.Rejected, rec.Answer = at, cut(answer)
		rejected, err := outbox.Tx().CreateBucketIfNotExists(bucketRejected)
		if err != nil {
			return fmt.Errorf("%w (bucket %q: not a bucket)", ErrCorrupt, bucketRejected)
		}
		if err := (bucket{rejected, string(bucketRejected)}).put(itob(seq), rec); err != nil {
			return err
		}
		st.Rejected++
		return outbox.del(itob(seq))
	})
	if err != nil {
		return fmt.Errorf("set aside record %d: %w", seq, err)
	}
	return nil
}

// RecordSendError keeps the latest error of sending (cut to 4 KB), for
// [Store.OutboxStats]. It must hold no secret.
func (s *Store) RecordSendError(message string, at time.Time) error {
	err := s.updateOutbox(func(_ bucket, st *outboxState) error {
		st.LastError, st.LastErrorAt = cut(message), at
		return nil
	})
	if err != nil {
		return fmt.Errorf("keep the error of sending: %w", err)
	}
	return nil
}

// updateOutbox runs fn on the outbox and its counters in one write
// transaction, and stores the counters.
func (s *Store) updateOutbox(fn func(outbox bucket, st *outboxState) error) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		outbox, state, err := outboxBuckets(tx, true)
		if err != nil {
			return err
		}
		var st outboxState
		if err := state.deliveryState(&st); err != nil {
			return err
		}
		if err := fn(outbox, &st); err != nil {
			return err
		}
		return state.put(keyDeliveryState, st)
	})
}

// OutboxStats returns the outbox's counts, its oldest record's time and
// the latest error of sending.
func (s *Store) OutboxStats() (OutboxStats, error) {
	st := OutboxStats{Limit: s.outboxLimit()}
	err := s.db.View(func(tx *bolt.Tx) error {
		outbox, state, err := outboxBuckets(tx, false)
		if err != nil {
			return err
		}
		if state.Bucket != nil {
			var rec outboxState
			if err := state.deliveryState(&rec); err != nil {
				return err
			}
			st.Sent, st.Rejected, st.Dropped = rec.Sent, rec.Rejected, rec.Dropped
			st.LastSent, st.LastError, st.LastErrorAt = rec.LastSent, rec.LastError, rec.LastErrorAt
		}
		if outbox.Bucket != nil {
			if st.Queued, err = queuedCount(outbox, outboxState{Sent: st.Sent, Rejected: st.Rejected}); err != nil {
				return err
			}
			if k, v := outbox.Cursor().First(); k != nil {
				q, err := queued(outbox, k, v)
				if err != nil {
					return err
				}
				st.Oldest = q.Queued
			}
		}
		return nil
	})
	if err != nil {
		return OutboxStats{}, fmt.Errorf("read the outbox's state: %w", err)
	}
	return st, nil
}

// RejectedStatements returns the records set aside, oldest first.
func (s *Store) RejectedStatements() ([]RejectedStatement, error) {
	var out []RejectedStatement
	err := s.db.View(func(tx *bolt.Tx) error {
		root := bucket{tx.Cursor().Bucket(), ""}
		rejected, found, err := nested(root, bucketRejected, string(bucketRejected))
		if err != nil || !found {
			return err
		}
		c := rejected.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			r, err := queued(rejected, k, v)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the records set aside: %w", err)
	}
	return out, nil
}

// cut shortens text to maxAnswerText bytes, on a rune boundary.
func cut(text string) string {
	if len(text) <= maxAnswerText {
		return text
	}
	i := maxAnswerText
	for i > 0 && text[i]&0xC0 == 0x80 {
		i--
	}
	return text[:i] + "..."
}
