package server

import (
	"errors"
	"log/slog"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// Config is what a Server needs. Store, Catalog, Directory and HostKey
// are required; the rest have defaults.
type Config struct {
	// Store is the progress file, shared by every session.
	Store *progress.Store
	// Catalog offers the packs, read-only, to every session.
	Catalog *catalog.Catalog
	// Directory says who owns a key and enrols new keys.
	Directory Directory
	// HostKey is the server's own key (LoadOrCreateHostKey).
	HostKey gossh.Signer
	// Logger receives start, stop, connections, enrolments and refusals;
	// nil means slog.Default().
	Logger *slog.Logger
	// Limits bound what one client can use; zero fields take defaults.
	Limits Limits
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// TimeZone is where learners with no time zone of their own count
	// their days, streaks and due cards; nil means Now's own location
	// (time.Local for time.Now). A learner's own zone comes first.
	TimeZone *time.Location
	// PublicAddress is what staff type to reach this server, HOST or
	// HOST:PORT (port 22 when left out), such as
	// learn.example-council.gov.uk:2222. It goes in the commands the server
	// tells people to run; empty means the address each connection reached.
	PublicAddress string
}

// Limits bound what clients can use. A zero field takes its default
// (DefaultLimits).
type Limits struct {
	// MaxSessions is how many connections may be open at once; more are
	// refused at once.
	MaxSessions int
	// IdleTimeout ends a session with no key pressed for this long;
	// IdleWarning is how long before that the learner is warned.
	IdleTimeout time.Duration
	IdleWarning time.Duration
	// ConnectsPerMinute is how many connections one remote address may
	// open in a minute; more are refused.
	ConnectsPerMinute int
	// MaxAuthTries is how many authentication attempts a connection may
	// make before it is dropped.
	MaxAuthTries int
	// HandshakeTimeout drops a connection that has not finished the SSH
	// handshake and authentication in this time.
	HandshakeTimeout time.Duration
	// MaxWidth and MaxHeight clamp the window size a client reports.
	MaxWidth, MaxHeight int
	// InputRate (bytes a second) and InputBurst (bytes) bound how fast a
	// session's input is read: a paste of megabytes waits in the client,
	// not in the server's memory or CPU.
	InputRate, InputBurst int
	// EnrolTries is how many wrong invite codes end the connection.
	EnrolTries int
	// TakeoverWait is how long a takeover waits for the other session to
	// save and end.
	TakeoverWait time.Duration
}

// DefaultLimits are the limits a zero Limits field takes.
var DefaultLimits = Limits{
	MaxSessions:       500,
	IdleTimeout:       30 * time.Minute,
	IdleWarning:       time.Minute,
	MaxAuthTries:      6,
	ConnectsPerMinute: 30,
	HandshakeTimeout:  30 * time.Second,
	MaxWidth:          400,
	MaxHeight:         200,
	InputRate:         4 << 10,
	InputBurst:        16 << 10,
	EnrolTries:        5,
	TakeoverWait:      5 * time.Second,
}

// withDefaults fills the zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pickD := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&l.MaxSessions, d.MaxSessions)
	pickD(&l.IdleTimeout, d.IdleTimeout)
	pickD(&l.IdleWarning, d.IdleWarning)
	pick(&l.MaxAuthTries, d.MaxAuthTries)
	pick(&l.ConnectsPerMinute, d.ConnectsPerMinute)
	pickD(&l.HandshakeTimeout, d.HandshakeTimeout)
	pick(&l.MaxWidth, d.MaxWidth)
	pick(&l.MaxHeight, d.MaxHeight)
	pick(&l.InputRate, d.InputRate)
	pick(&l.InputBurst, d.InputBurst)
	pick(&l.EnrolTries, d.EnrolTries)
	pickD(&l.TakeoverWait, d.TakeoverWait)
	if l.IdleWarning >= l.IdleTimeout {
		l.IdleWarning = l.IdleTimeout / 2
	}
	return l
}

// check reports a Config missing something required.
func (c Config) check() error {
	switch {
	case c.Store == nil:
		return errors.New("server: no progress store")
	case c.Catalog == nil:
		return errors.New("server: no catalogue")
	case c.Directory == nil:
		return errors.New("server: no directory of learners")
	case c.HostKey == nil:
		return errors.New("server: no host key")
	}
	return nil
}

// BatchDelay is how long an answer waits for other sessions' answers to
// share its commit (progress.Options.BatchDelay). With 50 learners
// answering at once, 2 ms doubles the answers a second a file commits and
// cuts the 99th percentile from 94 ms to 29 ms
// (progress BenchmarkRecordAnswerShared); a lone learner waits 2 ms more.
const BatchDelay = 2 * time.Millisecond

// StoreOptions are the progress file's options for a server: Upskill's
// review policy, and answers from concurrent sessions sharing commits.
func StoreOptions() progress.Options {
	opts := review.StoreOptions()
	opts.BatchDelay = BatchDelay
	return opts
}
