package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// serving is a running `upskill serve` child process.
type serving struct {
	cmd    *exec.Cmd
	addr   string
	logs   *bytes.Buffer
	exited chan error
}

// startServe runs `upskill serve` on a loopback port with JSON logs, and
// waits for its "serving" line; extra are more flags.
func startServe(t *testing.T, db string, extra ...string) *serving {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--db", db, "--listen", "127.0.0.1:0", "--log-format", "json"}, extra...)...)
	cmd.Env = testEnv(t)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &serving{cmd: cmd, logs: &bytes.Buffer{}, exited: make(chan error, 1)}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stderr)
	for s.addr == "" && lines.Scan() {
		s.logs.WriteString(lines.Text() + "\n")
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &rec) == nil && rec.Msg == "serving" {
			s.addr = rec.Addr
		}
	}
	if s.addr == "" {
		t.Fatalf("no serving line:\n%s", s.logs)
	}
	go func() {
		for lines.Scan() {
			s.logs.WriteString(lines.Text() + "\n")
		}
		s.exited <- cmd.Wait()
	}()
	return s
}

// keylessVisit connects with no key and returns what the server wrote,
// and the host key it showed.
func keylessVisit(t *testing.T, addr string) (string, gossh.PublicKey) {
	t.Helper()
	var hostKey gossh.PublicKey
	none := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{none}, Timeout: hangGuard,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error { hostKey = key; return nil }})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(out)
	return string(text), hostKey
}

// TestServeStartsTellsKeylessAndStopsOnSIGTERM: the command makes a host
// key (0600) beside the progress file, tells a client with no key how to
// make one, keeps the same host key on the next start, and on SIGTERM
// logs its stop and exits 0.
func TestServeStartsTellsKeylessAndStopsOnSIGTERM(t *testing.T) {
	db := filepath.Join(t.TempDir(), "council", "upskill.db")
	var keys []gossh.PublicKey
	for run := range 2 {
		s := startServe(t, db)
		text, hostKey := keylessVisit(t, s.addr)
		if !strings.Contains(text, "ssh-keygen -t ed25519") {
			t.Fatalf("run %d: no instructions for a keyless client:\n%s", run, text)
		}
		keys = append(keys, hostKey)
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-s.exited:
			if err != nil {
				t.Fatalf("run %d: exit after SIGTERM: %v\n%s", run, err, s.logs)
			}
		case <-time.After(hangGuard):
			t.Fatalf("run %d: still running after SIGTERM", run)
		}
		if !strings.Contains(s.logs.String(), `"msg":"stopped"`) {
			t.Fatalf("run %d: no stop in the log:\n%s", run, s.logs)
		}
	}
	info, err := os.Stat(filepath.Join(filepath.Dir(db), "ssh_host_ed25519"))
	if err != nil {
		t.Fatalf("host key: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v, want 0600", info.Mode().Perm())
	}
	if !bytes.Equal(keys[0].Marshal(), keys[1].Marshal()) {
		t.Fatal("the host key changed between starts")
	}
}
