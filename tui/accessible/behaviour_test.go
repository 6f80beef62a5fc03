package accessible

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/upskill-council/upskill/progress"
)

var passwordsKey = progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}

// verdictWatch is output that, each time a verdict ("Correct.", "Not
// quite.") is written, calls check with how many verdicts there have been.
type verdictWatch struct {
	buf      bytes.Buffer // not embedded: its WriteString would bypass Write
	verdicts int
	check    func(verdicts int)
}

func (w *verdictWatch) Write(p []byte) (int, error) {
	for _, line := range strings.Split(string(p), "\n") {
		if line == "Correct." || line == "Not quite." || strings.HasPrefix(line, "Partly right") {
			w.verdicts++
			w.check(w.verdicts)
		}
	}
	return w.buf.Write(p)
}

func (w *verdictWatch) String() string { return w.buf.String() }

// TestAnswerSavedBeforeFeedback checks that when a verdict is printed,
// the answer it is about is already in the file.
func TestAnswerSavedBeforeFeedback(t *testing.T) {
	store := openStore(t)
	w := &verdictWatch{}
	w.check = func(n int) {
		p, err := store.ProfileByName("Sam Patel")
		if err != nil {
			t.Fatalf("verdict %d printed before the profile exists: %v", n, err)
		}
		a, open, err := store.OpenAttempt(p.ID, passwordsKey)
		if err != nil || !open {
			t.Fatalf("verdict %d: no open attempt (err %v)", n, err)
		}
		if len(a.Answers) < n {
			t.Fatalf("verdict %d printed with %d answers in the file", n, len(a.Answers))
		}
	}
	runTo(t, store, w, "", append([]string{"Sam Patel", "1", "1"}, passwordsQuiz...)...)
	if w.verdicts != 5 {
		t.Fatalf("saw %d verdicts, want 5:\n%s", w.verdicts, w.String())
	}
}

// storeCloser closes the store as soon as a line starting with at is
// written, so that the next write fails.
type storeCloser struct {
	buf   bytes.Buffer // not embedded: its WriteString would bypass Write
	store *progress.Store
	at    string
}

func (w *storeCloser) Write(p []byte) (int, error) {
	if w.at != "" && strings.Contains(string(p), w.at) {
		w.store.Close()
		w.at = ""
	}
	return w.buf.Write(p)
}

func (w *storeCloser) String() string { return w.buf.String() }

// TestStoreFailureIsSaid closes the file while a question is asked: the
// answer cannot be saved, and the learner is told so in a sentence, not
// given feedback as if it counted.
func TestStoreFailureIsSaid(t *testing.T) {
	store := openStore(t)
	w := &storeCloser{store: store, at: "Question 1 of 5."}
	runTo(t, store, w, "", "Sam Patel", "1", "1", "", "", "2")
	out := w.String()
	if !strings.Contains(out, "Your answer could not be saved, so it does not count yet:") {
		t.Fatalf("no sentence about the failed save:\n%s", out)
	}
	if strings.Contains(out, "Correct.") {
		t.Fatalf("feedback printed for an answer that was not saved:\n%s", out)
	}
	requirePlain(t, out)
}

// TestLeaveAndResumeQuiz leaves a quiz after one answer, then starts
// again: home offers to continue the quiz, which goes on at question 2
// with the first answer kept.
func TestLeaveAndResumeQuiz(t *testing.T) {
	store := openStore(t)
	out := run(t, store, "", "Sam Patel", "1", "1", "", "", "2", "b")
	if !strings.Contains(out, "You left the quiz.") {
		t.Fatalf("leaving was not confirmed:\n%s", out)
	}
	out = run(t, store, "", "1")
	for _, want := range []string{"1: Continue the quiz: Strong passwords", "Continuing your quiz: 1 of 5 questions answered.", "Question 2 of 5."} {
		if !strings.Contains(out, want) {
			t.Errorf("second session lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Question 1 of 5.") {
		t.Errorf("the answered question was asked again:\n%s", out)
	}
}

// TestEndOfInputSavesReading ends the input at the end of a lesson: the
// session says goodbye, and the lesson is started and read to the end.
func TestEndOfInputSavesReading(t *testing.T) {
	store := openStore(t)
	out := run(t, store, "", "Sam Patel", "1", "1", "")
	if !strings.HasSuffix(out, msgGoodbye+"\n") {
		t.Fatalf("no goodbye at the end of input:\n%s", out)
	}
	p, err := store.ProfileByName("Sam Patel")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := store.Lesson(p.ID, passwordsKey)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status != progress.InProgress || rec.Position != 1 {
		t.Fatalf("lesson record = %+v, want in progress, read to the end", rec)
	}
}

// TestSayWritesNoEscapes writes hostile text: nothing that controls a
// terminal reaches the output.
func TestSayWritesNoEscapes(t *testing.T) {
	var b bytes.Buffer
	s := &session{out: &b}
	s.say("\x1b[2J\x1b[31mred\x1b[0m", "\x1b]8;;https://example.com\x07link\x1b]8;;\x07", "\u009b31mC1\r\x08", "bell\x07")
	requirePlain(t, b.String())
	if !strings.Contains(b.String(), "red") || !strings.Contains(b.String(), "link") {
		t.Fatalf("the text itself was lost: %q", b.String())
	}
}

// TestMessagesArePlain checks every sentence the mode says is plain
// ASCII text: no marks, arrows, boxes or curly quotes for a screen reader
// to name. Pack text is the pack's own.
func TestMessagesArePlain(t *testing.T) {
	src, err := readSource("messages.go")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range src {
		if r > unicode.MaxASCII {
			t.Fatalf("messages.go has %q at byte %d", r, i)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 cards"}, {1, "1 card"}, {2, "2 cards"}} {
		if got := plural(c.n, "card", "cards"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
