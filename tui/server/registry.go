package server

import (
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// messenger is what the server tells a running session (an end, an idle
// warning): a Bubble Tea program, or an accessible session (lines.go).
type messenger interface{ Send(tea.Msg) }

// liveSession is one running session's program, known to the registry so
// that a takeover or a shutdown can reach it.
type liveSession struct {
	program messenger
	// done is closed when the session's program has ended and saved.
	done chan struct{}
	// final is written to the client after the program ends: why the
	// session closed.
	final atomic.Pointer[string]
	// pauser stops the program's renderer while the session is quiet.
	pauser *pauser
}

// setFinal records the line to write when the program has ended.
func (l *liveSession) setFinal(text string) { l.final.Store(&text) }

// registry is every live session, and which one holds each learner.
type registry struct {
	mu        sync.Mutex
	all       map[*liveSession]struct{}
	byLearner map[uint64]*liveSession
	closing   bool
}

func newRegistry() *registry {
	return &registry{all: map[*liveSession]struct{}{}, byLearner: map[uint64]*liveSession{}}
}

// add records a new session; false once the server is shutting down.
func (r *registry) add(s *liveSession) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closing {
		return false
	}
	r.all[s] = struct{}{}
	return true
}

// count is how many sessions are live.
func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.all)
}

// paused is how many live sessions have their renderer stopped.
func (r *registry) paused() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for s := range r.all {
		if s.pauser != nil && s.pauser.paused.Load() {
			n++
		}
	}
	return n
}

// remove forgets a session that has ended, and frees its learner.
func (r *registry) remove(s *liveSession) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.all, s)
	for id, holder := range r.byLearner {
		if holder == s {
			delete(r.byLearner, id)
		}
	}
}

// claim makes s the holder of learner id if no session holds it, and
// returns nil; otherwise it returns the holder and changes nothing.
func (r *registry) claim(id uint64, s *liveSession) *liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	if holder, ok := r.byLearner[id]; ok && holder != s {
		return holder
	}
	r.byLearner[id] = s
	return nil
}

// takeOver makes s the holder of learner id and returns the session that
// held it, if any, which the caller must end.
func (r *registry) takeOver(id uint64, s *liveSession) *liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.byLearner[id]
	r.byLearner[id] = s
	if old == s {
		return nil
	}
	return old
}

// closeAll refuses new sessions and returns those open.
func (r *registry) closeAll() []*liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closing = true
	out := make([]*liveSession, 0, len(r.all))
	for s := range r.all {
		out = append(out, s)
	}
	return out
}
