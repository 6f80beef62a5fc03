package lrs

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/progress"
)

// faultStatements is how many statements each fault test queues: three
// batches of faultBatch and a part.
const (
	faultStatements = 25
	faultBatch      = 10
)

// exactlyOnce checks that the LRS holds exactly the statements queued,
// each once (the count is of every statement, paged by "more"), and that
// none is left queued or set aside.
func exactlyOnce(t *testing.T, l *lrstest.LRS, s *progress.Store, ids []string) {
	t.Helper()
	n, err := l.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ids) {
		t.Errorf("the LRS holds %d statements, want each of %d exactly once", n, len(ids))
	}
	for _, id := range ids {
		if _, err := l.Statement(id); err != nil {
			t.Errorf("statement %s: %v", id, err)
		}
	}
	if st := mustStats(t, s); st.Queued != 0 || st.Rejected != 0 {
		t.Errorf("outbox %+v: want nothing queued or set aside", st)
	}
}

// queuedIDs are the ids of everything queued.
func queuedIDs(t *testing.T, s *progress.Store) []string {
	t.Helper()
	q, err := s.PeekOutbox(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(q))
	for i, r := range q {
		ids[i] = uuid.UUID(r.ID).String()
	}
	return ids
}

// faultClient is a client through the proxy with a short timeout and
// quick, recorded waits; onWait, if set, is called at each wait.
func faultClient(t *testing.T, p *lrstest.Proxy, timeout time.Duration, onWait func(n int)) *Client {
	t.Helper()
	c, err := New(Config{Endpoint: p.Endpoint, Key: "upskill", Secret: testSecret, BatchSize: faultBatch, Timeout: timeout,
		Retry: Retry{Initial: time.Millisecond, Max: 4 * time.Millisecond, Attempts: 6}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := 0
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits++
		n := waits
		mu.Unlock()
		if onWait != nil {
			onWait(n)
		}
		return sleepCtx(ctx, d)
	}
	return c
}

// isPost tells the statement batches from the read-backs.
func isPost(r *http.Request) bool { return r.Method == http.MethodPost }

// TestFaultLRSDownThenUp: the LRS unreachable (connections refused) for
// the first attempts, then back: the retries deliver everything once.
func TestFaultLRSDownThenUp(t *testing.T) {
	l := lrstest.Start(t)
	p := lrstest.NewProxy(t, l)
	s := queueAnswers(t, faultStatements)
	ids := queuedIDs(t, s)
	p.Down()
	c := faultClient(t, p, 5*time.Second, func(n int) {
		if n == 3 {
			if err := p.Up(); err != nil {
				t.Error(err)
			}
		}
	})
	rep, err := c.Send(context.Background(), s)
	if err != nil || rep.Sent != faultStatements {
		t.Fatalf("send: %+v, %v", rep, err)
	}
	exactlyOnce(t, l, s, ids)
}

// TestFaultLRSDownLonger: down for longer than one Send's retries: Send
// gives up keeping everything; the next Send, with the LRS back,
// delivers everything once.
func TestFaultLRSDownLonger(t *testing.T) {
	l := lrstest.Start(t)
	p := lrstest.NewProxy(t, l)
	s := queueAnswers(t, faultStatements)
	ids := queuedIDs(t, s)
	p.Down()
	c := faultClient(t, p, 5*time.Second, nil)
	if rep, err := c.Send(context.Background(), s); err == nil || rep.Sent != 0 {
		t.Fatalf("send to an LRS that is down: %+v, %v", rep, err)
	}
	if st := mustStats(t, s); st.Queued != faultStatements || st.LastError == "" {
		t.Errorf("outbox while down: %+v", st)
	}
	if err := p.Up(); err != nil {
		t.Fatal(err)
	}
	if rep, err := c.Send(context.Background(), s); err != nil || rep.Sent != faultStatements {
		t.Fatalf("send when back: %+v, %v", rep, err)
	}
	exactlyOnce(t, l, s, ids)
}

// TestFault500And503: the first requests answered 500 and 503 (the LRS
// never sees them) are retried; everything arrives once.
func TestFault500And503(t *testing.T) {
	l := lrstest.Start(t)
	p := lrstest.NewProxy(t, l)
	p.SetPlan(func(n int, _ *http.Request) lrstest.Fault {
		switch {
		case n <= 2:
			return lrstest.Fail500
		case n <= 4:
			return lrstest.Fail503
		case n == 7: // and one in the middle of the batches
			return lrstest.Fail503
		}
		return lrstest.Pass
	})
	s := queueAnswers(t, faultStatements)
	ids := queuedIDs(t, s)
	c := faultClient(t, p, 5*time.Second, nil)
	if rep, err := c.Send(context.Background(), s); err != nil || rep.Sent != faultStatements {
		t.Fatalf("send: %+v, %v", rep, err)
	}
	if p.Requests() < 3+5 {
		t.Errorf("%d requests: the faults were not met", p.Requests())
	}
	exactlyOnce(t, l, s, ids)
}

// TestFaultHangPastTimeout: answers that never come are cut by the
// client's timeout and retried; everything arrives once.
func TestFaultHangPastTimeout(t *testing.T) {
	l := lrstest.Start(t)
	p := lrstest.NewProxy(t, l)
	p.SetPlan(func(n int, _ *http.Request) lrstest.Fault {
		if n <= 2 {
			return lrstest.Hang
		}
		return lrstest.Pass
	})
	s := queueAnswers(t, faultStatements)
	ids := queuedIDs(t, s)
	c := faultClient(t, p, 300*time.Millisecond, nil)
	if rep, err := c.Send(context.Background(), s); err != nil || rep.Sent != faultStatements {
		t.Fatalf("send: %+v, %v", rep, err)
	}
	exactlyOnce(t, l, s, ids)
}

// TestFaultStoredButNotHeard: the LRS stores a batch but the answer is
// lost (the connection cut, or the answer hanging past the timeout): the
// retry finds the ids held (409), reads them back, finds them the same
// and counts them delivered. No statement is stored twice.
func TestFaultStoredButNotHeard(t *testing.T) {
	for _, fault := range []lrstest.Fault{lrstest.CutAfterSend, lrstest.HangAfterSend} {
		name := map[lrstest.Fault]string{lrstest.CutAfterSend: "cut", lrstest.HangAfterSend: "hang"}[fault]
		t.Run(name, func(t *testing.T) {
			l := lrstest.Start(t)
			p := lrstest.NewProxy(t, l)
			var mu sync.Mutex
			posts := 0
			p.SetPlan(func(_ int, r *http.Request) lrstest.Fault {
				if !isPost(r) {
					return lrstest.Pass
				}
				mu.Lock()
				defer mu.Unlock()
				posts++
				if posts == 1 || posts == 3 { // the first batch, and the second's first try
					return fault
				}
				return lrstest.Pass
			})
			s := queueAnswers(t, faultStatements)
			ids := queuedIDs(t, s)
			c := faultClient(t, p, 500*time.Millisecond, nil)
			if rep, err := c.Send(context.Background(), s); err != nil || rep.Sent != faultStatements {
				t.Fatalf("send: %+v, %v", rep, err)
			}
			if p.Forwarded() <= 3 {
				t.Errorf("%d requests reached the LRS: the fault did not store first", p.Forwarded())
			}
			exactlyOnce(t, l, s, ids)
		})
	}
}
