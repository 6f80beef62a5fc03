package progress

import (
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackfillReport says what [Store.Backfill] did.
type BackfillReport struct {
	// Queued counts the records queued now; Skipped those already in the
	// outbox; Dropped those not queued because the outbox was full.
	Queued, Skipped, Dropped int
	// Before is the boundary: events before it were made into records
	// (the time the first record was ever queued, or the backfill's own
	// time when none ever was).
	Before time.Time
	// Done is when a backfill was done before; then nothing is queued.
	Done time.Time
}

// Backfill queues, once, the records of the learning events stored before
// the outbox existed: for every learner, each lesson opened (read) and
// completed, each answer of each quiz attempt, each quiz finished, each
// review finished and each badge, made by hook from the same [Event]
// values the live hook is given, so they carry the same derived ids. It
// skips an id already in the outbox, queues each learner's records in the
// order the events happened, all in one transaction (all or nothing), and
// notes when it is done: a second Backfill queues nothing and reports
// Done. When the outbox has dropped records since (it was full), the next
// Backfill makes the records of every event stored, to queue those
// dropped. When the outbox was too full to take everything (Dropped), it is
// not noted as done: run it again once the outbox has room (what is sent
// meanwhile is made again; its derived ids keep the receiver from
// recording it twice).
//
// One difference from live events: a lesson first opened by starting its
// quiz queued no "read" event then; here every lesson opened gets one.
func (s *Store) Backfill(hook OutboxHook, at time.Time) (BackfillReport, error) {
	var rep BackfillReport
	err := s.db.Update(func(tx *bolt.Tx) error {
		rep = BackfillReport{}
		outbox, state, err := outboxBuckets(tx, true)
		if err != nil {
			return err
		}
		var st outboxState
		if err := state.deliveryState(&st); err != nil {
			return err
		}
		if !st.Backfilled.IsZero() && st.Dropped == st.DroppedAtBackfill {
			rep.Done = st.Backfilled
			return nil
		}
		rep.Before = st.FirstQueued
		if rep.Before.IsZero() { // from now on the outbox has everything
			rep.Before = at
		}
		if st.Dropped > st.DroppedAtBackfill { // records dropped: make them all again
			rep.Before = at
		}
		skip := map[[16]byte]bool{}
		c := outbox.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			q, err := queued(outbox, k, v)
			if err != nil {
				return err
			}
			skip[q.ID] = true
		}
		if err := eachProfile(tx, func(p Profile, pb bucket) error {
			return s.backfillProfile(tx, pb, p.ID, hook, rep.Before, skip, &rep)
		}); err != nil {
			return err
		}
		if err := state.deliveryState(&st); err != nil { // as enqueue left it
			return err
		}
		if st.FirstQueued.IsZero() {
			st.FirstQueued = rep.Before
		}
		if rep.Dropped == 0 { // else run again once the outbox has room
			st.Backfilled, st.DroppedAtBackfill = at, st.Dropped
		}
		return state.put(keyDeliveryState, st)
	})
	if err != nil {
		return BackfillReport{}, fmt.Errorf("backfill the outbox: %w", err)
	}
	return rep, nil
}

// backfillProfile queues the records of one learner's events before
// `before`, in the order they happened.
func (s *Store) backfillProfile(tx *bolt.Tx, pb bucket, profile uint64, hook OutboxHook, before time.Time, skip map[[16]byte]bool, rep *BackfillReport) error {
	uid, err := learnerUID(pb, true)
	if err != nil {
		return err
	}
	events, err := storedEvents(pb)
	if err != nil {
		return err
	}
	events = slices.DeleteFunc(events, func(ev Event) bool { return !ev.At.Before(before) })
	slices.SortStableFunc(events, func(a, b Event) int { return a.At.Compare(b.At) })
	for _, ev := range events {
		ev.Profile, ev.Learner = profile, uid
		if ev.Kind == EventLessonCompleted {
			if ev.Role, ev.Completed, err = completedIn(pb, ev.Lesson.Pack, ev.At); err != nil {
				return err
			}
		}
		entries, err := hook(ev)
		if err != nil {
			return fmt.Errorf("make the records of %s: %w", ev.Kind, err)
		}
		fresh := slices.DeleteFunc(slices.Clone(entries), func(e OutboxEntry) bool { return skip[e.ID] })
		rep.Skipped += len(entries) - len(fresh)
		added, err := s.enqueueCounted(tx, fresh, ev.At)
		if err != nil {
			return err
		}
		rep.Queued += added
		rep.Dropped += len(fresh) - added
		for _, e := range fresh {
			skip[e.ID] = true // one event's records are queued once
		}
	}
	return nil
}

// storedEvents are the learning events a learner's bucket records.
func storedEvents(pb bucket) ([]Event, error) {
	var events []Event
	add := func(ev Event) { events = append(events, ev) }
	lessons, err := child(pb, bucketLessons)
	if err != nil {
		return nil, err
	}
	if err := lessons.ForEach(func(k, v []byte) error {
		parts, err := lessons.parts(k, 2)
		if err != nil {
			return err
		}
		var rec LessonRecord
		if err := lessons.decode(k, v, &rec); err != nil {
			return err
		}
		key := LessonKey{Pack: parts[0], Lesson: parts[1]}
		if !rec.Opened.IsZero() {
			add(Event{Kind: EventLessonRead, Lesson: key, At: rec.Opened})
		}
		if rec.Status == Completed && !rec.CompletedAt.IsZero() {
			add(Event{Kind: EventLessonCompleted, Lesson: key, At: rec.CompletedAt})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := attemptEvents(pb, add); err != nil {
		return nil, err
	}
	if err := reviewEvents(pb, add); err != nil {
		return nil, err
	}
	badges, err := child(pb, bucketBadges)
	if err != nil {
		return nil, err
	}
	err = badges.ForEach(func(k, v []byte) error {
		parts, err := badges.parts(k, 2)
		if err != nil {
			return err
		}
		var rec badgeRecord
		if err := badges.decode(k, v, &rec); err != nil {
			return err
		}
		add(Event{Kind: EventBadgeEarned, Lesson: LessonKey{Pack: parts[0]}, Badge: parts[1], At: rec.Awarded})
		return nil
	})
	return events, err
}

// attemptEvents adds each answer of each quiz attempt, with the attempt
// as it stood before answers (as RecordAnswer reports it), and each
// finished attempt with its answers.
func attemptEvents(pb bucket, add func(Event)) error {
	attempts, err := child(pb, bucketAttempts)
	if err != nil {
		return err
	}
	return attempts.ForEach(func(k, v []byte) error {
		key, id, err := attempts.attemptKey(k)
		if err != nil {
			return err
		}
		var rec attemptRecord
		if err := attempts.decode(k, v, &rec); err != nil {
			return err
		}
		a := rec.attempt(id)
		if err := readAnswers(pb, key, &a); err != nil {
			return err
		}
		bare := rec.attempt(id)
		for i := range a.Answers {
			ans := a.Answers[i]
			add(Event{Kind: EventQuestionAnswered, Lesson: key, Attempt: &bare, Answer: &ans, At: ans.At})
		}
		if !a.Open() {
			add(Event{Kind: EventQuizFinished, Lesson: key, Attempt: &a, At: a.Finished})
		}
		return nil
	})
}

// reviewEvents adds each finished review session with its answers.
func reviewEvents(pb bucket, add func(Event)) error {
	reviews, err := child(pb, bucketReviews)
	if err != nil {
		return err
	}
	reviewed, err := child(pb, bucketReviewed)
	if err != nil {
		return err
	}
	return reviews.ForEach(func(k, v []byte) error {
		r, err := readReview(reviews, reviewed, k, v)
		if err != nil || r.Open() {
			return err
		}
		add(Event{Kind: EventReviewFinished, Review: &r, At: r.Finished})
		return nil
	})
}
