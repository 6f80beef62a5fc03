package progress

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// eventLog is an outbox hook that notes each event it is given, and
// makes one record whose id is derived from the event.
type eventLog struct {
	mu     sync.Mutex
	events []string
}

func (l *eventLog) hook(ev Event) ([]OutboxEntry, error) {
	desc := describeEvent(ev)
	l.mu.Lock()
	l.events = append(l.events, desc)
	l.mu.Unlock()
	sum := sha256.Sum256([]byte(ev.Learner + "|" + desc))
	return []OutboxEntry{{ID: [16]byte(sum[:16]), Body: []byte(`{}`)}}, nil
}

// describeEvent is what a statement is made from, but the learner's id
// (random in each file).
func describeEvent(ev Event) string {
	d := fmt.Sprintf("%s %s %s", ev.Kind, ev.Lesson, ev.At.UTC().Format(time.RFC3339Nano))
	if ev.Attempt != nil {
		d += fmt.Sprintf(" attempt %d started %s", ev.Attempt.ID, ev.Attempt.Started.UTC().Format(time.RFC3339))
		if ev.Kind == EventQuizFinished {
			d += fmt.Sprintf(" %v points %.2f passed %v finished %s", ev.Attempt.Questions, ev.Attempt.Points, ev.Attempt.Passed, ev.Attempt.Finished.UTC().Format(time.RFC3339))
		}
	}
	if ev.Answer != nil {
		d += fmt.Sprintf(" answer %s %v %v %q", ev.Answer.Question, ev.Answer.Correct, ev.Answer.Choices, ev.Answer.Text)
	}
	if ev.Review != nil {
		d += fmt.Sprintf(" review %d cards %v answers %d", ev.Review.ID, ev.Review.Cards, len(ev.Review.Answers))
	}
	if ev.Badge != "" {
		d += " badge " + ev.Badge
	}
	if ev.Kind == EventLessonCompleted {
		d += fmt.Sprintf(" role %q completed %v", ev.Role, ev.Completed)
	}
	return d
}

// learn records a read, a finished quiz (the lesson completed), an open
// attempt, a review and a badge, from at on.
func learn(t *testing.T, s *Store, p uint64, at time.Time) {
	t.Helper()
	k := LessonKey{Pack: "pack", Lesson: "one"}
	if err := s.SaveReading(p, k, 0.5, at); err != nil {
		t.Fatal(err)
	}
	a := mustStart(t, s, p, k, []string{"q1", "q2"}, at.Add(time.Minute))
	mustAnswer(t, s, p, k, a.ID, "q1", true, at.Add(2*time.Minute))
	mustAnswer(t, s, p, k, a.ID, "q2", false, at.Add(3*time.Minute))
	mustFinish(t, s, p, k, a.ID, 50, at.Add(4*time.Minute))
	b := mustStart(t, s, p, k, []string{"q2"}, at.Add(5*time.Minute))
	mustAnswer(t, s, p, k, b.ID, "q2", true, at.Add(6*time.Minute))
	card := CardKey{Pack: "pack", Lesson: "one", Question: "q1"}
	r, err := s.StartReview(p, []CardKey{card}, 1, at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReview(p, r.ID, ReviewAnswer{Card: card, Correct: true, Rating: Good, At: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishReview(p, r.ID, at.Add(time.Hour+time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AwardBadge(p, "pack", "first", at.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

// TestBackfillMakesTheLiveEvents: the events Backfill makes from a file
// kept with no outbox are the events the live hook was given for the
// same learning; queued once each; a second Backfill queues nothing; and
// events after the outbox began are left to it.
func TestBackfillMakesTheLiveEvents(t *testing.T) {
	dir := t.TempDir()
	live := &eventLog{}
	opts := testOptions
	opts.Outbox = live.hook
	withHook, err := Open(filepath.Join(dir, "live.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer withHook.Close()
	learn(t, withHook, mustProfile(t, withHook, "Ada").ID, t0)

	plain, err := Open(filepath.Join(dir, "plain.db"), testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, plain, "Ada")
	learn(t, plain, p.ID, t0)
	plain.Close()

	later := &eventLog{}
	opts.Outbox = later.hook
	s, err := Open(filepath.Join(dir, "plain.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The LRS configured on day 2: one event then, queued live.
	day2 := t0.Add(48 * time.Hour)
	if err := s.CompleteLesson(p.ID, LessonKey{Pack: "pack", Lesson: "two"}, day2); err != nil {
		t.Fatal(err)
	}
	later.events = nil

	rep, err := s.Backfill(later.hook, day2.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got, want := slices.Sorted(slices.Values(later.events)), slices.Sorted(slices.Values(live.events))
	if !slices.Equal(got, want) {
		t.Errorf("backfilled events:\n%q\nlive events:\n%q", got, want)
	}
	if rep.Queued != len(live.events) || rep.Skipped != 0 || !rep.Before.Equal(day2) {
		t.Errorf("report %+v, want %d queued before %s", rep, len(live.events), day2)
	}
	q, err := s.PeekOutbox(100)
	if err != nil || len(q) != len(live.events)+1 {
		t.Fatalf("%d queued (%v), want %d", len(q), err, len(live.events)+1)
	}
	seen := map[[16]byte]bool{}
	for _, r := range q {
		if seen[r.ID] {
			t.Errorf("record %x queued twice", r.ID)
		}
		seen[r.ID] = true
	}
	again, err := s.Backfill(later.hook, day2.Add(2*time.Hour))
	if err != nil || again.Queued != 0 || !again.Done.Equal(day2.Add(time.Hour)) {
		t.Errorf("second backfill: %+v, %v; want nothing queued, done before", again, err)
	}
	if st, _ := s.OutboxStats(); st.Queued != len(live.events)+1 {
		t.Errorf("after the second backfill %d queued, want %d", st.Queued, len(live.events)+1)
	}
}

// TestBackfillSkipsQueued: a record already waiting in the outbox is not
// queued again; with no outbox ever, the boundary is the backfill's time.
func TestBackfillSkipsQueued(t *testing.T) {
	log := &eventLog{}
	opts := testOptions
	opts.Outbox = log.hook
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := mustProfile(t, s, "Ada")
	learn(t, s, p.ID, t0)
	n := len(log.events)
	// Pretend the outbox began before the learning (a file from before
	// the first_queued note): everything is made again, and skipped.
	if err := s.updateOutbox(func(_ bucket, st *outboxState) error { st.FirstQueued = time.Time{}; return nil }); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Backfill(log.hook, t0.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Queued != 0 || rep.Skipped != n || !rep.Before.Equal(t0.Add(24*time.Hour)) {
		t.Errorf("report %+v, want all %d skipped", rep, n)
	}
}

// TestBackfillAfterDropping: records dropped at the outbox's bound are
// queued by the next Backfill, even after one was done.
func TestBackfillAfterDropping(t *testing.T) {
	log := &eventLog{}
	opts := testOptions
	opts.Outbox, opts.OutboxLimit = log.hook, 3
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := mustProfile(t, s, "Ada")
	if rep, err := s.Backfill(log.hook, t0); err != nil || rep.Queued != 0 {
		t.Fatalf("first backfill: %+v, %v", rep, err)
	}
	learn(t, s, p.ID, t0.Add(time.Hour)) // 8 events: 3 queued, 5 dropped
	q, _ := s.PeekOutbox(10)
	seqs := make([]uint64, len(q))
	for i, r := range q {
		seqs[i] = r.Seq
	}
	if err := s.MarkDelivered(seqs, t0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Backfill(log.hook, t0.Add(5*time.Hour))
	if err != nil || rep.Queued != 3 || rep.Dropped != 5 {
		t.Fatalf("backfill after dropping: %+v, %v; want 3 queued and 5 that still do not fit", rep, err)
	}
	if rep, err = s.Backfill(log.hook, t0.Add(6*time.Hour)); err != nil || !rep.Done.IsZero() || rep.Skipped != 3 {
		t.Errorf("backfill while some still do not fit: %+v, %v; want it to run again", rep, err)
	}
}

// TestCompletionEventCarriesCompleted: a lesson's completion event
// carries the learner's role and the lessons of its pack completed so
// far, this one included, and no other pack's.
func TestCompletionEventCarriesCompleted(t *testing.T) {
	var got []Event
	opts := testOptions
	opts.Outbox = func(ev Event) ([]OutboxEntry, error) {
		if ev.Kind == EventLessonCompleted {
			got = append(got, ev)
		}
		return nil, nil
	}
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.CreateProfile("Ada", "manager", t0)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range []LessonKey{{"other", "x"}, {"pack", "one"}, {"pack", "two"}} {
		if err := s.CompleteLesson(p.ID, k, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 3 {
		t.Fatalf("%d completion events", len(got))
	}
	if last := got[2]; last.Role != "manager" || !slices.Equal(last.Completed, []string{"one", "two"}) {
		t.Errorf("the last completion carries role %q and %v, want manager and [one two]", last.Role, last.Completed)
	}
}
