package progress

import (
	"bytes"
	"fmt"
	"time"
)

// EventKind names a learning event. The names are stable: they may be
// stored and compared by other programs.
type EventKind string

// The learning events a store reports to its [OutboxHook].
const (
	// EventLessonRead: a lesson read for the first time (SaveReading on a
	// lesson not started).
	EventLessonRead EventKind = "lesson_read"
	// EventLessonCompleted: a lesson completed for the first time, by
	// CompleteLesson or by passing its quiz (FinishAttempt).
	EventLessonCompleted EventKind = "lesson_completed"
	// EventQuestionAnswered: one answer recorded (RecordAnswer).
	EventQuestionAnswered EventKind = "question_answered"
	// EventQuizFinished: a quiz attempt finished, passed or failed
	// (FinishAttempt).
	EventQuizFinished EventKind = "quiz_finished"
	// EventReviewFinished: a review session finished (FinishReview).
	EventReviewFinished EventKind = "review_finished"
	// EventBadgeEarned: a badge newly awarded (AwardBadge; not when the
	// learner had it already).
	EventBadgeEarned EventKind = "badge_earned"
)

// Event is one learning event, with what a record of it for another
// system (an xAPI statement) needs. Which fields are set depends on Kind.
type Event struct {
	Kind EventKind
	// Profile is the learner's profile id in this file, and Learner
	// their stable id: a random UUID made for them when first needed,
	// which survives renames, is the same in every copy of the file and
	// is never their name or email address.
	Profile uint64
	Learner string
	// At is when the event happened.
	At time.Time
	// Lesson is the lesson of every event but a review's; a badge's
	// event sets only Lesson.Pack.
	Lesson LessonKey
	// Attempt is the quiz attempt: for an answer, the attempt as stored
	// before it (its ID and Started); for a finished quiz, the finished
	// attempt with its score and answers.
	Attempt *Attempt
	// Answer is the answer recorded (EventQuestionAnswered).
	Answer *Answer
	// Review is the finished session with its cards and answers
	// (EventReviewFinished).
	Review *Review
	// Badge is the badge's id (EventBadgeEarned).
	Badge string
	// Role is the learner's role, and Completed the lessons of the
	// lesson's pack the learner has completed (this one included), by id:
	// set for EventLessonCompleted, so that a hook can tell whether the
	// completion completes a required module without reading the store.
	Role      string
	Completed []string
}

// OutboxEntry is one record an [OutboxHook] asks the store to queue: a
// statement's id and its JSON body.
type OutboxEntry struct {
	ID   [16]byte
	Body []byte
}

// OutboxHook turns a learning event into the records to queue for
// sending (zero or more). The store calls it inside the write
// transaction of the event and stores what it returns in the same
// transaction: if it returns an error, the whole write fails and nothing
// is stored. It must not use the store (the transaction is open), must be
// safe for concurrent use, and may be called more than once for one event
// when commits are shared ([Options.BatchDelay]).
type OutboxHook func(Event) ([]OutboxEntry, error)

// emit reports ev to the store's hook, if it has one, and queues what the
// hook returns, inside the transaction of pb. With no hook it does
// nothing.
func (s *Store) emit(pb bucket, profile uint64, ev Event) error {
	if s.outbox == nil {
		return nil
	}
	uid, err := learnerUID(pb, true)
	if err != nil {
		return err
	}
	ev.Profile, ev.Learner = profile, uid
	if ev.Kind == EventLessonCompleted {
		if ev.Role, ev.Completed, err = completedIn(pb, ev.Lesson.Pack, ev.At); err != nil {
			return err
		}
	}
	entries, err := s.outbox(ev)
	if err != nil {
		return fmt.Errorf("make the records of %s: %w", ev.Kind, err)
	}
	return s.enqueue(pb.Tx(), entries, ev.At)
}

// emitQuiz reports a finished quiz attempt, and the lesson's completion
// when passing it completed the lesson.
func (s *Store) emitQuiz(pb bucket, profile uint64, k LessonKey, a Attempt, completed bool) error {
	if err := s.emit(pb, profile, Event{Kind: EventQuizFinished, Lesson: k, Attempt: &a, At: a.Finished}); err != nil {
		return err
	}
	if !completed {
		return nil
	}
	return s.emit(pb, profile, Event{Kind: EventLessonCompleted, Lesson: k, At: a.Finished})
}

// completedIn reads a learner's role and the lessons of pack they had
// completed by time at: what an [EventLessonCompleted] carries. It reads
// only the profile record and the pack's range of the lessons bucket.
func completedIn(pb bucket, pack string, at time.Time) (role string, done []string, err error) {
	rec, err := readProfile(pb)
	if err != nil {
		return "", nil, err
	}
	lessons, err := child(pb, bucketLessons)
	if err != nil {
		return "", nil, err
	}
	prefix := append([]byte(pack), 0)
	c := lessons.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		id, err := lessons.text(k, k[len(prefix):])
		if err != nil {
			return "", nil, err
		}
		var r LessonRecord
		if err := lessons.decode(k, v, &r); err != nil {
			return "", nil, err
		}
		if r.Status == Completed && !r.CompletedAt.After(at) {
			done = append(done, id)
		}
	}
	return rec.Role, done, nil
}
