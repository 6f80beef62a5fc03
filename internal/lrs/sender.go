package lrs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/progress"
)

// Version is the xAPI version every request declares.
const Version = "1.0.3"

// Outbox is the part of the progress store a sender uses.
type Outbox interface {
	PeekOutbox(n int) ([]progress.QueuedStatement, error)
	MarkDelivered(seqs []uint64, at time.Time) error
	RejectStatement(seq uint64, answer string, at time.Time) error
	RecordSendError(message string, at time.Time) error
}

var _ Outbox = (*progress.Store)(nil)

// Errors of sending. Test for them with errors.Is.
var (
	// ErrRefusedLogin: the LRS refused the key and secret (401 or 403).
	ErrRefusedLogin = errors.New("the LRS refused the login: check the key and secret")
	// ErrUnavailable: the LRS could not be reached, or kept failing,
	// after every retry; the statements stay queued.
	ErrUnavailable = errors.New("the LRS is unavailable")
	// ErrUnexpected: the LRS gave an answer that is none of xAPI's.
	ErrUnexpected = errors.New("unexpected answer from the LRS")
)

// Client talks to one LRS.
type Client struct {
	cfg  Config
	http *http.Client
	// sleep waits between attempts; tests may replace it.
	sleep func(ctx context.Context, d time.Duration) error
	now   func() time.Time
}

// New returns a client for the configuration, which must pass
// [Config.Check].
func New(cfg Config) (*Client, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Client{cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}, sleep: sleepCtx, now: time.Now}, nil
}

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

// Report counts what one Send did.
type Report struct {
	Sent     int // acknowledged (or found already held) and removed
	Rejected int // refused by the LRS and set aside
}

// Send sends every queued statement, oldest first, until the outbox is
// empty, and reports what it did. It stops at the first failure that
// retries did not cure (the LRS down, a refused login), keeps that error
// in the outbox's state, and returns it: the statements not acknowledged
// stay queued, to be sent by the next Send.
func (c *Client) Send(ctx context.Context, out Outbox) (Report, error) {
	var rep Report
	for {
		batch, err := out.PeekOutbox(c.cfg.BatchSize)
		if err != nil {
			return rep, err
		}
		if len(batch) == 0 {
			return rep, nil
		}
		if err := c.sendBatch(ctx, out, batch, &rep); err != nil {
			if ctx.Err() != nil { // stopped, not failed: nothing to report
				return rep, err
			}
			if rerr := out.RecordSendError(err.Error(), c.now()); rerr != nil {
				err = errors.Join(err, rerr)
			}
			return rep, err
		}
	}
}

// sendBatch sends one batch; a batch the LRS refuses (400 or 409) is
// sent again one statement at a time.
func (c *Client) sendBatch(ctx context.Context, out Outbox, batch []progress.QueuedStatement, rep *Report) error {
	status, body, err := c.post(ctx, batch)
	if err != nil {
		return err
	}
	switch {
	case status == http.StatusOK || status == http.StatusNoContent:
		ids := make([]uuid.UUID, len(batch))
		for i, q := range batch {
			ids[i] = q.ID
		}
		if status == http.StatusOK {
			if err := parseIDs(body, ids); err != nil {
				return fmt.Errorf("%w: %v", ErrUnexpected, err)
			}
		}
		return c.delivered(out, batch, rep)
	case (status == http.StatusBadRequest || status == http.StatusConflict) && len(batch) > 1:
		for _, q := range batch {
			if err := c.sendBatch(ctx, out, []progress.QueuedStatement{q}, rep); err != nil {
				return err
			}
		}
		return nil
	case status == http.StatusBadRequest:
		return c.reject(out, batch[0], answerText(status, body), rep)
	case status == http.StatusConflict:
		return c.conflict(ctx, out, batch[0], rep)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("%w (%s)", ErrRefusedLogin, answerText(status, body))
	default:
		return fmt.Errorf("%w: POST statements: %s", ErrUnexpected, answerText(status, body))
	}
}

func (c *Client) delivered(out Outbox, batch []progress.QueuedStatement, rep *Report) error {
	seqs := make([]uint64, len(batch))
	for i, q := range batch {
		seqs[i] = q.Seq
	}
	if err := out.MarkDelivered(seqs, c.now()); err != nil {
		return err
	}
	rep.Sent += len(batch)
	return nil
}

func (c *Client) reject(out Outbox, q progress.QueuedStatement, answer string, rep *Report) error {
	if err := out.RejectStatement(q.Seq, answer, c.now()); err != nil {
		return err
	}
	rep.Rejected++
	return nil
}

// conflict handles a 409 on one statement: the LRS holds a statement
// with its id. It is delivered if that statement is the one sent (an
// earlier send that was stored but not acknowledged), and set aside if
// not.
func (c *Client) conflict(ctx context.Context, out Outbox, q progress.QueuedStatement, rep *Report) error {
	status, body, err := c.request(ctx, http.MethodGet, "/statements", url.Values{"statementId": {uuid.UUID(q.ID).String()}}, nil)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("%w: reading back statement %s after a conflict: %s", ErrUnexpected, uuid.UUID(q.ID), answerText(status, body))
	}
	same, err := sameStatement(body, q.Body)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnexpected, err)
	}
	if same {
		return c.delivered(out, []progress.QueuedStatement{q}, rep)
	}
	return c.reject(out, q, "409 the LRS holds a different statement with this id", rep)
}

// post sends a batch as a JSON array.
func (c *Client) post(ctx context.Context, batch []progress.QueuedStatement) (int, []byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, q := range batch {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(q.Body)
	}
	buf.WriteByte(']')
	return c.request(ctx, http.MethodPost, "/statements", nil, buf.Bytes())
}

// request makes one request, retrying with exponential backoff and
// jitter on network errors, timeouts, 429 and 5xx. It returns the status
// and body of the first other answer, or ErrUnavailable when every
// attempt failed.
func (c *Client) request(ctx context.Context, method, path string, query url.Values, body []byte) (int, []byte, error) {
	wait := c.cfg.Retry.Initial
	var last string
	for attempt := 1; ; attempt++ {
		status, data, retryAfter, err := c.once(ctx, method, path, query, body)
		switch {
		case err != nil && ctx.Err() != nil:
			return 0, nil, ctx.Err()
		case err != nil:
			last = err.Error()
		case status == http.StatusTooManyRequests || status >= 500:
			last = answerText(status, data)
		default:
			return status, data, nil
		}
		if attempt >= c.cfg.Retry.Attempts {
			return 0, nil, fmt.Errorf("%w after %d attempts: %s", ErrUnavailable, attempt, last)
		}
		d := wait/2 + rand.N(wait/2+1) // the upper half of the wait, at random
		if retryAfter > d {
			d = min(retryAfter, c.cfg.Retry.Max)
		}
		if err := c.sleep(ctx, d); err != nil {
			return 0, nil, err
		}
		wait = min(wait*2, c.cfg.Retry.Max)
	}
}

// once makes one request. Its errors never hold the secret: the
// credentials travel in a header, never in the address.
func (c *Client) once(ctx context.Context, method, path string, query url.Values, body []byte) (int, []byte, time.Duration, error) {
	u := c.cfg.Endpoint + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return 0, nil, 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	req.Header.Set("X-Experience-API-Version", Version)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.SetBasicAuth(c.cfg.Key, c.cfg.Secret)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return 0, nil, 0, fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	return resp.StatusCode, data, retryAfter(resp.Header.Get("Retry-After")), nil
}

// retryAfter reads a Retry-After header given in seconds; anything else
// is 0.
func retryAfter(h string) time.Duration {
	if n, err := strconv.Atoi(h); err == nil && n > 0 && n < 3600 {
		return time.Duration(n) * time.Second
	}
	return 0
}

// About is what an LRS says about itself.
type About struct {
	Versions []string `json:"version"`
}

// Check asks the LRS for /about with the configured login, so that a
// wrong address, an LRS that is down, or a refused login is reported
// clearly. With AUTH on /about being optional in xAPI, it also sends an
// empty statement query, which needs the login.
func (c *Client) Check(ctx context.Context) (About, error) {
	status, body, err := c.request(ctx, http.MethodGet, "/about", nil, nil)
	if err != nil {
		return About{}, err
	}
	if status == http.StatusUnauthorized || status == http.StatusForbidden {
		return About{}, fmt.Errorf("%w (%s)", ErrRefusedLogin, answerText(status, body))
	}
	var about About
	if status != http.StatusOK || decodeJSON(body, &about) != nil || len(about.Versions) == 0 {
		return About{}, fmt.Errorf("%w: %s/about is not an xAPI LRS's: %s", ErrUnexpected, c.cfg.Endpoint, answerText(status, body))
	}
	status, body, err = c.request(ctx, http.MethodGet, "/statements", url.Values{"limit": {"1"}}, nil)
	switch {
	case err != nil:
		return About{}, err
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return About{}, fmt.Errorf("%w (%s)", ErrRefusedLogin, answerText(status, body))
	case status != http.StatusOK:
		return About{}, fmt.Errorf("%w: reading statements: %s", ErrUnexpected, answerText(status, body))
	}
	return about, nil
}
