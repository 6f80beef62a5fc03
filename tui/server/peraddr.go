package server

import (
	"net"
	"sync"
	"time"
)

// addrLimiter allows each remote address a number of connections a
// minute, so one machine cannot try key after key, or code after code,
// without pause.
type addrLimiter struct {
	perMinute int
	now       func() time.Time

	mu   sync.Mutex
	seen map[string][]time.Time // connection times in the last minute
}

func newAddrLimiter(perMinute int, now func() time.Time) *addrLimiter {
	return &addrLimiter{perMinute: perMinute, now: now, seen: map[string][]time.Time{}}
}

// allow records a connection from addr and reports whether it is within
// the limit.
func (a *addrLimiter) allow(addr net.Addr) bool {
	host := addr.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	cutoff := now.Add(-time.Minute)
	if len(a.seen) > 10000 {
		for h, times := range a.seen {
			if times[len(times)-1].Before(cutoff) {
				delete(a.seen, h)
			}
		}
	}
	times := a.seen[host]
	for len(times) > 0 && !times[0].After(cutoff) {
		times = times[1:]
	}
	if len(times) >= a.perMinute {
		a.seen[host] = times
		return false
	}
	a.seen[host] = append(times, now)
	return true
}
