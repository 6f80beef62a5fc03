package lrs

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/xapi"
	"github.com/upskill-council/upskill/progress"
)

var t0 = time.Date(2026, time.January, 5, 10, 15, 0, 0, time.UTC)

const testSecret = "s3cr3t-never-shown"

// testHook is an outbox hook that makes xAPI statements; the statement
// of a question listed in bad gets a score the LRS refuses.
func testHook(t testing.TB, bad ...string) progress.OutboxHook {
	t.Helper()
	b, err := xapi.New(xapi.Config{HomePage: "https://learning.council.example.gov.uk", Version: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hook := b.Hook()
	badSet := map[string]bool{}
	for _, q := range bad {
		badSet[q] = true
	}
	return func(ev progress.Event) ([]progress.OutboxEntry, error) {
		entries, err := hook(ev)
		if err == nil && ev.Answer != nil && badSet[ev.Answer.Question] {
			entries[0].Body = bytes.Replace(entries[0].Body, []byte(`"scaled":1`), []byte(`"scaled":3`), 1)
		}
		return entries, err
	}
}

// queueAnswers opens a store whose outbox hook makes xAPI statements,
// and records n answers (questions q1...), queuing n statements. The
// statement of a question listed in bad gets a score the LRS refuses.
func queueAnswers(t testing.TB, n int, bad ...string) *progress.Store {
	t.Helper()
	s := reopenWithHook(t, filepath.Join(t.TempDir(), "progress.db"), nil, bad...)
	if _, err := s.CreateProfile("Ada", "staff", t0); err != nil {
		t.Fatal(err)
	}
	recordAnswers(t, s, "q", n)
	return s
}

// reopenWithHook opens the store at path with the test hook and onQueued,
// closed when the test ends.
func reopenWithHook(t testing.TB, path string, onQueued func(), bad ...string) *progress.Store {
	t.Helper()
	s, err := progress.Open(path, progress.Options{Policy: review.NewPolicy(), Outbox: testHook(t, bad...), OnQueued: onQueued})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// recordMore records n more answers (questions r1...) in a new attempt.
func recordMore(t testing.TB, s *progress.Store, n int) { recordAnswers(t, s, "r", n) }

// recordAnswers records n right answers of the first profile to
// questions PREFIX1... in a new attempt.
func recordAnswers(t testing.TB, s *progress.Store, prefix string, n int) {
	t.Helper()
	profiles, err := s.Profiles()
	if err != nil || len(profiles) == 0 {
		t.Fatalf("no profile: %v", err)
	}
	p := profiles[0]
	k := progress.LessonKey{Pack: "cyber", Lesson: "phishing"}
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	a, err := s.StartAttempt(p.ID, k, qs, 1, t0)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		ans := progress.Answer{Question: q, Correct: true, Rating: progress.Good, At: t0.Add(time.Duration(i) * time.Second)}
		if err := s.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
}

// testClient is a client of endpoint with quick retries, recording the
// waits between attempts instead of sleeping.
func testClient(t testing.TB, endpoint string, batch int) (*Client, *[]time.Duration) {
	t.Helper()
	c, err := New(Config{Endpoint: endpoint, Key: "upskill", Secret: testSecret, BatchSize: batch, Timeout: 5 * time.Second,
		Retry: Retry{Initial: 100 * time.Millisecond, Max: time.Second, Attempts: 4}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var waits []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return nil
	}
	return c, &waits
}

func mustStats(t testing.TB, s *progress.Store) progress.OutboxStats {
	t.Helper()
	st, err := s.OutboxStats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}
