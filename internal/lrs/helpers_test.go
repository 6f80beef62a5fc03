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

// queueAnswers opens a store whose outbox hook makes xAPI statements,
// and records n answers (questions q1...), queuing n statements. The
// statement of a question listed in bad gets a score the LRS refuses.
func queueAnswers(t *testing.T, n int, bad ...string) *progress.Store {
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
	outbox := func(ev progress.Event) ([]progress.OutboxEntry, error) {
		entries, err := hook(ev)
		if err == nil && ev.Answer != nil && badSet[ev.Answer.Question] {
			entries[0].Body = bytes.Replace(entries[0].Body, []byte(`"scaled":1`), []byte(`"scaled":3`), 1)
		}
		return entries, err
	}
	s, err := progress.Open(filepath.Join(t.TempDir(), "progress.db"), progress.Options{Policy: review.NewPolicy(), Outbox: outbox})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := s.CreateProfile("Ada", "staff", t0)
	if err != nil {
		t.Fatal(err)
	}
	k := progress.LessonKey{Pack: "cyber", Lesson: "phishing"}
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf("q%d", i+1)
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
	return s
}

// testClient is a client of endpoint with quick retries, recording the
// waits between attempts instead of sleeping.
func testClient(t *testing.T, endpoint string, batch int) (*Client, *[]time.Duration) {
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

func mustStats(t *testing.T, s *progress.Store) progress.OutboxStats {
	t.Helper()
	st, err := s.OutboxStats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}
