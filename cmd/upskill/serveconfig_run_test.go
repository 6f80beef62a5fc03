package main

import (
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

// TestServeWithConfig: `upskill serve --config` enrols both admin keys
// the file names (one a path, one an authorized_keys line), and the flags
// given (--db, --listen, --log-format by startServe) win over the file's.
func TestServeWithConfig(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "upskill.db")
	var signers []gossh.Signer
	var lines []string
	for _, who := range []string{"it-desk@council", "deputy@council"} {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := gossh.NewSignerFromKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		signers = append(signers, signer)
		lines = append(lines, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))+" "+who)
	}
	keyFile := filepath.Join(dir, "admin.pub")
	if err := os.WriteFile(keyFile, []byte(lines[0]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "upskill-serve.yaml")
	text := "db: " + filepath.Join(dir, "not-this.db") + "\nlisten: 127.0.0.1:1\nlog_format: text\ntime_zone: Pacific/Auckland\n" +
		"admin_keys:\n  - " + keyFile + "\n  - " + lines[1] + "\nlimits:\n  idle_timeout: 10m\n"
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, db, "--config", config)
	out, errText, status := sshRun(t, s.addr, signers[1], "learners list")
	if status != 0 || !strings.Contains(out, "it-desk@council") || !strings.Contains(out, "deputy@council") || strings.Count(out, "admin") != 2 {
		t.Fatalf("learners list over SSH by the second admin: %d %q %q", status, out, errText)
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(hangGuard):
		t.Fatal("still running after SIGTERM")
	}
	if _, err := os.Stat(filepath.Join(dir, "not-this.db")); !os.IsNotExist(err) {
		t.Errorf("the file's db was used although --db was given: %v", err)
	}
}
