package server

import (
	"context"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/progress"
)

// lineClient is an SSH session in the accessible mode: all it received,
// as bytes, with no terminal emulator (there must be nothing to emulate).
type lineClient struct {
	t     testing.TB
	conn  *gossh.Client
	stdin io.WriteCloser
	mu    sync.Mutex
	raw   strings.Builder
	done  chan struct{}
	// from is where the next wait starts looking.
	from int
}

// dialLines connects with key; with pty, it asks for one (and sets
// ACCESSIBLE=1 when accessibleEnv), as ssh -o SetEnv=ACCESSIBLE=1 does;
// without, it is ssh -T.
func (ts *testServer) dialLines(key gossh.Signer, pty, accessibleEnv bool) *lineClient {
	t := ts.t
	t.Helper()
	conn, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "learner", Auth: keyAuth(key), HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if accessibleEnv {
		if err := sess.Setenv("ACCESSIBLE", "1"); err != nil {
			t.Fatal(err)
		}
	}
	if pty {
		if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	c := &lineClient{t: t, conn: conn, stdin: stdin, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		buf := make([]byte, 4096)
		for {
			n, err := stdout.Read(buf)
			c.mu.Lock()
			c.raw.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *lineClient) output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.String()
}

// waitFor waits for want to arrive after the last thing waited for.
func (c *lineClient) waitFor(want string) {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		out := c.output()
		if i := strings.Index(out[c.from:], want); i >= 0 {
			c.from += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("not received: %q; after the last wait:\n%s", want, out[c.from:])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// send types text as it is.
func (c *lineClient) send(text string) {
	c.t.Helper()
	if _, err := io.WriteString(c.stdin, text); err != nil {
		c.t.Fatalf("send %q: %v", text, err)
	}
}

// waitClosed waits for the server to end the session and returns all
// that was received.
func (c *lineClient) waitClosed() string {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(waitLimit):
		c.t.Fatalf("the session is still open:\n%s", c.output())
	}
	return c.output()
}

// requirePlainBytes fails at the first ESC, C0 control other than CR, LF
// and tab, DEL, C1 control or byte that is not UTF-8 in out.
func requirePlainBytes(t *testing.T, out string) {
	t.Helper()
	if i := plainOutput(out); i >= 0 {
		t.Fatalf("control character %q at byte %d: %q", out[i], i, out[max(0, i-40):min(len(out), i+40)])
	}
}

// answerObserver checks, as each line of feedback is written, that the
// learner's answer is already in the file.
type answerObserver struct {
	store    func() *progress.Store
	learner  string
	checked  atomic.Int64
	failures atomic.Int64
}

func (o *answerObserver) observe(msg any) {
	w, ok := msg.(linesWrite)
	if !ok || !(strings.Contains(string(w), "Correct.") || strings.Contains(string(w), "Not quite.")) {
		return
	}
	o.checked.Add(1)
	s := o.store()
	p, err := s.ProfileByName(o.learner)
	if err != nil {
		o.failures.Add(1)
		return
	}
	a, open, err := s.OpenAttempt(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if err != nil || !open || len(a.Answers) == 0 {
		o.failures.Add(1)
	}
}

// driveFirstAnswer reads the first lesson and answers its first question.
func driveFirstAnswer(c *lineClient, enter string) {
	c.t.Helper()
	c.waitFor("Type a number and press enter.")
	c.send("1" + enter) // home: start the first lesson
	for range 2 {       // its two pages
		c.waitFor("Press enter")
		c.send(enter)
	}
	c.waitFor("Question 1 of 5")
	c.waitFor("Type a number and press enter.")
	c.send("2" + enter)
	c.waitFor("Correct.")
}

func testLinesSession(t *testing.T, pty, env bool, enter string) {
	obs := &answerObserver{learner: "Asha Patel"}
	ts := startServer(t, Limits{}, obs.observe)
	obs.store = func() *progress.Store { return ts.store }
	key := ts.learner("Asha Patel")
	c := ts.dialLines(key, pty, env)
	c.waitFor("Asha Patel")
	driveFirstAnswer(c, enter)
	c.waitFor("Press enter")
	c.send(enter)
	c.waitFor("Question 2 of 5")
	c.send("\x04") // ctrl+d: the end of input
	out := c.waitClosed()
	requirePlainBytes(t, out)
	if !strings.Contains(out, "Your progress is saved. Goodbye.") {
		t.Errorf("no goodbye:\n%s", out)
	}
	if obs.checked.Load() == 0 || obs.failures.Load() != 0 {
		t.Errorf("feedback written %d times, %d of them before the answer was in the file", obs.checked.Load(), obs.failures.Load())
	}
	if pty && !strings.Contains(out, "\r\n") {
		t.Errorf("over a pty, lines do not end in CRLF")
	}
	if pty && strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Errorf("over a pty, a bare LF was sent")
	}
	if !strings.Contains(ts.logs.String(), `msg="accessible mode"`) {
		t.Errorf("the log does not say the session is in the accessible mode")
	}
}

// TestAccessibleOverPty: ACCESSIBLE=1 with a pty gets the accessible
// mode: the lesson is read and a question answered, the answer is in the
// file before its feedback is written, and nothing but plain text, CR
// and LF is sent (the echo of what is typed included).
func TestAccessibleOverPty(t *testing.T) { testLinesSession(t, true, true, "\r") }

// TestAccessibleWithoutPty: ssh -T gets the accessible mode with cooked
// lines (LF), and nothing but plain text and LF.
func TestAccessibleWithoutPty(t *testing.T) { testLinesSession(t, false, false, "\n") }

// TestAccessibleFromTheSavedSetting: a learner who saved the accessible
// mode gets it over a pty without asking.
func TestAccessibleFromTheSavedSetting(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	p, _ := ts.store.ProfileByName("Asha Patel")
	if err := ts.store.SaveSettings(p.ID, progress.Settings{Accessible: true}); err != nil {
		t.Fatal(err)
	}
	c := ts.dialLines(key, true, false)
	c.waitFor("Type a number and press enter.")
	c.send("\x03") // ctrl+c
	out := c.waitClosed()
	requirePlainBytes(t, out)
}

// TestAccessibleLineEditingOverPty: typing with mistakes, arrow keys and
// a colour sequence still gives the right answer, echoed as plain text.
func TestAccessibleLineEditingOverPty(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	c := ts.dialLines(key, true, true)
	c.waitFor("Type a number and press enter.")
	c.send("9\x7f\x1b[A\x1b[31m\x15x\x7f1\r") // 9, delete, up, a colour, clear, x, delete, 1
	c.waitFor("Press enter")
	c.send("\x03")
	requirePlainBytes(t, c.waitClosed())
}

// TestAccessibleShutdownAndTakeover: a learner in the accessible mode is
// told when the server stops, and a second session, also line by line,
// takes over the first, which says why it closed.
func TestAccessibleShutdownAndTakeover(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	first := ts.dialLines(key, true, true)
	first.waitFor("Type a number and press enter.")
	second := ts.dialLines(key, false, false)
	second.waitFor("Take it over here?")
	second.send("y\n")
	second.waitFor("Type a number and press enter.")
	if out := first.waitClosed(); !strings.Contains(out, farewell(endTakenOver, 0)) {
		t.Errorf("the first session was not told it was taken over:\n%s", out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	out := second.waitClosed()
	if !strings.Contains(out, farewell(endShutdown, 0)) {
		t.Errorf("the session was not told the server is restarting:\n%s", out)
	}
	requirePlainBytes(t, out)
}

// TestAccessibleIdleTimeout: an accessible session with no input is
// warned, then closed, with plain lines.
func TestAccessibleIdleTimeout(t *testing.T) {
	ts := startServer(t, Limits{IdleTimeout: 400 * time.Millisecond, IdleWarning: 200 * time.Millisecond}, nil)
	ts.srv.now = time.Now // the idle watcher needs a clock that moves
	key := ts.learner("Asha Patel")
	c := ts.dialLines(key, true, true)
	c.waitFor("No key pressed for a while")
	out := c.waitClosed()
	if !strings.Contains(out, "Upskill closed because no key was pressed") {
		t.Errorf("no idle farewell:\n%s", out)
	}
	requirePlainBytes(t, out)
}

// TestAccessibleEnrolmentWithADeviceCode: a new key in the accessible
// mode types a device code (and a wrong one first) as a line, and is
// bound to the learner who asked for it.
func TestAccessibleEnrolmentWithADeviceCode(t *testing.T) {
	ts := startServerWith(t, Limits{}, nil, func(s *progress.Store) Directory { return accounts.Directory{Store: s} })
	e, err := accounts.NewEnrolment("Asha Patel", "staff", "", "")
	if err != nil {
		t.Fatal(err)
	}
	first := newKey(t)
	p, err := accounts.Add(ts.store, progress.AccessAdmin, e, accounts.KeyFromSSH(first.PublicKey()), testNow)
	if err != nil {
		t.Fatal(err)
	}
	issued, err := ts.srv.issueDeviceCode(p, testNow)
	if err != nil {
		t.Fatal(err)
	}
	second := newKey(t)
	c := ts.dialLines(second, false, false)
	c.waitFor("Code:")
	c.send("AAAA-AAAA-AA\n")
	c.waitFor("That code did not work. Check it and type it again (4 tries left).")
	c.send(strings.ToLower(issued.code) + "\n")
	c.waitFor("Type a number and press enter.")
	if got, err := ts.store.ProfileByKey(fingerprintOf(second)); err != nil || got.ID != p.ID {
		t.Errorf("the new key belongs to %+v (%v), want %s", got, err, p.Name)
	}
	c.send("\x04")
	requirePlainBytes(t, c.waitClosed())
	if strings.Contains(ts.logs.String(), issued.code) {
		t.Errorf("the log holds the code")
	}
}

// TestAccessiblePasteFlood: a paste of 300 KiB with no line end, over a
// pty, is cut at the line bound (echo and line alike), and the session
// answers it and goes on.
func TestAccessiblePasteFlood(t *testing.T) {
	ts := startServer(t, Limits{InputRate: 4 << 20, InputBurst: 1 << 20}, nil)
	key := ts.learner("Asha Patel")
	c := ts.dialLines(key, true, true)
	c.waitFor("Type a number and press enter.")
	before := len(c.output())
	c.send(strings.Repeat("7", 300<<10) + "\r")
	c.waitFor("That is not one of the choices")
	c.send("1\r")
	c.waitFor("Press enter")
	c.send("\x03")
	out := c.waitClosed()
	if echoed := strings.Count(out[before:], "7"); echoed > maxInputLine+10 {
		t.Errorf("echoed %d of the pasted characters, more than the line bound %d", echoed, maxInputLine)
	}
	requirePlainBytes(t, out)
}
