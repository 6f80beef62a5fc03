package server

import (
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Pacific/Auckland on any machine

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// startServerAt is startServer with the server's clock fixed at now and
// its time zone zone.
func startServerAt(t *testing.T, now time.Time, zone *time.Location) *testServer {
	t.Helper()
	store, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	pack, err := lessons.Load(os.DirFS("../testdata/pack"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, err := LoadOrCreateHostKey(filepath.Join(t.TempDir(), "ssh_host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, store: store, dir: newFakeDirectory(), served: make(chan error, 1), logs: &syncBuffer{}}
	ts.srv, err = New(Config{Store: store, Catalog: cat, Directory: ts.dir, HostKey: hostKey,
		Logger: slog.New(slog.NewTextHandler(ts.logs, nil)), Now: func() time.Time { return now }, TimeZone: zone})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = l.Addr().String()
	go func() { ts.served <- ts.srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = ts.srv.Shutdown(ctx)
		store.Close()
	})
	return ts
}

// TestLearnersDayIsTheirOwn: at 11:30 UTC on 26 November it is already
// 27 November in Auckland. A learner whose zone is Pacific/Auckland
// answers on their date, the 27th; one with no zone of their own on the
// server's (UTC), the 26th.
func TestLearnersDayIsTheirOwn(t *testing.T) {
	at := time.Date(2026, time.November, 26, 11, 30, 0, 0, time.UTC)
	ts := startServerAt(t, at, time.UTC)
	for name, want := range map[string]string{"Aroha Ngata": "2026-11-27", "Ben Jones": "2026-11-26"} {
		key := ts.learner(name)
		p, err := ts.store.ProfileByName(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "Aroha Ngata" {
			if err := ts.store.SetTimeZone(p.ID, "Pacific/Auckland"); err != nil {
				t.Fatal(err)
			}
		}
		c := ts.dial(clientOptions{auth: keyAuth(key)})
		c.waitFor(name)
		c.press("enter") // Continue: the first lesson
		c.waitFor("% read")
		c.press("G", "enter") // to the end, then the quiz
		c.waitFor("Question 1 of 5")
		c.press("enter")
		c.waitUntil("the answer marked", func(s string) bool {
			return strings.Contains(s, "Correct") || strings.Contains(s, "Not quite")
		})
		c.conn.Close()
		days, err := ts.store.Days(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(days) != 1 || days[0].Date.Format(time.DateOnly) != want {
			t.Errorf("%s answered on %+v, want the day %s", name, days, want)
		}
	}
}
