package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// sshRun runs command over SSH with key and returns its standard output,
// standard error and exit status.
func sshRun(t *testing.T, addr string, key gossh.Signer, command string) (string, string, int) {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: hangGuard})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	status := 0
	if err := sess.Run(command); err != nil {
		exit, ok := err.(*gossh.ExitError)
		if !ok {
			t.Fatalf("run %q: %v", command, err)
		}
		status = exit.ExitStatus()
	}
	return out.String(), errb.String(), status
}

// TestServeFirstAdminAndLocalCommandsWhileServing: `upskill serve
// --admin-key` makes the key's holder an admin (once: a restart adds no
// one), who can run commands over SSH; while the server runs, a local
// command on its file is told to use ssh instead and exits 1; after the
// server stops the marker is gone and local commands work again.
func TestServeFirstAdminAndLocalCommandsWhileServing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "upskill.db")
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "admin.pub")
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " it-desk@council\n"
	if err := os.WriteFile(keyFile, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		s := startServe(t, db, "--admin-key", keyFile)
		if made := strings.Contains(s.logs.String(), `"msg":"first admin"`); made != (run == 0) {
			t.Fatalf("run %d: first admin logged %v:\n%s", run, made, s.logs)
		}
		out, errText, status := sshRun(t, s.addr, signer, "learners list")
		if status != 0 || !strings.Contains(out, "it-desk@council") || !strings.Contains(out, "admin") {
			t.Fatalf("run %d: learners list over SSH: %d %q %q", run, status, out, errText)
		}
		if n := strings.Count(out, "\n"); n != 2 {
			t.Errorf("run %d: want the header and one learner, got:\n%s", run, out)
		}
		r := upskill(t, nil, "progress", "--db", db)
		_, port, _ := strings.Cut(s.addr, ":")
		if r.code != 1 || !strings.Contains(r.stderr, "the server is using this file; use ssh -p "+port+" 127.0.0.1") {
			t.Fatalf("run %d: local progress while serving: %d %q", run, r.code, r.stderr)
		}
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-s.exited:
			if err != nil {
				t.Fatalf("run %d: exit after SIGTERM: %v", run, err)
			}
		case <-time.After(hangGuard):
			t.Fatalf("run %d: still running after SIGTERM", run)
		}
		if _, err := os.Stat(db + ".serving"); !os.IsNotExist(err) {
			t.Fatalf("run %d: the serving marker is still there after stopping: %v", run, err)
		}
	}
	if r := upskill(t, nil, "learners", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "it-desk@council") {
		t.Fatalf("local learners list after stopping: %d %q %q", r.code, r.stdout, r.stderr)
	}
}
