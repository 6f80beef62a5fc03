package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"ABCD-2345", "ABCD-2345", true},
		{"  abcd-2345 \t", "ABCD-2345", true},
		{"ABCD 2345", "ABCD2345", true},
		{"", "", false},
		{"   ", "", false},
		{"ABCD\x1b[2J", "", false},
		{"ABCD\n2345", "", false},
		{"ÄBCD", "", false},
		{strings.Repeat("A", maxCodeLen), strings.Repeat("A", maxCodeLen), true},
		{strings.Repeat("A", maxCodeLen+1), "", false},
	}
	for _, tt := range tests {
		got, ok := ParseCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParseCode: whatever a client types, a code that passes is short,
// plain ASCII the Directory can compare, and tidying it again changes
// nothing.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"ABCD-2345", " abcd 2345 ", "\x1b]52;c;", "\x00", strings.Repeat("Z", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		code, ok := ParseCode(line)
		if !ok {
			if code != "" {
				t.Fatalf("refused %q but returned %q", line, code)
			}
			return
		}
		if code == "" || len(code) > maxCodeLen {
			t.Fatalf("ParseCode(%q) = %q: length %d", line, code, len(code))
		}
		for _, r := range code {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("ParseCode(%q) = %q holds %q", line, code, r)
			}
		}
		if again, ok := ParseCode(code); !ok || again != code {
			t.Fatalf("ParseCode(%q) = %q, %v; want it unchanged", code, again, ok)
		}
	})
}

// fakeClock is a clock that moves only when a reader sleeps.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	c.t = c.t.Add(d)
	return nil
}

// TestLimitedInputRate: a burst goes through at once, then input flows at
// the rate, however much is waiting; the last input time moves with it.
func TestLimitedInputRate(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	start := clock.t
	src := bytes.NewReader(bytes.Repeat([]byte("x"), 1<<20))
	in := newLimitedInput(context.Background(), src, 1000, 4000, clock.now)
	in.sleep = clock.sleep
	buf := make([]byte, 64<<10)
	n, err := in.Read(buf)
	if err != nil || n != 4000 {
		t.Fatalf("first read: %d, %v; want the burst of 4000", n, err)
	}
	total := n
	for total < 14000 {
		n, err := in.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	// 10,000 bytes beyond the burst at 1,000 a second take 10 s.
	if took := clock.t.Sub(start); took < 10*time.Second {
		t.Fatalf("read %d bytes in %v of the reader's clock; the rate allows them only after 10s", total, took)
	}
	if !in.lastInput().Equal(clock.t) {
		t.Fatalf("last input %v, want %v", in.lastInput(), clock.t)
	}
}

// TestLimitedInputStopsWithContext: a reader waiting for tokens gives up
// when the session ends.
func TestLimitedInputStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in := newLimitedInput(ctx, bytes.NewReader(make([]byte, 100)), 1, 1, time.Now)
	if _, err := in.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := in.Read(make([]byte, 10)); err == nil {
		t.Fatal("read went on after the session ended")
	}
}

func TestClientEnvKeepsOnlyAllowed(t *testing.T) {
	got := clientEnv([]string{"UPSKILL_DB=/etc/passwd", "LD_PRELOAD=x.so", "NO_COLOR=1", "TERM=vt100", "HOME=/root", "UPSKILL_THEME=light", "junk"}, "xterm-256color")
	want := map[string]string{"NO_COLOR": "1", "TERM": "xterm-256color", "UPSKILL_THEME": "light"}
	if len(got) != len(want) {
		t.Fatalf("clientEnv = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("clientEnv = %v, want %v", got, want)
		}
	}
}

func TestHostKeyCreatedOnceWithMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssh_host_ed25519")
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", info.Mode().Perm())
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("key type %s", first.PublicKey().Type())
	}
	again, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.PublicKey().Marshal(), again.PublicKey().Marshal()) {
		t.Fatal("the host key changed on the second start")
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateHostKey(path); err == nil {
		t.Fatal("a damaged host key was replaced or accepted")
	}
	if b, _ := os.ReadFile(path); string(b) != "not a key" {
		t.Fatal("a damaged host key was overwritten")
	}
}

// fakeSession is just enough of an ssh.Session for identify.
type fakeSession struct {
	ssh.Session
	key    ssh.PublicKey
	perms  ssh.Permissions
	out    bytes.Buffer
	exited int
	ctx    ssh.Context
}

func (f *fakeSession) PublicKey() ssh.PublicKey     { return f.key }
func (f *fakeSession) Permissions() ssh.Permissions { return f.perms }
func (f *fakeSession) RemoteAddr() net.Addr         { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }
func (f *fakeSession) Write(p []byte) (int, error)  { return f.out.Write(p) }
func (f *fakeSession) Exit(code int) error          { f.exited = code; return nil }
func (f *fakeSession) Command() []string            { return nil }
func (f *fakeSession) Context() ssh.Context         { return f.ctx }
func (f *fakeSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	return ssh.Pty{}, nil, false
}

// TestIdentifyRefusesKeyNotTheOneRecorded: when the proven key is not
// the one the public-key callback recorded (the CVE-2024-45337 shape),
// the session is refused and the directory is not asked.
func TestIdentifyRefusesKeyNotTheOneRecorded(t *testing.T) {
	dir := newFakeDirectory()
	s := &Server{cfg: Config{Directory: dir}, log: discardLogger()}
	proven, recorded := newKey(t).PublicKey(), newKey(t).PublicKey()
	sess := &fakeSession{key: proven, perms: ssh.Permissions{Permissions: &gossh.Permissions{
		Extensions: map[string]string{fingerprintExt: gossh.FingerprintSHA256(recorded)}}}}
	reached := false
	s.identify(func(ssh.Session) { reached = true })(sess)
	if reached || sess.exited != 1 {
		t.Fatalf("a session whose key was not the one recorded went on (exit %d)", sess.exited)
	}
	if len(dir.lookedUp()) != 0 {
		t.Fatalf("the directory was asked about %v", dir.lookedUp())
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestAddrLimiterPerMinute(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	l := newAddrLimiter(3, clock.now)
	a := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 1), Port: 5000}
	b := &net.TCPAddr{IP: net.IPv4(10, 0, 0, 2), Port: 5000}
	for i := range 3 {
		if !l.allow(&net.TCPAddr{IP: a.IP, Port: 5000 + i}) {
			t.Fatalf("connection %d refused within the limit", i+1)
		}
	}
	if l.allow(a) {
		t.Fatal("a fourth connection in the minute was allowed")
	}
	if !l.allow(b) {
		t.Fatal("another address was refused")
	}
	clock.t = clock.t.Add(61 * time.Second)
	if !l.allow(a) {
		t.Fatal("refused after the minute passed")
	}
}
