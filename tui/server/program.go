package server

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
)

// liveKey is the session context key of the session's liveSession.
type liveKey struct{}

// sessionFPS is the most frames a second each session's renderer draws
// while the session is in use. A key's effect waits at most one frame,
// 67 ms, for the screen: paced answers' feedback arrived at p50 38 ms and
// p99 72 ms at 15, against 14 and 29 ms at 60. The renderer wakes this
// often even when nothing changes, so a quiet session stops it
// altogether (pause.go).
const sessionFPS = 15

// newProgram builds the session's own Bubble Tea program (wish's
// bubbletea middleware runs it and feeds it window changes). Its input is
// rate-limited, its window clamped, and it sees only the allowed client
// variables; its colour profile is worked out from those (the client's
// TERM), never from the server's terminal or environment.
func (s *Server) newProgram(sess ssh.Session) *tea.Program {
	id, err := sessionIdentity(sess)
	if err != nil {
		s.log.Error("session", "err", err.Error())
		return nil
	}
	pty, _, _ := sess.Pty()
	env := clientEnv(sess.Environ(), pty.Term)
	lines := environ(env)
	w, h := s.clamp(pty.Window.Width, pty.Window.Height)
	ctx, cancel := context.WithCancel(sess.Context())
	input := newLimitedInput(ctx, sess, s.limits.InputRate, s.limits.InputBurst, s.now)
	pz := newPauser(newPausableInput(ctx, input), &pausableOutput{w: sess}, s.pauseAfter())
	live := &liveSession{done: make(chan struct{}), pauser: pz}
	model := newSessionModel(s, live, id, env, w, h)
	model.local = sess.LocalAddr()
	program := tea.NewProgram(model,
		tea.WithInput(pz.input),
		tea.WithOutput(pz.output),
		tea.WithEnvironment(lines),
		tea.WithColorProfile(colorprofile.Env(lines)),
		tea.WithWindowSize(w, h),
		tea.WithoutSignalHandler(), // the server owns SIGINT and SIGTERM
		tea.WithFilter(s.filterFor(sess.Context(), pz)),
		tea.WithFPS(sessionFPS),
	)
	live.program = program
	if !s.sessions.add(live) {
		cancel()
		writeLines(sess, farewell(endShutdown, 0)+"\n")
		return nil
	}
	pz.program = program
	sess.Context().SetValue(liveKey{}, live)
	go s.watchIdle(ctx, program, input)
	go pz.watch(ctx)
	go func() {
		<-sess.Context().Done()
		cancel()
	}()
	return program
}

// filterFor is the session's message filter: filter, and a quit sent
// because the client has gone (wish's middleware quits the program when
// the connection drops) becomes an end that saves first, as the
// learner's own quit does.
func (s *Server) filterFor(sessCtx context.Context, pz *pauser) func(tea.Model, tea.Msg) tea.Msg {
	return func(m tea.Model, msg tea.Msg) tea.Msg {
		if msg = pz.filter(msg); msg == nil {
			return nil
		}
		if _, ok := msg.(tea.QuitMsg); ok && sessCtx.Err() != nil {
			if sm, ok := m.(*sessionModel); ok && sm.phase == phaseLearn && !sm.ending {
				return endMsg{reason: endDisconnected}
			}
		}
		return s.filter(m, msg)
	}
}

// filter clamps window sizes to the limits and keeps a client's suspend
// key (ctrl+z) from suspending the program.
func (s *Server) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = s.clamp(msg.Width, msg.Height)
		if s.observe != nil {
			s.observe(msg)
		}
		return msg
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// clamp keeps a window size within 1 and the limits.
func (s *Server) clamp(w, h int) (int, int) {
	return min(max(w, 1), s.limits.MaxWidth), min(max(h, 1), s.limits.MaxHeight)
}

// farewell runs after the program has ended: it writes why the session
// closed, frees the learner for another session, and lets a takeover
// waiting on this session go on.
func (s *Server) farewell(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		live, ok := sess.Context().Value(liveKey{}).(*liveSession)
		if ok {
			s.sessions.remove(live)
			text := "Your progress is saved. See you next time."
			if final := live.final.Load(); final != nil {
				text = *final
			}
			writeLines(sess, "\n"+text+"\n")
			close(live.done)
		}
		next(sess)
	}
}

// logSession logs each session's start and end, with the remote address,
// key fingerprint and learner; never key material or answers.
func (s *Server) logSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		remote := sess.RemoteAddr().String()
		s.log.Info("session start", "remote", remote)
		next(sess)
		attrs := []any{"remote", remote}
		if id, err := sessionIdentity(sess); err == nil {
			attrs = append(attrs, "key", id.fingerprint)
			if id.learner != nil {
				attrs = append(attrs, "learner", id.learner.ID)
			}
		}
		s.log.Info("session end", attrs...)
	}
}
