// Package termtest runs a terminal program in a pseudo-terminal and reads
// its screen through a terminal emulator, as a person would see it. Tests
// use it to drive the real upskill binary: type keys, wait for text, kill
// the process at a chosen moment.
//
// Bubble Tea draws by sending only the cells that change, so the raw byte
// stream rarely holds a whole line of text; reading the emulated screen is
// the reliable way to know what is shown.
package termtest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Term is a program running in a pseudo-terminal.
type Term struct {
	t    testing.TB
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex // guards emu and out
	emu  *vt.Emulator
	out  strings.Builder
	done chan struct{}
	err  error
}

// Start runs name with args and env in a w×h pseudo-terminal. The process
// is killed when the test ends, if it is still running.
func Start(t testing.TB, w, h int, env []string, name string, args ...string) *Term {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatalf("start %s in a pty: %v", name, err)
	}
	term := &Term{t: t, cmd: cmd, pty: f, emu: vt.NewEmulator(w, h), done: make(chan struct{})}
	go term.readScreen()
	go term.answerQueries()
	go func() {
		term.err = cmd.Wait()
		close(term.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-term.done
		f.Close()
		// The emulator is not closed: answerQueries may be reading from
		// it, and vt's Close races with Read. Its goroutine blocks until
		// the test binary exits, which is harmless.
	})
	return term
}

// readScreen feeds everything the program draws into the emulator.
func (t *Term) readScreen() {
	buf := make([]byte, 32<<10)
	for {
		n, err := t.pty.Read(buf)
		if n > 0 {
			t.mu.Lock()
			t.emu.Write(buf[:n])
			t.out.Write(buf[:n])
			t.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// answerQueries sends the emulator's replies to terminal queries (such as
// the background colour) back to the program, as a real terminal does.
func (t *Term) answerQueries() {
	buf := make([]byte, 1024)
	for {
		n, err := t.emu.Read(buf)
		if n > 0 {
			_, _ = t.pty.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// Screen is the text on screen, one line per row, without styling.
func (t *Term) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}

// Output is every byte the program has written so far.
func (t *Term) Output() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out.String()
}

// WaitFor waits until the screen shows want, failing the test after
// timeout. It returns the screen.
func (t *Term) WaitFor(want string, timeout time.Duration) string {
	t.t.Helper()
	screen, ok := t.Poll(func(s string) bool { return strings.Contains(s, want) }, timeout)
	if !ok {
		t.t.Fatalf("after %v the screen does not show %q:\n%s", timeout, want, screen)
	}
	return screen
}

// Poll waits until cond holds for the screen, or timeout passes. It
// reports the last screen and whether cond held.
func (t *Term) Poll(cond func(screen string) bool, timeout time.Duration) (string, bool) {
	deadline := time.Now().Add(timeout)
	for {
		s := t.Screen()
		if cond(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		select {
		case <-t.done:
			return t.Screen(), cond(t.Screen())
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// Keys that Press understands, as a terminal sends them.
var keys = map[string]string{
	"enter":  "\r",
	"esc":    "\x1b",
	"up":     "\x1b[A",
	"down":   "\x1b[B",
	"space":  " ",
	"tab":    "\t",
	"ctrl+c": "\x03",
	"end":    "\x1b[F",
}

// Press sends named keys ("enter", "down", ...) or, for any other string,
// its text. A pause after each key keeps an escape from merging with the
// next key.
func (t *Term) Press(names ...string) {
	t.t.Helper()
	for _, n := range names {
		seq, ok := keys[n]
		if !ok {
			seq = n
		}
		if _, err := io.WriteString(t.pty, seq); err != nil {
			t.t.Fatalf("send %q: %v", n, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// Kill ends the program with SIGKILL, as a crash or power cut would, and
// waits for it to be gone.
func (t *Term) Kill() {
	t.t.Helper()
	if err := t.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.t.Fatalf("kill: %v", err)
	}
	<-t.done
}

// Wait waits for the program to exit and returns its error.
func (t *Term) Wait(timeout time.Duration) error {
	select {
	case <-t.done:
		return t.err
	case <-time.After(timeout):
		return fmt.Errorf("still running after %v", timeout)
	}
}
