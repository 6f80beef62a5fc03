package main

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// queueManyAnswers queues n answered statements in the file at db (the
// LRS configured, sending in the background off).
func queueManyAnswers(t *testing.T, db string, n int) {
	t.Helper()
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(&options{db: db}, review.StoreOptions(), func(cat *catalog.Catalog) error {
		s := cat.Store()
		p, err := s.CreateProfile("Ada", "staff", at)
		if err != nil {
			return err
		}
		k := progress.LessonKey{Pack: cat.Default(), Lesson: "kill-test"}
		qs := make([]string, n)
		for i := range qs {
			qs[i] = fmt.Sprintf("q%d", i+1)
		}
		a, err := s.StartAttempt(p.ID, k, qs, 1, at)
		if err != nil {
			return err
		}
		for i, q := range qs {
			ans := progress.Answer{Question: q, Correct: true, Rating: progress.Good, At: at.Add(time.Duration(i) * time.Second)}
			if err := s.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSyncKilledMidBatch: `upskill sync` (the real binary) is killed with
// SIGKILL while the LRS has stored its second batch but not answered;
// the next `upskill sync` sends the rest, and the LRS holds every
// statement exactly once.
func TestSyncKilledMidBatch(t *testing.T) {
	const total = 250 // batches of 100, 100 and 50
	server := lrstest.Start(t)
	proxy := lrstest.NewProxy(t, server)
	configureLRS(t, proxy.Endpoint)
	db := filepath.Join(t.TempDir(), "upskill.db")
	queueManyAnswers(t, db, total)

	inFlight := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	posts := 0
	proxy.SetPlan(func(_ int, r *http.Request) lrstest.Fault {
		if r.Method != http.MethodPost {
			return lrstest.Pass
		}
		mu.Lock()
		defer mu.Unlock()
		if posts++; posts == 2 {
			once.Do(func() { close(inFlight) })
			return lrstest.HangAfterSend // stored, never answered
		}
		return lrstest.Pass
	})
	env := []string{lrs.EnvEndpoint + "=" + proxy.Endpoint, lrs.EnvHomePage + "=https://learning.council.example.gov.uk",
		lrs.EnvKey + "=upskill", lrs.EnvSecret + "=" + syncSecret}
	cmd := exec.Command(binary, "sync", "--db", db)
	cmd.Env = append(testEnv(t), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-inFlight:
	case <-time.After(hangGuard):
		_ = cmd.Process.Kill()
		t.Fatal("the second batch never reached the LRS")
	}
	// The second batch reaches the LRS, which stores it, and its answer is
	// withheld: once the LRS holds both batches, kill upskill, in the
	// middle of the second. (The proxy sees the request before the LRS
	// has stored it, so wait for the LRS.)
	deadline := time.Now().Add(hangGuard)
	for {
		n, err := server.Count()
		if err == nil && n == 200 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("the LRS never held the two batches: %d (%v), want 200", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	proxy.SetPlan(nil)
	r := upskill(t, env, "sync", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "Sent 150 statements.") {
		t.Errorf("sync after the kill: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n, err := server.Count(); err != nil || n != total {
		t.Errorf("the LRS holds %d statements (%v), want each of %d exactly once", n, err, total)
	}
	r = upskill(t, env, "sync", "--status", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "Queued:    0") || !strings.Contains(r.stdout, "Set aside: 0") {
		t.Errorf("status after the kill and sync: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
