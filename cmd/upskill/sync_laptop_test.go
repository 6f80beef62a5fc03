package main

import (
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// readFirstLesson records the first lesson of the default pack read.
func readFirstLesson(cat *catalog.Catalog, at time.Time) error {
	s := cat.Store()
	p, err := s.CreateProfile("Ada", "staff", at)
	if err != nil {
		return err
	}
	pack, err := cat.Load(cat.Default())
	if err != nil {
		return err
	}
	lesson := pack.LessonsOf(&pack.Modules[0])[0]
	return s.SaveReading(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: lesson.ID}, 0.5, at)
}

// TestLaptopSendsWhileRunning: with sending in the background on (the
// default), the learning commands' store sends a statement while the
// program still runs, with no upskill sync.
func TestLaptopSendsWhileRunning(t *testing.T) {
	server := lrstest.Start(t)
	configureLRS(t, server.Endpoint)
	t.Setenv(lrs.EnvBackground, "on")
	opts := &options{db: filepath.Join(t.TempDir(), "upskill.db")}
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
		if err := readFirstLesson(cat, at); err != nil {
			return err
		}
		for deadline := time.Now().Add(hangGuard); ; time.Sleep(50 * time.Millisecond) {
			if st, err := cat.Store().OutboxStats(); err != nil || st.Sent == 1 {
				return err
			}
			if time.Now().After(deadline) {
				t.Fatal("the statement was not sent while the program ran")
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := server.Count(); err != nil || n != 1 {
		t.Errorf("the LRS holds %d statements (%v), want 1", n, err)
	}
}

// TestLaptopQuitNeverWaits: quitting while the LRS withholds its answer
// returns at once (no wait for the request in flight) and keeps the
// statement queued for next time.
func TestLaptopQuitNeverWaits(t *testing.T) {
	server := lrstest.Start(t)
	proxy := lrstest.NewProxy(t, server)
	arrived := make(chan struct{}, 1)
	proxy.SetPlan(func(_ int, r *http.Request) lrstest.Fault {
		if r.Method == http.MethodPost {
			select {
			case arrived <- struct{}{}:
			default:
			}
		}
		return lrstest.Hang
	})
	configureLRS(t, proxy.Endpoint)
	t.Setenv(lrs.EnvBackground, "on")
	opts := &options{db: filepath.Join(t.TempDir(), "upskill.db")}
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	returned := make(chan error, 1)
	go func() {
		returned <- withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
			if err := readFirstLesson(cat, at); err != nil {
				return err
			}
			select { // quit once the statement is in flight
			case <-arrived:
			case <-time.After(hangGuard):
				t.Error("the statement was never sent")
			}
			return nil
		})
	}()
	select {
	case err := <-returned:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(hangGuard):
		t.Fatal("quitting waited for the LRS")
	}
	s, err := progress.Open(opts.db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, err := s.OutboxStats(); err != nil || st.Queued != 1 || st.LastError != "" {
		t.Errorf("after quitting: %+v, %v; want the statement still queued and no error", st, err)
	}
}
