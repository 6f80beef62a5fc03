package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/termtest"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

const screenWait = 5 * time.Second

// seedLearner creates a learner who has passed the first quiz of their
// path with full marks, writing through the progress package as the UI
// does.
func seedLearner(t *testing.T, db, name, role string) {
	t.Helper()
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	p, err := store.CreateProfile(name, role, now)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := learner.Load(store, pack, p, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	l := prog.Next()
	key := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
	var ids []string
	for _, q := range l.Quiz.Questions {
		ids = append(ids, q.ID)
	}
	a, err := store.StartAttempt(p.ID, key, ids, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := store.RecordAnswer(p.ID, key, a.ID, progress.Answer{Question: id, Correct: true, Rating: progress.Good, At: now}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.FinishAttempt(p.ID, key, a.ID, l.Quiz.PassMark, now); err != nil {
		t.Fatal(err)
	}
	if prog, err = learner.Load(store, pack, p, time.Local); err != nil {
		t.Fatal(err)
	}
	if _, err := learner.AwardDue(store, prog, now); err != nil {
		t.Fatal(err)
	}
}

// startTUI runs upskill in an 100×30 pseudo-terminal on the given file.
func startTUI(t *testing.T, db string, args ...string) *termtest.Term {
	return termtest.Start(t, 100, 30, append(testEnv(t), "UPSKILL_DB="+db), binary, args...)
}

// newLearnerInTUI goes through the welcome form.
func newLearnerInTUI(t *testing.T, term *termtest.Term, name string) {
	t.Helper()
	term.WaitFor("What is your name?", screenWait)
	term.Press(name, "enter", "enter")
	term.WaitFor("Welcome, "+name, screenWait)
}

var questionNumber = regexp.MustCompile(`(?:Question|Review) (\d+) of (\d+)`)

// answerOne answers the question on screen with whatever fits its type and
// waits until its feedback shows. It returns the question's number.
func answerOne(t *testing.T, term *termtest.Term) int {
	t.Helper()
	screen, ok := term.Poll(func(s string) bool { return questionNumber.MatchString(s) }, screenWait)
	if !ok {
		t.Fatalf("no question on screen:\n%s", screen)
	}
	m := questionNumber.FindStringSubmatch(screen)
	n, _ := strconv.Atoi(m[1])
	switch {
	case strings.Contains(screen, "Type a number"):
		term.Press("1")
	case strings.Contains(screen, "Type your answer"):
		term.Press("a guess")
	case strings.Contains(screen, "Select all that apply"):
		term.Press("space")
	case strings.Contains(screen, "Match each one"):
		// An answer for every line (each shows ‹ its answer ›): once
		// each, since an answer another line has is passed over and one
		// more press would go round to blank.
		for range strings.Count(screen, "‹ ") {
			term.Press("right", "down")
		}
	}
	term.Press("enter")
	if _, ok := term.Poll(func(s string) bool {
		return strings.Contains(s, "✓ Correct") || strings.Contains(s, "✗ Not quite") || strings.Contains(s, "◐ Partly right")
	}, screenWait); !ok {
		t.Fatalf("no feedback for question %d:\n%s", n, term.Screen())
	}
	return n
}

// TestKillMidQuizLosesNothing kills the real binary with SIGKILL right
// after the learner has seen feedback, several times, and checks that
// every answer the learner saw acknowledged is in the file, that the file
// is consistent, and that Upskill resumes at the next unanswered question.
func TestKillMidQuizLosesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	term := startTUI(t, db)
	newLearnerInTUI(t, term, "Sam Patel")
	term.Press("enter")                // continue: the first lesson
	term.WaitFor("% read", screenWait) // the lesson is on screen
	term.Press("enter")                // take the quiz
	acknowledged := answerOne(t, term) // question 1, feedback seen
	term.Kill()

	for round := 0; round < 3; round++ {
		requireAnswers(t, db, acknowledged)
		term = startTUI(t, db)
		term.WaitFor("Continue the quiz", screenWait)
		term.Press("enter")
		want := "Question " + strconv.Itoa(acknowledged+1) + " of "
		term.WaitFor(want, screenWait)
		acknowledged = answerOne(t, term)
		if round == 2 {
			// Kill in the middle of the next answer too: whatever the
			// learner had not yet seen acknowledged may be lost, nothing
			// else.
			term.Press("enter")
		}
		term.Kill()
	}
	requireAnswers(t, db, acknowledged)
}

// requireAnswers checks the progress file after a kill: bbolt's own
// consistency check passes, and the open attempt holds at least the first
// n answers.
func requireAnswers(t *testing.T, db string, n int) {
	t.Helper()
	raw, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = raw.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	raw.Close()
	if err != nil {
		t.Fatalf("file inconsistent after kill -9: %v", err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	pack, _ := builtin.Load()
	p, err := store.ProfileByName("Sam Patel")
	if err != nil {
		t.Fatal(err)
	}
	prog, err := learner.Load(store, pack, p, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	a, open, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: prog.Next().ID})
	if err != nil || !open {
		t.Fatalf("no open attempt after kill -9 (err %v)", err)
	}
	for i := 0; i < n; i++ {
		found := false
		for _, ans := range a.Answers {
			found = found || ans.Question == a.Questions[i]
		}
		if !found {
			t.Fatalf("answer to question %d (%s) was acknowledged on screen but is not in the file", i+1, a.Questions[i])
		}
	}
}

// TestSecondProcessIsToldItIsLocked runs the TUI, then a second upskill
// on the same file: it must give up with a message and a hint, not hang
// (upskill fails a run that hangs). How soon it gives up is measured by
// BenchmarkLockedFileRefusal.
func TestSecondProcessIsToldItIsLocked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	term := startTUI(t, db)
	term.WaitFor("What is your name?", screenWait)
	for _, args := range [][]string{{"progress"}, {}} {
		r := upskill(t, []string{"UPSKILL_DB=" + db}, args...)
		if r.code != 1 {
			t.Errorf("upskill %v while locked: exit %d", args, r.code)
		}
		want := "upskill: another Upskill is already using the progress file (" + db + ")"
		if !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "hint:") {
			t.Errorf("upskill %v while locked said %q, want %q and a hint", args, r.stderr, want)
		}
	}
	// The first one carries on.
	term.Press("Sam", "enter", "enter")
	term.WaitFor("Welcome, Sam", screenWait)
	term.Press("q")
	if err := term.Wait(screenWait); err != nil {
		t.Fatalf("q: %v", err)
	}
}

// TestBadFilesAreRefusedAndUntouched checks that a foreign, damaged or
// newer file gets a clear message and is left exactly as it was.
func TestBadFilesAreRefusedAndUntouched(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "notes.txt")
	os.WriteFile(foreign, bytes.Repeat([]byte("my notes\n"), 1000), 0o644)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	otherBolt := filepath.Join(dir, "other.db")
	db, _ := bolt.Open(otherBolt, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("secrets")); return err })
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	seedLearner(t, newer, "Sam Patel", "staff")
	db, _ = bolt.Open(newer, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("99")) })
	db.Close()
	damaged := filepath.Join(dir, "damaged.db")
	seedLearner(t, damaged, "Sam Patel", "staff")
	data, _ := os.ReadFile(damaged)
	copy(data[0:8192], bytes.Repeat([]byte{0xAB}, 8192)) // both meta pages
	os.WriteFile(damaged, data, 0o600)

	for _, c := range []struct {
		path, want string
	}{
		{foreign, "is not an Upskill progress file"},
		{empty, "is not an Upskill progress file"},
		{otherBolt, "is not an Upskill progress file"},
		{newer, "written by a newer version of Upskill"},
		{damaged, "not an Upskill progress file"},
	} {
		before := digest(t, c.path)
		for _, args := range [][]string{{"progress", "--db", c.path}, {"--db", c.path}} {
			r := upskill(t, nil, args...)
			if r.code != 1 || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "hint:") {
				t.Errorf("upskill %v: exit %d, stderr %q, want %q", args, r.code, r.stderr, c.want)
			}
		}
		if digest(t, c.path) != before {
			t.Errorf("%s was changed", filepath.Base(c.path))
		}
	}
}

func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// BenchmarkFirstFrame measures, from outside, the time from starting the
// upskill process to its home screen being on the terminal, for a learner
// with an existing profile. It includes starting the Go runtime, loading
// the built-in pack, opening the progress file and Bubble Tea's first
// frame.
func BenchmarkFirstFrame(b *testing.B) {
	db := filepath.Join(b.TempDir(), "upskill.db")
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := store.CreateProfile("Sam Patel", "staff", time.Now()); err != nil {
		b.Fatal(err)
	}
	store.Close()
	env := []string{"UPSKILL_DB=" + db, "TERM=xterm-256color"}
	for b.Loop() {
		term := termtest.Start(b, 100, 30, env, binary)
		if _, ok := term.Poll(func(s string) bool { return strings.Contains(s, "Welcome, Sam Patel") }, 5*time.Second); !ok {
			b.Fatalf("no home screen:\n%s", term.Screen())
		}
		b.StopTimer()
		term.Kill()
		b.StartTimer()
	}
}

// TestKillMidReviewLosesNothing answers a review card, kills the binary
// with SIGKILL, and checks that the answer and the card's new schedule are
// in the file and that the review resumes at the next card.
func TestKillMidReviewLosesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.CreateProfile("Sam Patel", "staff", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Six questions answered wrongly two days ago: all due now, whatever
	// the time of day the test runs.
	l, _ := pack.Lesson("phishing-and-reporting")
	k := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
	var ids []string
	for _, q := range l.Quiz.Questions {
		ids = append(ids, q.ID)
	}
	then := time.Now().Add(-48 * time.Hour)
	a, err := store.StartAttempt(p.ID, k, ids, 1, then)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := store.RecordAnswer(p.ID, k, a.ID, progress.Answer{Question: id, Rating: progress.Again, At: then}); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	n := len(ids)
	term := startTUI(t, db, "--profile", "Sam Patel")
	term.WaitFor("Review: "+strconv.Itoa(n)+" cards due", screenWait)
	term.Press("down", "enter")
	term.WaitFor("Review 1 of "+strconv.Itoa(n), screenWait)
	answerOne(t, term)
	term.Kill()

	store, err = progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	r, open, err := store.OpenReview(p.ID)
	if err != nil || !open || len(r.Answers) != 1 {
		t.Fatalf("after the kill: review %+v, open %v, %v", r, open, err)
	}
	card, err := store.Card(p.ID, r.Answers[0].Card)
	if err != nil || card.Reps != 2 || !card.LastReview.After(then) {
		t.Errorf("the reviewed card was not rescheduled with its answer: %+v %v", card, err)
	}
	store.Close()

	term = startTUI(t, db, "--profile", "Sam Patel")
	term.WaitFor("Review: ", screenWait)
	term.Press("down", "enter")
	term.WaitFor("Review 2 of "+strconv.Itoa(n), screenWait)
	term.Kill()
}

// BenchmarkLockedFileRefusal measures, from outside, how long a second
// upskill takes to refuse a progress file another process holds: the
// README promises "within a second" (the lock timeout, then the message).
func BenchmarkLockedFileRefusal(b *testing.B) {
	db := filepath.Join(b.TempDir(), "upskill.db")
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	env := []string{"UPSKILL_DB=" + db, "HOME=" + b.TempDir(), "PATH=" + os.Getenv("PATH")}
	for b.Loop() {
		cmd := exec.Command(binary, "progress")
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "already open in another terminal") {
			b.Fatalf("not refused: %v\n%s", err, stderr.String())
		}
	}
}
