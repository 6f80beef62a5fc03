package server

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/progress"
)

func TestKnownKeyGetsHome(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Asha Patel")
	if logs := ts.logs.String(); !strings.Contains(logs, gossh.FingerprintSHA256(key.PublicKey())) {
		t.Fatalf("the log does not name the key's fingerprint:\n%s", logs)
	}
}

func TestUnknownKeyEnrolsWithGoodCode(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.invite("Bryn Jones", "ABCD-2345")
	key := newKey(t)
	c := ts.dial(clientOptions{auth: keyAuth(key)})
	c.waitFor("Type the code your trainer gave you")
	c.press("abcd", "backspace", "D-2345", "enter")
	c.waitFor("Bryn Jones")
	if _, err := ts.dir.LearnerByKey(gossh.FingerprintSHA256(key.PublicKey())); err != nil {
		t.Fatalf("the key was not enrolled: %v", err)
	}
	// The code was single use; the key now opens the learner's UI directly.
	c2 := ts.dial(clientOptions{auth: keyAuth(key)})
	c2.waitFor("already have Upskill open")
}

func TestFiveWrongCodesClose(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	ts.invite("Bryn Jones", "ABCD-2345")
	c := ts.dial(clientOptions{auth: keyAuth(newKey(t))})
	c.waitFor("Type the code your trainer gave you")
	for i := range 4 {
		c.press("WRONG-"+string(rune('1'+i)), "enter")
		c.waitFor(string(rune('4'-i)) + " tr")
	}
	c.press("WRONG-5", "enter")
	if out := c.waitClosed(); !strings.Contains(out, "did not work five times") {
		t.Fatalf("no word on why the connection closed:\n%s", out)
	}
	ts.dir.mu.Lock()
	defer ts.dir.mu.Unlock()
	if len(ts.dir.keys) != 0 {
		t.Fatalf("a key was enrolled: %v", ts.dir.keys)
	}
}

func TestNoKeyGetsInstructionsThenClose(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	none := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	c := ts.dial(clientOptions{auth: []gossh.AuthMethod{none}})
	out := c.waitClosed()
	for _, want := range []string{"ssh-keygen -t ed25519", "Windows", "macOS", "Linux"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the instructions lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Type the code") {
		t.Fatalf("a keyless client reached enrolment:\n%s", out)
	}
}

// unprovenSigner offers a key it cannot sign for: the server's callback
// sees the key in the client's query, then signing fails and the client
// moves on without proving it.
type unprovenSigner struct{ shown gossh.PublicKey }

func (u unprovenSigner) PublicKey() gossh.PublicKey { return u.shown }
func (u unprovenSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("this client does not hold the key")
}

// offerThenProve authenticates by first offering shown without proving
// it, then with own.
func offerThenProve(shown gossh.PublicKey, own gossh.Signer) clientOptions {
	step := 0
	return clientOptions{auth: []gossh.AuthMethod{}, authCallback: func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
		step++
		switch step {
		case 1:
			return gossh.PublicKeys(unprovenSigner{shown: shown}), nil
		case 2:
			return gossh.PublicKeys(own), nil
		}
		return nil, errors.New("no more keys")
	}}
}

// TestUnprovenKeyIsNotTheIdentity is the CVE-2024-45337 case: a client
// offers Asha's key, which it cannot sign for, then authenticates with
// its own. The session must be the second key's learner, or enrolment
// when that key is unknown; never Asha's, and the directory is never
// asked about Asha's key.
func TestUnprovenKeyIsNotTheIdentity(t *testing.T) {
	for _, known := range []bool{true, false} {
		t.Run(map[bool]string{true: "second key known", false: "second key unknown"}[known], func(t *testing.T) {
			ts := startServer(t, Limits{}, nil)
			asha := ts.learner("Asha Patel")
			own := newKey(t)
			if known {
				own = ts.learner("Bryn Jones")
			}
			c := ts.dial(offerThenProve(asha.PublicKey(), own))
			if known {
				c.waitFor("Bryn Jones")
			} else {
				c.waitFor("Type the code your trainer gave you")
			}
			if s := c.screen(); strings.Contains(s, "Asha") {
				t.Fatalf("the unproven key's learner is on screen:\n%s", s)
			}
			if slices.Contains(ts.dir.lookedUp(), gossh.FingerprintSHA256(asha.PublicKey())) {
				t.Fatal("the directory was asked about the unproven key")
			}
			if !strings.Contains(ts.logs.String(), gossh.FingerprintSHA256(own.PublicKey())) {
				t.Fatalf("the session is not logged as the proven key:\n%s", ts.logs.String())
			}
		})
	}
}

func TestClientEnvironmentIgnored(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	elsewhere := filepath.Join(t.TempDir(), "elsewhere.db")
	c := ts.dial(clientOptions{auth: keyAuth(key), env: map[string]string{"UPSKILL_DB": elsewhere, "UPSKILL_THEME": "light"}})
	c.waitFor("Asha Patel")
	if _, err := os.Stat(elsewhere); err == nil {
		t.Fatal("the client's UPSKILL_DB was used")
	}
}

func TestHugeWindowClamped(t *testing.T) {
	var widest, tallest atomic.Int64
	observe := func(msg any) {
		if w, ok := msg.(tea.WindowSizeMsg); ok {
			widest.Store(max(widest.Load(), int64(w.Width)))
			tallest.Store(max(tallest.Load(), int64(w.Height)))
		}
	}
	limits := Limits{MaxWidth: 300, MaxHeight: 100}
	ts := startServer(t, limits, observe)
	key := ts.learner("Asha Patel")
	c := ts.dial(clientOptions{auth: keyAuth(key), width: 60000, height: 50000, screenW: 300, screenH: 100})
	c.waitFor("Asha Patel")
	if err := c.sess.WindowChange(40000, 90000); err != nil {
		t.Fatal(err)
	}
	c.press("?") // the help overlay: a frame drawn after the change
	c.waitFor("quit")
	if widest.Load() == 0 || widest.Load() > 300 || tallest.Load() > 100 {
		t.Fatalf("the program was given %d×%d, beyond 300×100", widest.Load(), tallest.Load())
	}
}

// TestPasteFloodDoesNotBlockOthers: one client pastes megabytes; another
// connects and uses the UI meanwhile, and the server reads the flood no
// faster than the input limit.
func TestPasteFloodDoesNotBlockOthers(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	flooder := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	flooder.waitFor("Asha Patel")
	const flood = 8 << 20
	var sent atomic.Int64
	go func() {
		chunk := []byte(strings.Repeat("paste flood ", 1024))
		for sent.Load() < flood {
			n, err := flooder.stdin.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}()
	other := ts.dial(clientOptions{auth: keyAuth(ts.learner("Bryn Jones"))})
	other.waitFor("Bryn Jones")
	other.press("?")
	other.waitFor("quit")
	if sent.Load() >= flood {
		t.Fatalf("the server took the whole %d-byte flood at once", flood)
	}
}

func TestIdleTimeoutWarnsThenEnds(t *testing.T) {
	ts := startServer(t, Limits{IdleTimeout: 3 * time.Second, IdleWarning: 2 * time.Second}, nil)
	ts.srv.now = time.Now // the idle clock must move
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	c.waitFor("Asha Patel")
	c.waitFor("Upskill will close")
	if out := c.waitClosed(); !strings.Contains(out, "no key was pressed") {
		t.Fatalf("no word on why the session closed:\n%s", out)
	}
}

func TestShutdownEndsSessionsWithMessage(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	c.waitFor("Asha Patel")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if out := c.waitClosed(); !strings.Contains(out, "Upskill is restarting; your progress is saved") {
		t.Fatalf("no restart message:\n%s", out)
	}
	select {
	case err := <-ts.served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve did not return")
	}
	if _, err := ts.tryDial(clientOptions{auth: keyAuth(newKey(t))}); err == nil {
		t.Fatal("a connection was accepted after shutdown")
	}
}

func TestSameLearnerTwiceTakesOver(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	first := ts.dial(clientOptions{auth: keyAuth(key)})
	first.waitFor("Asha Patel")
	second := ts.dial(clientOptions{auth: keyAuth(key)})
	second.waitFor("already have Upskill open")
	second.press("y")
	if out := first.waitClosed(); !strings.Contains(out, "another window") {
		t.Fatalf("the first session was not told why it closed:\n%s", out)
	}
	second.waitFor("Asha Patel")
}

func TestMaxSessionsRefusesMore(t *testing.T) {
	ts := startServer(t, Limits{MaxSessions: 2}, nil)
	var wg sync.WaitGroup
	for _, name := range []string{"Asha Patel", "Bryn Jones"} {
		c := ts.dial(clientOptions{auth: keyAuth(ts.learner(name))})
		wg.Add(1)
		go func() { defer wg.Done(); c.waitFor(name) }()
	}
	wg.Wait()
	if _, err := ts.tryDial(clientOptions{auth: keyAuth(newKey(t))}); err == nil {
		t.Fatal("a third connection was accepted")
	}
	if !strings.Contains(ts.logs.String(), "too many sessions") {
		t.Fatalf("the refusal was not logged:\n%s", ts.logs.String())
	}
}

// TestDroppedConnectionSavesLikeQuit: a client that vanishes mid-lesson
// (window closed, network gone) has its reading position saved, as the
// learner's own quit would, though the save on scrolling had not yet run.
func TestDroppedConnectionSavesLikeQuit(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	c := ts.dial(clientOptions{auth: keyAuth(ts.learner("Asha Patel"))})
	c.waitFor("Asha Patel")
	c.press("enter")
	c.waitFor("0% read")
	c.press(" ")
	c.waitUntil("the lesson scrolled", func(s string) bool {
		return strings.Contains(s, "Strong passwords") && !strings.Contains(s, " 0% read")
	})
	c.conn.Close()
	p, err := ts.store.ProfileByName("Asha Patel")
	if err != nil {
		t.Fatal(err)
	}
	key := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	deadline := time.Now().Add(waitLimit)
	for {
		rec, err := ts.store.Lesson(p.ID, key)
		if err == nil && rec.Position > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reading position was not saved: %+v, %v\n%s", rec, err, ts.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestColoursFollowTheClient: the colour profile comes from the client's
// terminal: its TERM gives colours, and its NO_COLOR takes them away,
// whatever the server's own environment says.
func TestColoursFollowTheClient(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "dumb")
	ts := startServer(t, Limits{}, nil)
	key := ts.learner("Asha Patel")
	coloured := ts.dial(clientOptions{auth: keyAuth(key)})
	coloured.waitFor("Asha Patel")
	if !strings.Contains(coloured.rawOutput(), "\x1b[38;") {
		t.Fatal("a client with TERM=xterm-256color got no colours")
	}
	coloured.press("q")
	coloured.waitClosed()
	plain := ts.dial(clientOptions{auth: keyAuth(key), env: map[string]string{"NO_COLOR": "1"}})
	plain.waitFor("Asha Patel")
	if strings.Contains(plain.rawOutput(), "\x1b[38;") {
		t.Fatal("a client with NO_COLOR got colours")
	}
}
