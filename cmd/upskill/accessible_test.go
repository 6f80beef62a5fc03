package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// pipeLearner drives the accessible mode of a running upskill through
// pipes, as a screen reader user's typing would, reading what it prints
// a block at a time: everything up to the next line that says to press
// enter.
type pipeLearner struct {
	t     *testing.T
	stdin io.WriteCloser
	lines chan string
	mu    sync.Mutex
	raw   bytes.Buffer // every byte the program wrote
}

// startAccessible runs upskill with args and env on the file db, its
// standard input and output pipes.
func startAccessible(t *testing.T, db string, env []string, args ...string) (*pipeLearner, *exec.Cmd) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(append(testEnv(t), "UPSKILL_DB="+db), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &pipeLearner{t: t, stdin: stdin, lines: make(chan string, 256)}
	go func() {
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			p.mu.Lock()
			p.raw.WriteString(line)
			p.mu.Unlock()
			if line != "" {
				p.lines <- strings.TrimSuffix(line, "\n")
			}
			if err != nil {
				close(p.lines)
				return
			}
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("transcript:\n%s\nstderr:\n%s", p.transcript(), stderr.String())
		}
	})
	return p, cmd
}

func (p *pipeLearner) transcript() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.raw.Bytes())
}

// block reads lines up to and including the next one that says to press
// enter: one prompt.
func (p *pipeLearner) block() []string {
	p.t.Helper()
	var out []string
	timeout := time.After(hangGuard)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("output ended while waiting for a prompt; read %q", out)
			}
			out = append(out, line)
			if strings.Contains(strings.ToLower(line), "press enter") {
				return out
			}
		case <-timeout:
			p.t.Fatalf("no prompt after %v; read %q", hangGuard, out)
		}
	}
}

// send types a line.
func (p *pipeLearner) send(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		p.t.Fatalf("type %q: %v", line, err)
	}
}

// expect reads a prompt and checks it holds want.
func (p *pipeLearner) expect(want string) []string {
	p.t.Helper()
	b := p.block()
	if !slices.ContainsFunc(b, func(l string) bool { return strings.Contains(l, want) }) {
		p.t.Fatalf("prompt lacks %q: %q", want, b)
	}
	return b
}

// choose reads a numbered list and types the number of the item that
// starts with label.
func (p *pipeLearner) choose(label string) []string {
	p.t.Helper()
	b := p.block()
	p.send(numberOf(p.t, b, label))
	return b
}

// numberOf finds the number of the item of a numbered list that starts
// with label.
func numberOf(t *testing.T, lines []string, label string) string {
	t.Helper()
	for _, l := range lines {
		if n, text, ok := strings.Cut(l, ": "); ok && strings.HasPrefix(text, label) && n != "" && strings.Trim(n, "0123456789") == "" {
			return n
		}
	}
	t.Fatalf("no item %q in %q", label, lines)
	return ""
}

// rightAnswers knows the test pack: for each question prompt, the texts
// of the right choices, items in order, or matches; or what to type.
var rightAnswers = map[string][]string{
	"Which password follows the NCSC's advice?":                                                      {"applenemobiro"},
	"Which of these are good habits? Select all that apply.":                                         {"A separate password for your work account", "2-step verification on your email"},
	"It is never acceptable to write a password down.":                                               {"False"},
	"Which short number do you forward a suspicious text message to?":                                {"=7726"},
	"Within how many hours must a reportable data breach be reported to the ICO?":                    {"=72"},
	"How many working days does a council normally have to answer a freedom of information request?": {"=20"},
	"Put the steps after a data breach in order.": {"Tell your manager and the data protection officer",
		"Decide whether the breach must be reported", "Report it to the ICO within 72 hours"},
}

// matches are the right answers of the matching question, by line.
var matches = map[string]string{
	"Freedom of information": "20 working days",
	"Subject access":         "One calendar month",
	"Personal data breach":   "72 hours",
}

// answer answers the question in block b rightly, whatever order its
// choices were shuffled into, except that wrong lists prompts to answer
// wrongly; matching is answered line by line.
func (p *pipeLearner) answer(b []string, wrong ...string) {
	p.t.Helper()
	if slices.ContainsFunc(b, func(l string) bool { return strings.HasPrefix(l, "Line 1 of ") }) {
		for {
			line := b[slices.IndexFunc(b, func(l string) bool { return strings.HasPrefix(l, "Line ") })]
			prompt := line[strings.Index(line, ": ")+2:]
			p.send(numberOf(p.t, b, matches[prompt]))
			if !strings.Contains(line, "Line 3 of 3") {
				b = p.block()
				continue
			}
			return
		}
	}
	var want []string
	var prompt string
	for _, l := range b {
		if w, ok := rightAnswers[l]; ok {
			want, prompt = w, l
		}
	}
	if want == nil {
		p.t.Fatalf("no known question in %q", b)
	}
	if slices.Contains(wrong, prompt) {
		p.send("1") // wrong for the true/false question this is used on
		return
	}
	if typed, ok := strings.CutPrefix(want[0], "="); ok {
		p.send(typed)
		return
	}
	var nums []string
	for _, w := range want {
		nums = append(nums, numberOf(p.t, b, w))
	}
	p.send(strings.Join(nums, " "))
}

// TestAccessibleThroughPipes runs the real binary with --accessible, its
// input and output pipes (no terminal at all), and takes a new learner
// through the whole loop on the test pack: a lesson and a quiz with every
// question type, results, a lesson without a quiz, badges, review and
// progress, then quits. Nothing it prints may be an escape sequence or a
// control character, and every answer must be in the file afterwards.
func TestAccessibleThroughPipes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	if r := upskill(t, []string{"UPSKILL_DB=" + db}, "pack", "import", "../../tui/testdata/pack"); r.code != 0 {
		t.Fatalf("import the test pack: %s", r.stderr)
	}
	p, cmd := startAccessible(t, db, nil, "--accessible")
	p.expect("What is your name?")
	p.send("Sam Patel")
	p.choose("Graduate")
	p.choose("Choose a course")
	p.choose("Test pack")
	// Strong passwords: two pages, then five questions.
	p.choose("Start: Strong passwords")
	p.expect("Press enter for more")
	p.send("")
	p.expect("End of the lesson. Press enter to take the quiz")
	p.send("")
	for i := 1; i <= 5; i++ {
		p.answer(p.block(), "It is never acceptable to write a password down.")
		p.block() // feedback
		p.send("")
	}
	b := p.expect("Passed. You scored 4 of 5")
	p.send(numberOf(t, b, "Next lesson: Spotting scams"))
	p.expect("Press enter to mark it complete")
	p.send("")
	// Requests for information: number, matching, ordering.
	p.choose("Start: Requests for information")
	p.expect("End of the lesson. Press enter to take the quiz")
	p.send("")
	for i := 1; i <= 3; i++ {
		p.answer(p.block())
		p.block() // feedback
		p.send("")
	}
	b = p.expect("Passed. You scored 3 of 3, 100 per cent.")
	if !slices.ContainsFunc(b, func(l string) bool { return strings.HasPrefix(l, "Badge earned: Flawless.") }) {
		t.Errorf("no badge announced with the results: %q", b)
	}
	p.send(numberOf(t, b, "Home"))
	p.choose("Badges:")
	p.expect("Press enter to go back to the home menu.")
	p.send("")
	// Review: the true/false question answered wrongly is due today.
	p.choose("Review:")
	for {
		p.answer(p.block())
		fb := p.block()
		p.send("")
		if strings.Contains(fb[len(fb)-1], "finish the review") {
			break
		}
	}
	b = p.block()
	if !slices.ContainsFunc(b, func(l string) bool { return strings.HasPrefix(l, "Review finished.") }) {
		t.Fatalf("no review summary: %q", b)
	}
	if n := numberOfOrEmpty(b, "Home"); n != "" {
		p.send(n)
	} else {
		p.send("")
	}
	p.choose("Your progress")
	p.expect("Your progress in Test pack.")
	p.send("")
	p.choose("Quit")
	p.stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("upskill exited with %v", err)
	}
	out := p.transcript()
	if !bytes.HasSuffix(out, []byte("Your progress is saved. Goodbye.\n")) {
		t.Errorf("no goodbye at the end")
	}
	requireNoControls(t, out)
	requireLoopInFile(t, db)
}

// numberOfOrEmpty is numberOf, or "" when no item starts with label.
func numberOfOrEmpty(lines []string, label string) string {
	for _, l := range lines {
		if n, text, ok := strings.Cut(l, ": "); ok && strings.HasPrefix(text, label) && strings.Trim(n, "0123456789") == "" {
			return n
		}
	}
	return ""
}

// requireNoControls fails if out is not valid UTF-8 or holds any escape
// or control character but newline and tab: no ESC (0x1b), no CSI
// (U+009B) or other C1 control, no carriage return, no bell.
func requireNoControls(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Fatalf("output is not valid UTF-8")
	}
	if i := bytes.IndexByte(out, 0x1b); i >= 0 {
		t.Fatalf("escape byte at %d", i)
	}
	for i, r := range string(out) {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) {
			t.Fatalf("control character %U at byte %d", r, i)
		}
	}
}

// requireLoopInFile opens the file after the run, first read-only to
// check it is consistent, and checks what the learner did is in it.
func requireLoopInFile(t *testing.T, db string) {
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
		t.Fatalf("file inconsistent: %v", err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	prof, err := store.ProfileByName("Sam Patel")
	if err != nil {
		t.Fatal(err)
	}
	for lesson, n := range map[string]int{"passwords": 5, "requests": 3} {
		a, ok, err := store.LastAttempt(prof.ID, progress.LessonKey{Pack: "test-pack", Lesson: lesson})
		if err != nil || !ok || a.Open() || len(a.Answers) != n {
			t.Errorf("%s: attempt %+v (found %v, err %v), want finished with %d answers", lesson, a, ok, err, n)
		}
	}
	scams, err := store.Lesson(prof.ID, progress.LessonKey{Pack: "test-pack", Lesson: "scams"})
	if err != nil || scams.Status != progress.Completed {
		t.Errorf("scams = %+v (err %v), want completed", scams, err)
	}
	card, err := store.Card(prof.ID, progress.CardKey{Pack: "test-pack", Lesson: "passwords", Question: "write-down"})
	if err != nil || card.Reps < 2 {
		t.Errorf("the card answered wrongly, then in review = %+v (err %v), want two reviews", card, err)
	}
}

// TestAccessibleFromEnvironmentAndSetting starts the accessible mode by
// ACCESSIBLE=1, and by a learner's saved setting, with input that ends at
// once: it greets, says goodbye and exits cleanly.
func TestAccessibleFromEnvironmentAndSetting(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	r := upskill(t, []string{"UPSKILL_DB=" + db, "ACCESSIBLE=1"})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Upskill, accessible mode.") || !strings.HasSuffix(r.stdout, "Goodbye.\n") {
		t.Fatalf("ACCESSIBLE=1: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	requireNoControls(t, []byte(r.stdout))

	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.CreateProfile("Alex Jones", "staff", time.Now())
	if err == nil {
		err = store.SaveSettings(p.ID, progress.Settings{Accessible: true})
	}
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	r = upskill(t, []string{"UPSKILL_DB=" + db})
	if r.code != 0 || !strings.Contains(r.stdout, "Home. Welcome, Alex Jones.") {
		t.Fatalf("saved setting: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestAccessibleEnvValues(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "false": false, "FALSE": false, "1": true, "true": true, "yes": true} {
		if got := accessibleEnv(v); got != want {
			t.Errorf("ACCESSIBLE=%q: %v, want %v", v, got, want)
		}
	}
}
