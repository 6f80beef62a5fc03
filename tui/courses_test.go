package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
)

// secondPackDir copies the test pack as a second pack with its own id and
// title.
func secondPackDir(t testing.TB, id, title string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), id)
	err := filepath.WalkDir("testdata/pack", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/pack", path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, _ := os.ReadFile(path)
		if rel == "pack.yaml" {
			data = bytes.Replace(data, []byte("id: test-pack"), []byte("id: "+id), 1)
			data = bytes.Replace(data, []byte("title: Test pack"), []byte("title: "+title), 1)
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestCoursesSwitchPack(t *testing.T) {
	store := openStore(t)
	store.CreateProfile("Sam Patel", "staff", testNow)
	cat, err := catalog.Open(store, loadTestPack(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Import(secondPackDir(t, "cyber", "Cyber basics"), catalog.ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithCatalog(t, 80, 24, store, cat)
	h.requireScreen("Test pack · Essentials for all staff")
	h.keys("c")
	h.requireScreen("Courses", "Test pack (current)", "0 of 2 lessons on your path done · version 1.0.0 · built in", "Cyber basics", "imported")
	h.keys("down", "enter")
	if h.active() != homeScreen || h.m.c.pack.ID != "cyber" {
		t.Fatalf("after choosing a course: %v on %s", h.active(), h.m.c.pack.ID)
	}
	h.requireScreen("Cyber basics · Essentials for all staff", "Start: Strong passwords")
	h.keys("enter", "enter") // read, then take the quiz
	answerPasswordsQuiz(t, h, true)
	if rec, _ := store.Lesson(h.m.c.profileID(), progress.LessonKey{Pack: "cyber", Lesson: "passwords"}); rec.Status != progress.Completed {
		t.Errorf("progress went to the wrong pack: %+v", rec)
	}
	if rec, _ := store.Lesson(h.m.c.profileID(), progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}); rec.Status != progress.NotStarted {
		t.Errorf("the other pack changed: %+v", rec)
	}
	// The next start opens on the pack the learner chose.
	h2 := newHarnessWithCatalog(t, 80, 24, store, cat)
	h2.requireScreen("Cyber basics")
	h2.keys("c")
	h2.requireScreen("Cyber basics (current)", "1 of 2 lessons on your path done")
	h2.keys("esc")
	if h2.active() != homeScreen {
		t.Errorf("esc from courses went to %v", h2.active())
	}
}

func TestPreviewReload(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter")
	h.requireScreen("Strong passwords")
	changed := loadTestPack(t)
	l, _ := changed.Lesson("passwords")
	l.Title = "Strong passwords, revised"
	h.send(PackReloaded(changed, nil))
	if h.active() != lessonScreen || !strings.Contains(h.screen(), "Strong passwords, revised") {
		t.Fatalf("after a reload:\n%s", h.screen())
	}
	h.requireScreen("Reloaded Test pack 1.0.0")
	h.send(PackReloaded(nil, os.ErrInvalid))
	h.requireScreen("The pack has problems", "invalid argument")
	h.send(PackReloaded(changed, nil))
	if strings.Contains(h.screen(), "The pack has problems") {
		t.Error("problems still shown after a good reload")
	}
}
