package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// queueLearning records a lesson read and a badge for a new learner with
// the LRS configured and sending in the background off: two statements
// queued.
func queueLearning(t *testing.T, db string) {
	t.Helper()
	at := time.Date(2026, time.January, 5, 10, 0, 0, 0, time.UTC)
	err := withLearningStore(&options{db: db}, review.StoreOptions(), func(cat *catalog.Catalog) error {
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
		if err := s.SaveReading(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: lesson.ID}, 0.5, at); err != nil {
			return err
		}
		_, err = s.AwardBadge(p.ID, pack.ID, "first", at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestServeSendsInBackground: `upskill serve` with an lrs section in its
// config (secret in a 0600 file beside it) sends what is queued with no
// upskill sync, logs the count, never the secret, and stops cleanly on
// SIGTERM with the LRS holding each statement once.
func TestServeSendsInBackground(t *testing.T) {
	server := lrstest.Start(t)
	configureLRS(t, server.Endpoint)
	dir := t.TempDir()
	db := filepath.Join(dir, "upskill.db")
	queueLearning(t, db)

	if err := os.WriteFile(filepath.Join(dir, "lrs.secret"), []byte(syncSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "upskill-serve.yaml")
	text := "lrs:\n  endpoint: " + server.Endpoint + "\n  homepage: https://learning.council.example.gov.uk\n" +
		"  key: upskill\n  secret_file: lrs.secret\n"
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, db, "--config", config)
	for deadline := time.Now().Add(hangGuard); ; time.Sleep(50 * time.Millisecond) {
		n, err := server.Count()
		if err == nil && n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the LRS holds %d statements (%v), want 2", n, err)
		}
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, s.logs)
		}
	case <-time.After(hangGuard):
		t.Fatal("still running after SIGTERM")
	}
	logs := s.logs.String()
	if !strings.Contains(logs, `"msg":"lrs sent","sent":2`) || !strings.Contains(logs, "lrs sender stopped") {
		t.Errorf("logs lack the sender's count and stop:\n%s", logs)
	}
	if strings.Contains(logs, syncSecret) {
		t.Errorf("the logs show the secret:\n%s", logs)
	}
	if n, err := server.Count(); err != nil || n != 2 {
		t.Errorf("the LRS holds %d statements (%v), want 2", n, err)
	}
	code, out := runSync(t, "sync", "--status", "--db", db)
	if code != 0 || !strings.Contains(out, "Queued:    0") || !strings.Contains(out, "Sent:      2") {
		t.Errorf("status after serving (exit %d):\n%s", code, out)
	}
}

// TestServeConfigLRSSection: an unknown setting in the lrs section is
// refused with its line.
func TestServeConfigLRSSection(t *testing.T) {
	config := filepath.Join(t.TempDir(), "upskill-serve.yaml")
	if err := os.WriteFile(config, []byte("listen: 127.0.0.1:0\nlrs:\n  endpoint: https://lrs.example/xAPI\n  secret: oops\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := loadServeConfig(config)
	if err == nil || !strings.Contains(err.Error(), config+":4") || !strings.Contains(err.Error(), "secret") {
		t.Errorf("unknown lrs setting: %v", err)
	}
}
