package server

import (
	"context"
)

// watchIdle warns the session IdleWarning before IdleTimeout passes with
// no input, clears the warning when input comes, and ends the session
// when the timeout passes. It stops when ctx ends.
func (s *Server) watchIdle(ctx context.Context, program messenger, input *limitedInput) {
	warned := false
	for {
		last := input.lastInput()
		at := last.Add(s.limits.IdleTimeout - s.limits.IdleWarning)
		if warned {
			at = last.Add(s.limits.IdleTimeout)
		}
		if err := sleepCtx(ctx, at.Sub(s.now())); err != nil {
			return
		}
		switch {
		case input.lastInput() != last && warned:
			warned = false
			program.Send(idleClearMsg{})
		case input.lastInput() != last:
		case !warned:
			warned = true
			program.Send(idleWarningMsg{left: s.limits.IdleWarning})
		default:
			program.Send(endMsg{reason: endIdle})
			return
		}
	}
}
