//go:build unix

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// startPreview runs pack preview on the example in a pseudo-terminal with
// tmp as its temporary folder, and waits for its throwaway progress file
// to appear. It returns the process, the terminal and that folder.
func startPreview(t *testing.T, tmp string) (*exec.Cmd, *os.File, string) {
	t.Helper()
	before, _ := filepath.Glob(filepath.Join(tmp, previewPrefix+"*"))
	cmd := exec.Command(binary, "pack", "preview", example)
	cmd.Env = append(testEnv(t), "TMPDIR="+tmp)
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, term) // a terminal reads what the program draws
	t.Cleanup(func() { cmd.Process.Kill(); term.Close() })
	deadline := time.Now().Add(hangGuard)
	for time.Now().Before(deadline) {
		found, _ := filepath.Glob(filepath.Join(tmp, previewPrefix+"*", previewFile))
		for _, f := range found {
			if dir := filepath.Dir(f); !slices.Contains(before, dir) {
				return cmd, term, dir
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no preview progress file in %s after %v", tmp, hangGuard)
	return nil, nil, ""
}

// waitGone waits for the preview to exit and checks its folder went too.
func waitGone(t *testing.T, cmd *exec.Cmd, dir string) {
	t.Helper()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(hangGuard):
		t.Fatalf("the preview did not exit after %v", hangGuard)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the preview left %s behind (%v)", dir, err)
	}
}

// Item 15: closing the terminal (SIGHUP to the preview, as its session
// leader) cleans up as q does.
func TestPreviewCleansUpWhenTheTerminalCloses(t *testing.T) {
	tmp := t.TempDir()
	cmd, term, dir := startPreview(t, tmp)
	term.Close()
	waitGone(t, cmd, dir)
}

// Item 15: a SIGHUP sent by itself cleans up too.
func TestPreviewCleansUpOnSIGHUP(t *testing.T) {
	tmp := t.TempDir()
	cmd, _, dir := startPreview(t, tmp)
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitGone(t, cmd, dir)
}

// Item 15: the next preview removes what a killed preview left more than
// a day ago, and nothing else: a younger leftover, another program's
// folder, and a leftover holding another file stay.
func TestPreviewRemovesDayOldLeftovers(t *testing.T) {
	tmp := t.TempDir()
	old := time.Now().Add(-25 * time.Hour)
	young := time.Now().Add(-23 * time.Hour)
	mkdir := func(name string, files []string, at time.Time) string {
		dir := filepath.Join(tmp, name)
		os.Mkdir(dir, 0o700)
		for _, f := range files {
			p := filepath.Join(dir, f)
			os.WriteFile(p, []byte("x"), 0o600)
			os.Chtimes(p, at, at)
		}
		os.Chtimes(dir, at, at)
		return dir
	}
	stale := mkdir(previewPrefix+"111", []string{previewFile}, old)
	empty := mkdir(previewPrefix+"222", nil, old)
	recent := mkdir(previewPrefix+"333", []string{previewFile}, young)
	other := mkdir("someone-else-111", []string{previewFile}, old)
	extra := mkdir(previewPrefix+"444", []string{previewFile, "notes.txt"}, old)
	cmd, _, dir := startPreview(t, tmp)
	for _, gone := range []string{stale, empty} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", filepath.Base(gone), err)
		}
	}
	for _, kept := range []string{recent, other, extra, dir} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(kept), err)
		}
	}
	if !strings.HasPrefix(filepath.Base(dir), previewPrefix) {
		t.Errorf("the preview's folder is %s", dir)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	waitGone(t, cmd, dir)
}
