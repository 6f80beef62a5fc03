package progress

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// recordingHook is an OutboxHook that keeps the events it is given and
// queues one record for each, whose body names the event.
type recordingHook struct {
	mu     sync.Mutex
	events []Event
	fail   error // returned instead, when set
}

func (h *recordingHook) hook(ev Event) ([]OutboxEntry, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fail != nil {
		return nil, h.fail
	}
	h.events = append(h.events, ev)
	body, err := json.Marshal(map[string]any{"kind": ev.Kind, "learner": ev.Learner, "lesson": ev.Lesson.String(), "n": len(h.events)})
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	return []OutboxEntry{{ID: [16]byte(sum[:16]), Body: body}}, nil
}

func (h *recordingHook) kinds() []EventKind {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []EventKind
	for _, ev := range h.events {
		out = append(out, ev.Kind)
	}
	return out
}

// openWithHook opens a new store whose outbox hook is h.
func openWithHook(t *testing.T, h *recordingHook, limit int) (*Store, string) {
	t.Helper()
	path := tempPath(t)
	opts := testOptions
	opts.Outbox, opts.OutboxLimit = h.hook, limit
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		mustCheckFile(t, path)
	})
	return s, path
}

// learnAll makes one of every learning event, and some writes twice that
// must be reported once.
func learnAll(t *testing.T, s *Store, p uint64) {
	t.Helper()
	k := LessonKey{Pack: "cyber", Lesson: "phishing"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SaveReading(p, k, 0.2, t0))
	must(s.SaveReading(p, k, 0.9, t0.Add(time.Minute))) // not the first read
	must(s.CompleteLesson(p, LessonKey{Pack: "cyber", Lesson: "intro"}, t0))
	must(s.CompleteLesson(p, LessonKey{Pack: "cyber", Lesson: "intro"}, t0.Add(time.Minute))) // already complete
	a := mustStart(t, s, p, k, []string{"q1", "q2"}, t0)
	mustAnswer(t, s, p, k, a.ID, "q1", true, t0.Add(time.Minute))
	mustAnswer(t, s, p, k, a.ID, "q2", true, t0.Add(2*time.Minute))
	mustFinish(t, s, p, k, a.ID, 50, t0.Add(3*time.Minute)) // passes: quiz finished and lesson completed
	_, err := s.AwardBadge(p, "cyber", "first", t0)
	must(err)
	_, err = s.AwardBadge(p, "cyber", "first", t0.Add(time.Hour)) // already awarded
	must(err)
	r, err := s.StartReview(p, []CardKey{{Pack: "cyber", Lesson: "phishing", Question: "q1"}}, 1, t0.Add(24*time.Hour))
	must(err)
	must(s.RecordReview(p, r.ID, ReviewAnswer{Card: r.Cards[0], Correct: true, Rating: Good, At: t0.Add(24 * time.Hour)}))
	_, err = s.FinishReview(p, r.ID, t0.Add(25*time.Hour))
	must(err)
}

func TestOutboxHookGetsEveryEventOnce(t *testing.T) {
	h := &recordingHook{}
	s, _ := openWithHook(t, h, 0)
	p := mustProfile(t, s, "Ada")
	learnAll(t, s, p.ID)
	want := []EventKind{EventLessonRead, EventLessonCompleted, EventQuestionAnswered, EventQuestionAnswered,
		EventQuizFinished, EventLessonCompleted, EventBadgeEarned, EventReviewFinished}
	if got := h.kinds(); !slices.Equal(got, want) {
		t.Fatalf("events %v\nwant %v", got, want)
	}
	uid, err := s.LearnerUID(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(uid); err != nil {
		t.Fatalf("uid %q: %v", uid, err)
	}
	for _, ev := range h.events {
		if ev.Learner != uid || ev.Profile != p.ID {
			t.Errorf("%s: learner %q profile %d, want %q %d", ev.Kind, ev.Learner, ev.Profile, uid, p.ID)
		}
	}
	quiz := h.events[4]
	if quiz.Attempt == nil || quiz.Attempt.Percent != 100 || !quiz.Attempt.Passed || len(quiz.Attempt.Answers) != 2 ||
		!quiz.Attempt.Started.Equal(t0) || !quiz.At.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("quiz event %+v", quiz.Attempt)
	}
	if ans := h.events[3]; ans.Answer == nil || ans.Answer.Question != "q2" || ans.Attempt == nil || ans.Attempt.ID != 1 {
		t.Errorf("answer event %+v %+v", ans.Answer, ans.Attempt)
	}
	if b := h.events[6]; b.Badge != "first" || b.Lesson.Pack != "cyber" {
		t.Errorf("badge event %+v", b)
	}
	if r := h.events[7]; r.Review == nil || len(r.Review.Answers) != 1 || r.Review.Finished.IsZero() {
		t.Errorf("review event %+v", r.Review)
	}
	// The outbox holds the records in the order of the events.
	q, err := s.PeekOutbox(100)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != len(want) {
		t.Fatalf("%d records queued, want %d", len(q), len(want))
	}
	for i, rec := range q {
		var body struct {
			Kind EventKind `json:"kind"`
			N    int       `json:"n"`
		}
		if err := json.Unmarshal(rec.Body, &body); err != nil {
			t.Fatal(err)
		}
		if body.Kind != want[i] || body.N != i+1 || (i > 0 && rec.Seq <= q[i-1].Seq) {
			t.Errorf("record %d: %s n=%d seq %d", i, body.Kind, body.N, rec.Seq)
		}
		if sum := sha256.Sum256(rec.Body); [16]byte(sum[:16]) != rec.ID {
			t.Errorf("record %d: id %x is not the hook's", i, rec.ID)
		}
	}
	if q, _ := s.PeekOutbox(3); len(q) != 3 || q[0].Seq != 1 {
		t.Errorf("PeekOutbox(3) gave %d records", len(q))
	}
	st, err := s.OutboxStats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Queued != len(want) || !st.Oldest.Equal(t0) || st.Limit != DefaultOutboxLimit || st.Warning() {
		t.Errorf("stats %+v", st)
	}
}

// TestOutboxHookErrorStoresNothing: a hook that fails fails the write,
// and the file is as it was.
func TestOutboxHookErrorStoresNothing(t *testing.T) {
	h := &recordingHook{}
	s, path := openWithHook(t, h, 0)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "cyber", Lesson: "phishing"}
	unread := LessonKey{Pack: "cyber", Lesson: "intro"}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2"}, t0)
	boom := errors.New("boom")
	h.fail = boom
	before := fileSum(t, path)
	writes := map[string]func() error{
		"SaveReading":    func() error { return s.SaveReading(p.ID, unread, 0.5, t0) },
		"CompleteLesson": func() error { return s.CompleteLesson(p.ID, unread, t0) },
		"RecordAnswer": func() error {
			return s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "q1", Correct: true, At: t0}))
		},
		"FinishAttempt": func() error { _, err := s.FinishAttempt(p.ID, k, a.ID, 50, t0); return err },
		"AwardBadge":    func() error { _, err := s.AwardBadge(p.ID, "cyber", "first", t0); return err },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, boom) {
			t.Errorf("%s with a failing hook: %v, want the hook's error", name, err)
		}
		if fileSum(t, path) != before {
			t.Errorf("%s failed but changed the file", name)
		}
	}
	if rec, _ := s.Lesson(p.ID, unread); rec.Status != NotStarted {
		t.Errorf("lesson stored: %+v", rec)
	}
	h.fail = nil
	mustAnswer(t, s, p.ID, k, a.ID, "q1", true, t0) // the same write works once the hook does
	if q, _ := s.PeekOutbox(10); len(q) != 1 {
		t.Errorf("%d records queued, want 1", len(q))
	}
}

// TestNoHookWritesNoOutbox: without a hook the store writes no outbox
// and makes no stable id.
func TestNoHookWritesNoOutbox(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p := mustProfile(t, s, "Ada")
	learnAll(t, s, p.ID)
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketOutbox, bucketDelivery, bucketRejected} {
			if tx.Bucket(name) != nil {
				t.Errorf("bucket %s made without a hook", name)
			}
		}
		if v := tx.Bucket(bucketProfiles).Bucket(itob(p.ID)).Get(keyUID); v != nil {
			t.Errorf("uid %q made without a hook", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := s.OutboxStats(); err != nil || st.Queued != 0 {
		t.Errorf("stats %+v %v", st, err)
	}
}

func TestLearnerUIDIsStableAndDistinct(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	ada, bea := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	u1, err := s.LearnerUID(ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	u2, _ := s.LearnerUID(bea.ID)
	if u1 == u2 || u1 == "" {
		t.Errorf("uids %q and %q", u1, u2)
	}
	s.Close()
	s = openAt(t, path)
	if again, _ := s.LearnerUID(ada.ID); again != u1 {
		t.Errorf("uid after reopening %q, want %q", again, u1)
	}
	if _, err := s.LearnerUID(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("uid of no learner: %v", err)
	}
}

func TestOutboxDeliverAndReject(t *testing.T) {
	h := &recordingHook{}
	s, _ := openWithHook(t, h, 0)
	p := mustProfile(t, s, "Ada")
	learnAll(t, s, p.ID)
	q, _ := s.PeekOutbox(100)
	at := t0.Add(48 * time.Hour)
	if err := s.MarkDelivered([]uint64{q[0].Seq, q[1].Seq}, at); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivered([]uint64{q[0].Seq}, at); err != nil { // again: ignored
		t.Fatal(err)
	}
	if err := s.RejectStatement(q[2].Seq, "400 Bad Request: verb", at); err != nil {
		t.Fatal(err)
	}
	if err := s.RejectStatement(q[2].Seq, "again", at); err != nil { // no longer queued: ignored
		t.Fatal(err)
	}
	if err := s.RecordSendError("503 Service Unavailable", at); err != nil {
		t.Fatal(err)
	}
	rest, _ := s.PeekOutbox(100)
	if len(rest) != len(q)-3 || rest[0].Seq != q[3].Seq {
		t.Fatalf("after delivering 2 and rejecting 1 of %d: %d left, first %d", len(q), len(rest), rest[0].Seq)
	}
	rej, err := s.RejectedStatements()
	if err != nil {
		t.Fatal(err)
	}
	if len(rej) != 1 || rej[0].ID != q[2].ID || string(rej[0].Body) != string(q[2].Body) || rej[0].Answer != "400 Bad Request: verb" || !rej[0].Rejected.Equal(at) {
		t.Errorf("rejected %+v", rej)
	}
	st, _ := s.OutboxStats()
	want := OutboxStats{Queued: len(q) - 3, Sent: 2, Rejected: 1, Limit: DefaultOutboxLimit, Oldest: rest[0].Queued,
		LastSent: at, LastError: "503 Service Unavailable", LastErrorAt: at}
	if st != want {
		t.Errorf("stats %+v\nwant  %+v", st, want)
	}
}

// TestOutboxBound: at the bound, records are dropped and counted, and
// the learner's progress is stored all the same.
func TestOutboxBound(t *testing.T) {
	h := &recordingHook{}
	s, _ := openWithHook(t, h, 4)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "cyber", Lesson: "phishing"}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3", "q4", "q5", "q6"}, t0)
	for i, q := range a.Questions {
		mustAnswer(t, s, p.ID, k, a.ID, q, true, t0)
		st, _ := s.OutboxStats()
		if warn := i+1 >= 2; st.Warning() != warn {
			t.Errorf("after %d answers: warning %v, want %v (%+v)", i+1, st.Warning(), warn, st)
		}
	}
	st, _ := s.OutboxStats()
	if st.Queued != 4 || st.Dropped != 2 {
		t.Errorf("stats %+v, want 4 queued and 2 dropped", st)
	}
	got, _, err := s.OpenAttempt(p.ID, k)
	if err != nil || len(got.Answers) != 6 {
		t.Errorf("answers stored: %d, %v", len(got.Answers), err)
	}
}
