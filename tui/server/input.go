package server

import (
	"context"
	"io"
	"sync"
	"time"
)

// limitedInput reads a session's input no faster than a token bucket
// allows (rate bytes a second, up to burst at once), so a client pasting
// megabytes waits in its own SSH flow control instead of filling the
// server with key messages; and it notes when the learner last sent
// anything, for the idle timeout.
type limitedInput struct {
	ctx   context.Context
	r     io.Reader
	rate  float64 // bytes a second
	burst float64
	now   func() time.Time
	sleep func(context.Context, time.Duration) error

	mu     sync.Mutex
	tokens float64
	filled time.Time // when tokens was last topped up
	last   time.Time // when input last arrived
}

// newLimitedInput wraps r; reads stop waiting when ctx ends.
func newLimitedInput(ctx context.Context, r io.Reader, rate, burst int, now func() time.Time) *limitedInput {
	t := now()
	return &limitedInput{ctx: ctx, r: r, rate: float64(rate), burst: float64(burst), now: now, sleep: sleepCtx,
		tokens: float64(burst), filled: t, last: t}
}

// sleepCtx waits for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Read reads at most as many bytes as the bucket holds, waiting for at
// least one.
func (l *limitedInput) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	allowed, err := l.take(len(p))
	if err != nil {
		return 0, err
	}
	n, err := l.r.Read(p[:allowed])
	l.mu.Lock()
	l.tokens += float64(allowed - n) // give back what was not read
	if n > 0 {
		l.last = l.now()
	}
	l.mu.Unlock()
	return n, err
}

// take waits until the bucket holds at least one byte and takes up to
// want.
func (l *limitedInput) take(want int) (int, error) {
	for {
		l.mu.Lock()
		t := l.now()
		l.tokens = min(l.burst, l.tokens+t.Sub(l.filled).Seconds()*l.rate)
		l.filled = t
		if l.tokens >= 1 {
			n := min(want, int(l.tokens))
			l.tokens -= float64(n)
			l.mu.Unlock()
			return n, nil
		}
		wait := time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
		l.mu.Unlock()
		if err := l.sleep(l.ctx, max(wait, time.Millisecond)); err != nil {
			return 0, err
		}
	}
}

// lastInput is when the client last sent anything.
func (l *limitedInput) lastInput() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}
