package server

import (
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui/accessible"
)

// The accessible mode over SSH: a session runs tui/accessible, plain
// lines one after another with no escape sequence, instead of the
// full-screen program when the client has no pty (ssh -T), sets
// ACCESSIBLE (ssh -o SetEnv=ACCESSIBLE=1), or the learner has saved the
// accessible mode as their setting. Input goes through the session's rate
// limit and then lineReader, the line discipline; the enrolment code and
// the takeover question are asked as lines too. Idle warnings, takeovers
// and shutdown reach it as they reach a program (lineSession.Send).

// accessibleHint is the farewell of a full-screen session whose learner
// asked for the accessible mode: it cannot switch mid-session.
const accessibleHint = "To use the line-by-line accessible mode, connect with: ssh -o SetEnv=ACCESSIBLE=1 HOST (or ssh -T HOST). Your progress is saved."

// lineMode runs the accessible mode for the sessions that want it (see
// wantsLines) and passes the others on to the full-screen program.
func (s *Server) lineMode(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		id, err := sessionIdentity(sess)
		if err != nil {
			s.log.Error("session", "err", err.Error())
			return
		}
		pty, _, hasPty := sess.Pty()
		if !s.wantsLines(clientEnv(sess.Environ(), pty.Term), id, hasPty) {
			next(sess)
			return
		}
		s.runLines(sess, id, hasPty)
	}
}

// wantsLines reports whether a session gets the accessible mode: no pty,
// ACCESSIBLE set (as cmd/upskill reads it: anything but empty, 0 or
// false), or the learner's saved setting. A setting that cannot be read
// counts as not saved: the full-screen program then says what is wrong.
func (s *Server) wantsLines(env map[string]string, id identity, hasPty bool) bool {
	if !hasPty {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(env["ACCESSIBLE"])) {
	case "", "0", "false":
	default:
		return true
	}
	if id.learner == nil || s.cfg.Store == nil {
		return false
	}
	set, err := s.cfg.Store.Settings(id.learner.ID)
	return err == nil && set.Accessible
}

// lineSession is a running accessible session, as the registry and the
// idle watcher reach it.
type lineSession struct {
	srv    *Server
	live   *liveSession
	out    *lockedWriter
	cancel context.CancelFunc
}

// Send takes the server's messages: an end cancels the session (the
// accessible mode then quits as at the end of input, everything saved),
// and an idle warning is written as a line.
func (l *lineSession) Send(msg tea.Msg) {
	switch msg := msg.(type) {
	case endMsg:
		if text := farewell(msg.reason, l.srv.limits.IdleTimeout); text != "" {
			l.live.setFinal(text)
		}
		l.cancel()
	case idleWarningMsg:
		_, _ = io.WriteString(l.out, "\n"+idleWarning(msg.left)+"\n")
	}
}

// idleWarning is the warning that a session will close for idleness.
func idleWarning(left time.Duration) string {
	return "No key pressed for a while: Upskill will close in " + minutes(left) + " unless you press a key."
}

// lockedWriter serialises writes from the session and the server (an
// idle warning).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
	// before, when set (by tests, through Server.observe), sees each
	// write before it is sent.
	before func(linesWrite)
}

// linesWrite is what an accessible session writes, as Server.observe
// sees it.
type linesWrite string

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.before != nil {
		l.before(linesWrite(p))
	}
	return l.w.Write(p)
}

// runLines serves one session in the accessible mode: the enrolment code
// for a new key, the takeover question when the learner is open
// elsewhere, then tui/accessible for the learner until they quit, the
// input ends or the server ends the session.
func (s *Server) runLines(sess ssh.Session, id identity, hasPty bool) {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	out := &lockedWriter{w: sess}
	if s.observe != nil {
		out.before = func(w linesWrite) { s.observe(w) }
	}
	input := newLimitedInput(ctx, sess, s.limits.InputRate, s.limits.InputBurst, s.now)
	var echo io.Writer
	if hasPty {
		echo = out
	}
	lines := &lineInput{r: newLineReader(newCancelReader(ctx, input), echo)}
	live := &liveSession{done: make(chan struct{})}
	ls := &lineSession{srv: s, live: live, out: out, cancel: cancel}
	live.program = ls
	if !s.sessions.add(live) {
		writeLines(sess, farewell(endShutdown, 0)+"\n")
		return
	}
	defer func() {
		s.sessions.remove(live)
		if final := live.final.Load(); final != nil {
			_, _ = io.WriteString(out, "\n"+*final+"\n")
		}
		close(live.done)
	}()
	go s.watchIdle(ctx, ls, input)
	s.log.Info("accessible mode", "key", id.fingerprint, "pty", hasPty)

	p := id.learner
	if p == nil {
		enrolled, ok := s.enrolLines(ctx, lines, out, id, live)
		if !ok {
			return
		}
		p = &enrolled
		id.learner = p
		sess.Context().SetValue(identityKey{}, id)
	}
	if !s.claimLines(ctx, lines, out, *p, live) {
		return
	}
	s.log.Info("learner", "learner", p.ID, "key", id.fingerprint, "mode", "accessible")
	err := accessible.Run(ctx, accessible.Options{Store: s.cfg.Store, Catalog: s.cfg.Catalog, Profile: p.Name, OneLearner: true,
		In: lines, Out: out, Now: s.cfg.Now})
	if err != nil {
		s.log.Error("accessible mode", "learner", p.ID, "err", err.Error())
	}
}

// lineInput reads the session's lines for the enrolment and takeover
// questions, and hands what is left to the accessible mode.
type lineInput struct{ r *lineReader }

func (l *lineInput) Read(p []byte) (int, error) { return l.r.Read(p) }

// readLine reads one line for a question; ok is false when the input has
// ended or the session is ending.
func (l *lineInput) readLine(ctx context.Context) (string, bool) {
	var b []byte
	one := make([]byte, 1)
	for {
		n, err := l.r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				return strings.TrimSpace(string(b)), ctx.Err() == nil
			}
			b = append(b, one[0])
		}
		if err != nil || ctx.Err() != nil {
			return "", false
		}
	}
}

// say writes lines to the session.
func say(w io.Writer, lines ...string) {
	for _, l := range lines {
		_, _ = io.WriteString(w, l+"\n")
	}
}

// enrolLines asks a new key for its code, as the enrolment screen does,
// and returns the learner it was bound to; ok is false when the session
// ends first or too many codes were wrong.
func (s *Server) enrolLines(ctx context.Context, lines *lineInput, out io.Writer, id identity, live *liveSession) (progress.Profile, bool) {
	say(out, "Welcome to Upskill.", "This computer's key is new to Upskill.",
		"Type the code your trainer gave you, then press Enter.",
		"Adding this computer to your account? Type the code from: ssh HOST keys code",
		"No code? Ask your trainer for one. To leave, press Control and D.")
	wrong := 0
	for {
		say(out, "Code:")
		line, ok := lines.readLine(ctx)
		if !ok {
			return progress.Profile{}, false
		}
		if line == "" {
			continue
		}
		why := ""
		code, valid := ParseCode(line)
		if !valid {
			why = "Codes are letters, numbers and hyphens."
		} else {
			p, device, err := s.redeemCode(code, id, s.now())
			if err == nil {
				s.logEnrolled(id.fingerprint, p.ID, device)
				return p, true
			}
			s.log.Info("enrolment refused", "key", id.fingerprint, "wrong_codes", wrong+1)
			why = refusal(err)
		}
		wrong++
		left := s.limits.EnrolTries - wrong
		if left <= 0 {
			live.setFinal(farewell(endEnrolTries, 0))
			return progress.Profile{}, false
		}
		tries := strconv.Itoa(left) + " tries"
		if left == 1 {
			tries = "1 try"
		}
		check := " Check it and type it again"
		if strings.HasSuffix(why, ", or") {
			check = " check it and type it again"
		}
		say(out, why+check+" ("+tries+" left).")
	}
}

// claimLines makes this session the learner's, asking first whether to
// take over when another session holds them; false when the learner
// keeps the other one, or the session ends.
func (s *Server) claimLines(ctx context.Context, lines *lineInput, out io.Writer, p progress.Profile, live *liveSession) bool {
	if s.sessions.claim(p.ID, live) == nil {
		return true
	}
	say(out, "Welcome back, "+p.Name+".", "You already have Upskill open in another window.",
		"Take it over here? Your progress there is saved first.", "Type y for yes, carry on here, or n for no, leave this one.")
	for {
		line, ok := lines.readLine(ctx)
		if !ok {
			return false
		}
		switch strings.ToLower(line) {
		case "y", "yes":
			s.log.Info("takeover", "learner", p.ID)
			s.takeOverLearner(p.ID, live)
			return true
		case "n", "no", "q":
			live.setFinal("Your other Upskill window stays open.")
			return false
		}
		say(out, "Type y or n.")
	}
}

// cancelReader reads r on its own goroutine so that a read waiting for
// the client ends, with io.EOF, as soon as ctx ends (a shutdown, a
// takeover or the idle timeout); the goroutine ends when r does.
type cancelReader struct {
	ctx    context.Context
	chunks chan []byte
	rest   []byte
}

func newCancelReader(ctx context.Context, r io.Reader) *cancelReader {
	c := &cancelReader{ctx: ctx, chunks: make(chan []byte)}
	go func() {
		defer close(c.chunks)
		for {
			buf := make([]byte, 512)
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case c.chunks <- buf[:n]:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		select {
		case <-c.ctx.Done():
			return 0, io.EOF
		case chunk, ok := <-c.chunks:
			if !ok {
				return 0, io.EOF
			}
			c.rest = chunk
		}
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}
