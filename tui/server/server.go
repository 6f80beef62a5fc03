package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// Server serves Upskill over SSH. Make one with New, run it with Serve,
// stop it with Shutdown.
type Server struct {
	cfg      Config
	limits   Limits
	log      *slog.Logger
	now      func() time.Time
	ssh      *ssh.Server
	sessions *registry
	open     atomic.Int64 // connections open now
	perAddr  *addrLimiter
	// observe, when set (by tests), sees every window size a program is
	// given, after clamping.
	observe func(any)
	// quietPause, when set (by tests), replaces pauseAfter.
	quietPause time.Duration
}

// pauseAfter is how long a session stays quiet before its renderer is
// stopped (pause.go).
func (s *Server) pauseAfter() time.Duration {
	if s.quietPause > 0 {
		return s.quietPause
	}
	return pauseAfter
}

// New checks cfg and builds the server; it listens only in Serve.
func New(cfg Config) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, limits: cfg.Limits.withDefaults(), log: cfg.Logger, now: cfg.Now, sessions: newRegistry()}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.perAddr = newAddrLimiter(s.limits.ConnectsPerMinute, time.Now)
	s.ssh = &ssh.Server{
		Version:                    "Upskill",
		HostSigners:                []ssh.Signer{cfg.HostKey},
		PublicKeyHandler:           s.publicKey,
		KeyboardInteractiveHandler: s.noKey,
		ServerConfigCallback: func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{MaxAuthTries: s.limits.MaxAuthTries}
		},
		ConnCallback:             s.admit,
		ConnectionFailedCallback: s.connectionFailed,
		HandshakeTimeout:         s.limits.HandshakeTimeout,
		// A backstop for connections that never open a session; a
		// session's own idle timeout (idle.go) ends it before this.
		IdleTimeout: s.limits.IdleTimeout + 2*time.Minute,
	}
	// Composed innermost first: logging runs first, the farewell last.
	mw := wish.WithMiddleware(
		s.farewell,
		bubbletea.MiddlewareWithProgramHandler(s.newProgram),
		s.lineMode,
		s.commands,
		s.identify,
		s.logSession,
	)
	if err := s.ssh.SetOption(mw); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	return s, nil
}

// Serve accepts connections on l until Shutdown; it returns nil after a
// Shutdown, and the listener's error otherwise.
func (s *Server) Serve(l net.Listener) error {
	s.log.Info("serving", "addr", l.Addr().String(), "max_sessions", s.limits.MaxSessions, "idle_timeout", s.limits.IdleTimeout.String())
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return fmt.Errorf("serve: %w", err)
}

// Shutdown stops accepting connections, tells every session that Upskill
// is restarting, lets each program quit as the learner's own quit does
// (saving), then closes the connections. When ctx ends before every
// session has saved, the rest are cut and ctx's error is returned. The
// caller closes the store afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.log.Info("stopping", "connections", s.open.Load())
	stopped := make(chan error, 1)
	go func() { stopped <- s.ssh.Shutdown(ctx) }() // closes the listeners at once
	live := s.sessions.closeAll()
	for _, ls := range live {
		go ls.program.Send(endMsg{reason: endShutdown})
	}
	var err error
	for _, ls := range live {
		select {
		case <-ls.done:
		case <-ctx.Done():
			err = fmt.Errorf("shutdown: sessions still saving: %w", ctx.Err())
		}
		if err != nil {
			break
		}
	}
	// Clients close their connection when their session ends; give them
	// a moment, then close what is left.
	grace, cancel := context.WithTimeout(ctx, shutdownGrace)
	defer cancel()
	select {
	case <-stopped:
	case <-grace.Done():
		_ = s.ssh.Close()
		<-stopped
	}
	if err != nil {
		return err
	}
	s.log.Info("stopped")
	return nil
}

// shutdownGrace is how long Shutdown waits, after every session has
// ended, for clients to close their connections themselves.
const shutdownGrace = time.Second

// admit refuses a connection beyond MaxSessions or its address's
// ConnectsPerMinute, and counts the others until they close.
func (s *Server) admit(_ ssh.Context, conn net.Conn) net.Conn {
	if !s.perAddr.allow(conn.RemoteAddr()) {
		s.log.Warn("refused", "remote", conn.RemoteAddr().String(), "reason", "too many connections from this address", "per_minute", s.limits.ConnectsPerMinute)
		return nil
	}
	if n := s.open.Add(1); n > int64(s.limits.MaxSessions) {
		s.open.Add(-1)
		s.log.Warn("refused", "remote", conn.RemoteAddr().String(), "reason", "too many sessions", "max_sessions", s.limits.MaxSessions)
		return nil
	}
	return &countedConn{Conn: conn, release: func() { s.open.Add(-1) }}
}

// connectionFailed logs a connection that did not get through the
// handshake or authentication.
func (s *Server) connectionFailed(conn net.Conn, err error) {
	s.log.Info("refused", "remote", conn.RemoteAddr().String(), "reason", err.Error())
}

// countedConn calls release once, when it is first closed.
type countedConn struct {
	net.Conn
	once    atomic.Bool
	release func()
}

// Close closes the connection and releases its place.
func (c *countedConn) Close() error {
	if c.once.CompareAndSwap(false, true) {
		c.release()
	}
	return c.Conn.Close()
}
