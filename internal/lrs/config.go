// Package lrs sends the statements queued in the progress store's outbox
// to a Learning Record Store over xAPI 1.0.3: in batches, with
// exponential backoff and jitter on network errors, 429, 5xx and
// timeouts; a batch the LRS refuses (400) is sent again one statement at
// a time so that one bad statement is set aside with the LRS's answer and
// the rest go; a 409 (an id the LRS holds already) counts as delivered
// only when the statement it holds is the one sent. A statement leaves
// the outbox only once the LRS has acknowledged it. See docs/xapi.md.
package lrs

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Config says where and how to send.
type Config struct {
	// Endpoint is the LRS's xAPI endpoint, such as
	// "https://lrs.council.gov.uk/data/xAPI"; statements go to
	// Endpoint/statements.
	Endpoint string
	// Key and Secret are the Basic auth credentials. Secret never
	// appears in an error or a log ([Config.String] hides it).
	Key, Secret string
	// Timeout bounds each request; zero means 30 seconds.
	Timeout time.Duration
	// BatchSize is how many statements one POST carries; zero means 100.
	BatchSize int
	// Retry shapes the backoff; zero values take the defaults.
	Retry Retry
}

// Retry is the backoff between attempts at a request that failed for a
// reason that may pass (a network error, a timeout, 429 or 5xx).
type Retry struct {
	// Initial is the first wait (default 500 ms); each wait doubles, up to
	// Max (default 30 s), and is drawn at random from its upper half.
	Initial, Max time.Duration
	// Attempts is how many times a request is tried before Send gives up
	// for now (default 6).
	Attempts int
}

// String describes the configuration without its secret.
func (c Config) String() string {
	secret := "not set"
	if c.Secret != "" {
		secret = "set"
	}
	return fmt.Sprintf("LRS %s (key %q, secret %s)", c.Endpoint, c.Key, secret)
}

// GoString is String, so that %#v does not show the secret either.
func (c Config) GoString() string { return c.String() }

// ErrConfig is returned for a configuration that cannot be used.
var ErrConfig = errors.New("bad LRS configuration")

// Check reports what is wrong with the configuration: an endpoint that is
// not an absolute http(s) address, or one with credentials in it.
func (c Config) Check() error {
	u, err := url.Parse(c.Endpoint)
	switch {
	case c.Endpoint == "":
		return fmt.Errorf("%w: no endpoint", ErrConfig)
	case err != nil, u.Scheme != "http" && u.Scheme != "https", u.Host == "":
		return fmt.Errorf("%w: the endpoint %q is not an http or https address", ErrConfig, redactURL(c.Endpoint))
	case u.User != nil:
		return fmt.Errorf("%w: the endpoint must not hold credentials; give the key and secret separately", ErrConfig)
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%w: the endpoint %q must not have a query", ErrConfig, redactURL(c.Endpoint))
	case c.Key == "" || c.Secret == "":
		return fmt.Errorf("%w: a key and a secret are needed", ErrConfig)
	}
	return nil
}

// redactURL hides any credentials in an address.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		u.User = url.User("REDACTED")
		return u.String()
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		return "REDACTED@" + s[i+1:]
	}
	return s
}

func (c Config) withDefaults() Config {
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 100
	}
	if c.Retry.Initial <= 0 {
		c.Retry.Initial = 500 * time.Millisecond
	}
	if c.Retry.Max <= 0 {
		c.Retry.Max = 30 * time.Second
	}
	if c.Retry.Attempts <= 0 {
		c.Retry.Attempts = 6
	}
	c.Endpoint = strings.TrimRight(c.Endpoint, "/")
	return c
}
