package lrs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/lrstest"
)

// watchedOutbox tells delivered after each MarkDelivered, so tests wait
// for deliveries instead of sleeping.
type watchedOutbox struct {
	Outbox
	delivered chan int
}

func (w watchedOutbox) MarkDelivered(seqs []uint64, at time.Time) error {
	err := w.Outbox.MarkDelivered(seqs, at)
	w.delivered <- len(seqs)
	return err
}

// waitSent waits until n statements in all were marked delivered; the
// hang guard only stops a broken test.
func waitSent(t *testing.T, w watchedOutbox, n int) {
	t.Helper()
	guard := time.After(time.Minute)
	for got := 0; got < n; {
		select {
		case k := <-w.delivered:
			got += k
		case <-guard:
			t.Fatalf("%d of %d statements delivered", got, n)
		}
	}
}

// quickBackground is a background sender with no waits to speak of.
func quickBackground(c *Client) *Background {
	b := NewBackground(c, nil)
	b.Delay, b.Backoff, b.MaxBackoff = time.Millisecond, time.Millisecond, 4*time.Millisecond
	b.Poll = time.Hour // so that only Notify wakes it
	return b
}

// TestBackgroundSendsAtStartAndWhenNotified: the sender sends what is
// queued when it starts, then, woken by the store's OnQueued after a
// commit, what is queued later; the LRS holds each statement once.
func TestBackgroundSendsAtStartAndWhenNotified(t *testing.T) {
	server := lrstest.Start(t)
	c, _ := testClient(t, server.Endpoint, 100)
	b := quickBackground(c)
	s := reopenWithHook(t, filepath.Join(t.TempDir(), "progress.db"), b.Notify)
	if _, err := s.CreateProfile("Ada", "staff", t0); err != nil {
		t.Fatal(err)
	}
	recordAnswers(t, s, "q", 5) // queued before the sender starts
	w := watchedOutbox{Outbox: s, delivered: make(chan int, 100)}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.Run(ctx, w) }()
	waitSent(t, w, 5)
	recordMore(t, s, 3) // each commit wakes the sender
	waitSent(t, w, 3)
	stop()
	<-done
	if n, err := server.Count(); err != nil || n != 8 {
		t.Errorf("the LRS holds %d statements (%v), want 8", n, err)
	}
	if st := mustStats(t, s); st.Queued != 0 || st.Sent != 8 {
		t.Errorf("stats %+v: want 8 sent, nothing queued", st)
	}
}

// TestBackgroundBacksOffThenDelivers: while the LRS answers 503 the
// sender keeps everything queued and tries again after a wait; when the
// LRS is back, everything arrives.
func TestBackgroundBacksOffThenDelivers(t *testing.T) {
	var failing atomic.Int32
	failing.Store(1)
	var tries atomic.Int32
	real := lrstest.Start(t)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() == 1 {
			if tries.Add(1) >= 9 { // two Sends of four attempts and more: backed off and tried again
				failing.Store(0)
			}
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		lrstest.Forward(w, r, real.Endpoint)
	}))
	defer proxy.Close()
	s := queueAnswers(t, 4)
	c, _ := testClient(t, proxy.URL+"/xAPI", 100)
	b := quickBackground(c)
	w := watchedOutbox{Outbox: s, delivered: make(chan int, 100)}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.Run(ctx, w) }()
	waitSent(t, w, 4)
	stop()
	<-done
	if tries.Load() < 9 {
		t.Errorf("%d failed tries: the sender did not keep trying", tries.Load())
	}
	if st := mustStats(t, s); st.Queued != 0 || st.Sent != 4 || st.LastError == "" {
		t.Errorf("stats %+v: want 4 sent and the failure kept", st)
	}
	if n, err := real.Count(); err != nil || n != 4 {
		t.Errorf("the LRS holds %d statements (%v), want 4", n, err)
	}
}

// TestBackgroundStopAbandonsInFlight: stopping while a request hangs
// returns at once, removes nothing, and records no error.
func TestBackgroundStopAbandonsInFlight(t *testing.T) {
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
	}))
	defer hang.Close()
	defer close(release)
	s := queueAnswers(t, 3)
	c, _ := testClient(t, hang.URL+"/xAPI", 100)
	b := quickBackground(c)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.Run(ctx, s) }()
	<-arrived
	stop()
	<-done
	if st := mustStats(t, s); st.Queued != 3 || st.Sent != 0 || st.LastError != "" {
		t.Errorf("stats %+v: want all 3 still queued and no error", st)
	}
}

// TestNotifyNeverBlocks: many notifications with no sender running
// return at once.
func TestNotifyNeverBlocks(t *testing.T) {
	c, _ := testClient(t, "http://127.0.0.1:1/xAPI", 1)
	b := NewBackground(c, nil)
	for range 1000 {
		b.Notify()
	}
}

var _ Outbox = watchedOutbox{}
