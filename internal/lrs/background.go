package lrs

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"
)

// Background sends the outbox while a program runs: everything queued at
// start, then soon after new statements are queued ([Background.Notify],
// with a short delay so that a burst goes in one batch), waiting with
// backoff after a failure. It never polls busily: with nothing signalled
// it looks again only every Poll. Stopping (the context ending) abandons
// a request in flight: nothing is removed from the outbox that the LRS
// did not acknowledge, so the next sender sends it again.
type Background struct {
	client *Client
	logger *slog.Logger
	wake   chan struct{}
	// Delay is how long to wait after a Notify before sending, so that
	// the statements of a burst go together (default 2 s).
	Delay time.Duration
	// Poll is how often to look with nothing signalled, for statements
	// queued by another program on the same file (default 10 minutes).
	Poll time.Duration
	// Backoff is the first wait after a Send that failed (default 30 s);
	// each further failure doubles it, up to MaxBackoff (default 15
	// minutes), drawn at random from the upper half.
	Backoff, MaxBackoff time.Duration
}

// NewBackground returns a background sender using client, logging to
// logger (nil logs nothing). Its logs hold counts and errors, never a
// secret or a statement's body.
func NewBackground(client *Client, logger *slog.Logger) *Background {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Background{client: client, logger: logger, wake: make(chan struct{}, 1),
		Delay: 2 * time.Second, Poll: 10 * time.Minute, Backoff: 30 * time.Second, MaxBackoff: 15 * time.Minute}
}

// Notify says statements were queued. It never blocks: it is the progress
// store's Options.OnQueued.
func (b *Background) Notify() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends, then returns.
func (b *Background) Run(ctx context.Context, out Outbox) {
	b.logger.Info("lrs sender started", "lrs", b.client.cfg.Endpoint)
	defer b.logger.Info("lrs sender stopped")
	failures := 0
	for {
		rep, err := b.client.Send(ctx, out)
		if rep.Sent > 0 || rep.Rejected > 0 {
			b.logger.Info("lrs sent", "sent", rep.Sent, "set_aside", rep.Rejected)
		}
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			failures++
			wait := b.backoff(failures)
			b.logger.Warn("lrs sending failed; the statements stay queued", "err", err.Error(), "retry_in", wait.Round(time.Second).String())
			if sleepCtx(ctx, wait) != nil {
				return
			}
			continue
		}
		failures = 0
		poll := time.NewTimer(b.Poll)
		select {
		case <-ctx.Done():
			poll.Stop()
			return
		case <-poll.C:
		case <-b.wake:
			poll.Stop()
			if sleepCtx(ctx, b.Delay) != nil {
				return
			}
		}
	}
}

// backoff is the wait after the n-th failure in a row.
func (b *Background) backoff(n int) time.Duration {
	wait := b.Backoff
	for i := 1; i < n && wait < b.MaxBackoff; i++ {
		wait *= 2
	}
	wait = min(wait, b.MaxBackoff)
	return wait/2 + rand.N(wait/2+1)
}
