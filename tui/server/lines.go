package server

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

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
