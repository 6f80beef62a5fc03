package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// testNow is the clock of the learners' UI in these tests.
var testNow = time.Date(2026, time.November, 26, 9, 30, 0, 0, time.UTC)

// waitLimit bounds every wait, so that a broken server fails a test
// instead of hanging it; it is not a speed requirement.
const waitLimit = 20 * time.Second

// fakeDirectory is an in-memory Directory: keys by fingerprint, and
// single-use invite codes.
type fakeDirectory struct {
	mu      sync.Mutex
	keys    map[string]progress.Profile
	codes   map[string]progress.Profile
	lookups []string
}

func newFakeDirectory() *fakeDirectory {
	return &fakeDirectory{keys: map[string]progress.Profile{}, codes: map[string]progress.Profile{}}
}

func (d *fakeDirectory) LearnerByKey(fp string) (progress.Profile, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.lookups = append(d.lookups, fp)
	p, ok := d.keys[fp]
	if !ok {
		return progress.Profile{}, fmt.Errorf("key %s: %w", fp, progress.ErrNotFound)
	}
	return p, nil
}

func (d *fakeDirectory) Enrol(code, fp, authorizedKey string, _ time.Time) (progress.Profile, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.codes[code]
	if !ok {
		return progress.Profile{}, errors.New("no such invite")
	}
	if !strings.HasPrefix(authorizedKey, "ssh-ed25519 ") {
		return progress.Profile{}, errors.New("not an authorized_keys line")
	}
	delete(d.codes, code)
	d.keys[fp] = p
	return p, nil
}

// lookedUp is every fingerprint the server asked about.
func (d *fakeDirectory) lookedUp() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.lookups...)
}

// testServer is a server on a loopback port with a real progress file.
type testServer struct {
	t      testing.TB
	srv    *Server
	addr   string
	store  *progress.Store
	dir    *fakeDirectory
	served chan error
	logs   *syncBuffer
}

// syncBuffer is a bytes buffer safe for the logger and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer serves the test pack on 127.0.0.1:0 with the given limits,
// and stops it when the test ends.
func startServer(t testing.TB, limits Limits, observe func(any)) *testServer {
	t.Helper()
	return startServerWith(t, limits, observe, nil)
}

// startServerWith is startServer with the directory made from the store
// by dir; nil means the test's fake directory.
func startServerWith(t testing.TB, limits Limits, observe func(any), dir func(*progress.Store) Directory) *testServer {
	t.Helper()
	store, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	pack, err := lessons.Load(os.DirFS("../testdata/pack"))
	if err != nil {
		t.Fatalf("load test pack: %v", err)
	}
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	hostKey, err := LoadOrCreateHostKey(filepath.Join(t.TempDir(), "ssh_host_ed25519"))
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, store: store, dir: newFakeDirectory(), served: make(chan error, 1), logs: &syncBuffer{}}
	var directory Directory = ts.dir
	if dir != nil {
		directory = dir(store)
	}
	ts.srv, err = New(Config{Store: store, Catalog: cat, Directory: directory, HostKey: hostKey, Limits: limits,
		Logger: slog.New(slog.NewTextHandler(ts.logs, nil)), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	ts.srv.observe = observe
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = l.Addr().String()
	go func() { ts.served <- ts.srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = ts.srv.Shutdown(ctx)
		store.Close()
	})
	return ts
}

// learner creates a profile in the file and gives its key to the
// directory; it returns the key.
func (ts *testServer) learner(name string) gossh.Signer {
	ts.t.Helper()
	p, err := ts.store.CreateProfile(name, "staff", testNow)
	if err != nil {
		ts.t.Fatal(err)
	}
	key := newKey(ts.t)
	ts.dir.mu.Lock()
	ts.dir.keys[gossh.FingerprintSHA256(key.PublicKey())] = p
	ts.dir.mu.Unlock()
	return key
}

// invite creates a profile and a one-time code for it.
func (ts *testServer) invite(name, code string) {
	ts.t.Helper()
	p, err := ts.store.CreateProfile(name, "staff", testNow)
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.dir.mu.Lock()
	ts.dir.codes[code] = p
	ts.dir.mu.Unlock()
}

// newKey makes an ed25519 key.
func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// client is an SSH session with a pty, its screen read through a
// terminal emulator.
type client struct {
	t      testing.TB
	conn   *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	emu    *vt.Emulator
	raw    strings.Builder
	closed chan struct{}
}

// clientOptions shape a connection.
type clientOptions struct {
	auth          []gossh.AuthMethod
	authCallback  func(*gossh.ClientAuthContext) (gossh.AuthMethod, error)
	env           map[string]string
	width, height int // the pty size the client reports; 80×24 if zero
	screenW       int // the emulator's size, when not the pty's
	screenH       int
}

// dial connects, requests a pty and a shell.
func (ts *testServer) dial(opts clientOptions) *client {
	ts.t.Helper()
	c, err := ts.tryDial(opts)
	if err != nil {
		ts.t.Fatalf("connect: %v", err)
	}
	return c
}

// tryDial is dial that returns the connection error.
func (ts *testServer) tryDial(opts clientOptions) (*client, error) {
	t := ts.t
	if opts.width == 0 {
		opts.width, opts.height = 80, 24
	}
	if opts.screenW == 0 {
		opts.screenW, opts.screenH = opts.width, opts.height
	}
	conn, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "learner", Auth: opts.auth, AuthCallback: opts.authCallback, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { conn.Close() })
	sess, err := conn.NewSession()
	if err != nil {
		return nil, err
	}
	for k, v := range opts.env {
		if err := sess.Setenv(k, v); err != nil {
			return nil, fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	if err := sess.RequestPty("xterm-256color", opts.height, opts.width, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &client{t: t, conn: conn, sess: sess, stdin: stdin, emu: vt.NewEmulator(opts.screenW, opts.screenH), closed: make(chan struct{})}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go c.read(stdout)
	go c.answerQueries()
	return c, nil
}

// read feeds the screen until the session ends.
func (c *client) read(r io.Reader) {
	defer close(c.closed)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			c.mu.Lock()
			c.emu.Write(buf[:n])
			c.raw.Write(buf[:n])
			c.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// answerQueries sends the emulator's replies (the background colour) to
// the server, as a terminal does.
func (c *client) answerQueries() {
	buf := make([]byte, 1024)
	for {
		n, err := c.emu.Read(buf)
		if n > 0 {
			if _, werr := c.stdin.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// screen is the emulated screen's text.
func (c *client) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.emu.String()
}

// output is everything received, without escape sequences.
func (c *client) output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.raw.String())
}

// waitFor waits for the screen to show want.
func (c *client) waitFor(want string) {
	c.t.Helper()
	c.waitUntil(fmt.Sprintf("the screen shows %q", want), func(s string) bool { return strings.Contains(s, want) })
}

// waitUntil waits for the screen to meet cond.
func (c *client) waitUntil(what string, cond func(screen string) bool) {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond(c.screen()) {
		if time.Now().After(deadline) {
			c.t.Fatalf("not so: %s:\n%s", what, c.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitClosed waits for the server to end the session, and returns all
// the text received.
func (c *client) waitClosed() string {
	c.t.Helper()
	select {
	case <-c.closed:
	case <-time.After(waitLimit):
		c.t.Fatalf("the session is still open:\n%s", c.screen())
	}
	return c.output()
}

// press types keys: "enter", "ctrl+c", "backspace", or text. (No escape:
// a lone ESC followed quickly by a key reads as alt+key, and telling them
// apart would need a pause, which tests do not take.)
func (c *client) press(keys ...string) {
	c.t.Helper()
	named := map[string]string{"enter": "\r", "ctrl+c": "\x03", "backspace": "\x7f"}
	for _, k := range keys {
		seq, ok := named[k]
		if !ok {
			seq = k
		}
		if _, err := io.WriteString(c.stdin, seq); err != nil {
			c.t.Fatalf("send %q: %v", k, err)
		}
	}
}

// keyAuth authenticates with the given keys, in order.
func keyAuth(keys ...gossh.Signer) []gossh.AuthMethod {
	return []gossh.AuthMethod{gossh.PublicKeys(keys...)}
}

// rawOutput is everything received, escape sequences and all.
func (c *client) rawOutput() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw.String()
}
