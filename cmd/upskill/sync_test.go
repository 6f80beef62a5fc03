package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

const syncSecret = "never-shown-0x5ec7e7"

// configureLRS points the LRS settings at endpoint by the environment,
// with an empty configuration folder.
func configureLRS(t *testing.T, endpoint string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(lrs.EnvEndpoint, endpoint)
	t.Setenv(lrs.EnvHomePage, "https://learning.council.example.gov.uk")
	t.Setenv(lrs.EnvKey, "upskill")
	t.Setenv(lrs.EnvSecret, syncSecret)
	t.Setenv(lrs.EnvBackground, "off") // tests that send in the background say so
}

// runSync runs upskill with args and returns its output; the secret must
// never be in it.
func runSync(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	text := out.String() + errOut.String()
	if strings.Contains(text, syncSecret) {
		t.Errorf("upskill %s showed the secret:\n%s", strings.Join(args, " "), text)
	}
	return code, text
}

// TestSyncSendsWhatLearningQueued: with an LRS configured, the store the
// learning commands open queues a statement per event, and upskill sync
// sends them all to a real LRS; --status and --check say so.
func TestSyncSendsWhatLearningQueued(t *testing.T) {
	server := lrstest.Start(t)
	configureLRS(t, server.Endpoint)
	opts := &options{db: filepath.Join(t.TempDir(), "upskill.db")}
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
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
		k := progress.LessonKey{Pack: pack.ID, Lesson: lesson.ID}
		if err := s.SaveReading(p.ID, k, 0.5, at); err != nil {
			return err
		}
		_, err = s.AwardBadge(p.ID, pack.ID, "first", at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	code, text := runSync(t, "sync", "--status", "--db", opts.db)
	if code != 0 || !strings.Contains(text, "Queued:    2") {
		t.Errorf("status before sending (exit %d):\n%s", code, text)
	}
	code, text = runSync(t, "sync", "--db", opts.db)
	if code != 0 || !strings.Contains(text, "Sent 2 statements.") {
		t.Errorf("sync (exit %d):\n%s", code, text)
	}
	if n, err := server.Count(); err != nil || n != 2 {
		t.Errorf("the LRS holds %d statements (%v), want 2", n, err)
	}
	code, text = runSync(t, "sync", "--status", "--db", opts.db)
	if code != 0 || !strings.Contains(text, "Queued:    0") || !strings.Contains(text, "Sent:      2") {
		t.Errorf("status after sending (exit %d):\n%s", code, text)
	}
	code, text = runSync(t, "sync", "--check")
	if code != 0 || !strings.Contains(text, "the login is accepted") {
		t.Errorf("check (exit %d):\n%s", code, text)
	}
}

// TestSyncCheckRefusedLogin: a refused login is reported clearly, and
// the secret is not shown.
func TestSyncCheckRefusedLogin(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pass, _ := r.BasicAuth(); pass != "right" {
			http.Error(w, "Unauthorised", http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{"version":["1.0.3"]}`))
	}))
	defer srv.Close()
	configureLRS(t, srv.URL+"/xAPI")
	code, text := runSync(t, "sync", "--check")
	if code == 0 || !strings.Contains(text, "refused the login") {
		t.Errorf("check with a wrong secret (exit %d):\n%s", code, text)
	}
}

// TestSyncNotConfigured: without an LRS, sync says how to configure one;
// a bad setting is a clear error before anything starts.
func TestSyncNotConfigured(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, env := range []string{lrs.EnvEndpoint, lrs.EnvHomePage, lrs.EnvKey, lrs.EnvSecret} {
		t.Setenv(env, "")
	}
	code, text := runSync(t, "sync", "--db", filepath.Join(t.TempDir(), "upskill.db"))
	if code == 0 || !strings.Contains(text, "lrs.yaml") {
		t.Errorf("sync with no LRS (exit %d):\n%s", code, text)
	}
	configureLRS(t, "not an address")
	code, text = runSync(t, "--db", filepath.Join(t.TempDir(), "upskill.db"), "--accessible")
	if code == 0 || !strings.Contains(text, "not an http or https address") {
		t.Errorf("learning with a bad LRS address (exit %d):\n%s", code, text)
	}
}

// TestSyncBackfill: records made before an LRS was configured reach a
// real LRS once with upskill sync --backfill; running it again queues
// and sends nothing, and the LRS still holds each statement once.
func TestSyncBackfill(t *testing.T) {
	server := lrstest.Start(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, env := range []string{lrs.EnvEndpoint, lrs.EnvHomePage, lrs.EnvKey, lrs.EnvSecret} {
		t.Setenv(env, "")
	}
	opts := &options{db: filepath.Join(t.TempDir(), "upskill.db")}
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
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
		k := progress.LessonKey{Pack: pack.ID, Lesson: lesson.ID}
		if err := s.SaveReading(p.ID, k, 0.5, at); err != nil {
			return err
		}
		if err := s.CompleteLesson(p.ID, k, at.Add(time.Minute)); err != nil {
			return err
		}
		_, err = s.AwardBadge(p.ID, pack.ID, "first", at.Add(2*time.Minute))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	configureLRS(t, server.Endpoint)
	code, text := runSync(t, "sync", "--backfill", "--db", opts.db)
	if code != 0 || !strings.Contains(text, "Queued 3 statements of records made before") || !strings.Contains(text, "Sent 3 statements.") {
		t.Errorf("backfill (exit %d):\n%s", code, text)
	}
	code, text = runSync(t, "sync", "--backfill", "--db", opts.db)
	if code != 0 || !strings.Contains(text, "nothing more to backfill") || !strings.Contains(text, "Sent 0 statements.") {
		t.Errorf("second backfill (exit %d):\n%s", code, text)
	}
	if n, err := server.Count(); err != nil || n != 3 {
		t.Errorf("the LRS holds %d statements (%v), want 3", n, err)
	}
	code, text = runSync(t, "sync", "--backfill", "--status", "--db", opts.db)
	if code == 0 || !strings.Contains(text, "use one of") {
		t.Errorf("--backfill with --status (exit %d):\n%s", code, text)
	}
}
