package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// buildTestBinary builds upskill with the upskilltest tag, which compiles
// in the test-only pause point (testhook_upskilltest.go).
func buildTestBinary(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "upskill-test")
	build := exec.Command("go", "build", "-tags", "upskilltest", "-o", out, ".")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build with -tags upskilltest: %v\n%s", err, msg)
	}
	return out
}

// storedPack is what the progress file holds of the pack "large".
type storedPack struct {
	packs   int    // imported packs
	version string // of "large"
	files   int
	lessons int
}

// readStored checks the file's consistency with bbolt's own check, then
// reads what it holds of the pack "large", checking every error.
func readStored(t *testing.T, db string) storedPack {
	t.Helper()
	raw, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	err = raw.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	if cerr := raw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("file inconsistent after kill -9: %v", err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	infos, err := store.Packs()
	if err != nil {
		t.Fatalf("list packs: %v", err)
	}
	info, parsed, err := store.Pack("large")
	if err != nil {
		t.Fatalf("read pack: %v", err)
	}
	files, err := store.PackFiles("large")
	if err != nil {
		t.Fatalf("read pack files: %v", err)
	}
	p, err := lessons.Decode(parsed)
	if err != nil {
		t.Fatalf("decode the stored pack: %v", err)
	}
	if p.Version != info.Version {
		t.Fatalf("stored info says %s, stored pack %s", info.Version, p.Version)
	}
	return storedPack{packs: len(infos), version: info.Version, files: len(files), lessons: p.LessonCount()}
}

// countFiles counts the files of a pack folder.
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// copyFile copies a progress file for a round to work on.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// waitForFile waits until path exists or the process exits, whichever
// comes first, and reports whether the file appeared.
func waitForFile(t *testing.T, path string, exited <-chan struct{}) bool {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return true
		} else if !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		select {
		case <-exited:
			_, err := os.Stat(path)
			return err == nil
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatalf("hung: neither %s nor an exit after %v", path, hangGuard)
	return false
}

// TestImportIsAtomicUnderKill replaces version 1 of a pack with a larger
// version 2 and kills `pack import` with SIGKILL: afterwards the progress
// file is consistent and holds exactly version 1 or exactly version 2,
// never a mix. Half the rounds use a test build that pauses inside the
// write transaction, after every file is written and before the commit,
// and are killed there: those must hold exactly version 1, and the test
// requires that such kills happened. The other rounds kill the release
// build at random moments.
func TestImportIsAtomicUnderKill(t *testing.T) {
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1"), filepath.Join(dir, "v2")
	writeLargePack(t, v1, "1.0.0", 20)
	writeLargePack(t, v2, "2.0.0", 300)
	old := storedPack{packs: 1, version: "1.0.0", files: countFiles(t, v1), lessons: 20}
	cur := storedPack{packs: 1, version: "2.0.0", files: countFiles(t, v2), lessons: 300}

	base := filepath.Join(dir, "base.db")
	if r := upskill(t, []string{"UPSKILL_DB=" + base}, "pack", "import", v1); r.code != 0 {
		t.Fatalf("import version 1: %s", r.stderr)
	}
	if got := readStored(t, base); got != old {
		t.Fatalf("after importing version 1: %+v, want %+v", got, old)
	}
	// An import left alone stores exactly version 2; how long it takes
	// sets the range the random kills are drawn from.
	whole := filepath.Join(dir, "whole.db")
	copyFile(t, base, whole)
	r := upskill(t, []string{"UPSKILL_DB=" + whole}, "pack", "import", v2)
	if r.code != 0 {
		t.Fatalf("import version 2: %s", r.stderr)
	}
	if got := readStored(t, whole); got != cur {
		t.Fatalf("after importing version 2: %+v, want %+v", got, cur)
	}
	span := max(r.took, 2*time.Millisecond)
	paused := buildTestBinary(t)
	rng := rand.New(rand.NewPCG(1, 2))
	killedInTx, killedAtRandom := 0, 0
	for round := range 10 {
		db := filepath.Join(dir, fmt.Sprintf("u%d.db", round))
		copyFile(t, base, db)
		inTx := round%2 == 0
		signal := filepath.Join(dir, fmt.Sprintf("in-tx-%d", round))
		bin := binary
		env := append(testEnv(t), "UPSKILL_DB="+db)
		if inTx {
			bin = paused
			env = append(env, "UPSKILL_TEST_PAUSE_IN_TX="+signal)
		}
		cmd := exec.Command(bin, "pack", "import", v2)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		var waitErr error
		go func() { waitErr = cmd.Wait(); close(exited) }()
		if inTx {
			if !waitForFile(t, signal, exited) {
				<-exited
				t.Fatalf("round %d: the import ended (%v) without reaching the pause point:\n%s", round, waitErr, stderr.String())
			}
		} else {
			select {
			case <-exited:
			case <-time.After(time.Duration(rng.Int64N(int64(span)))):
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		<-exited
		killed := false
		var exit *exec.ExitError
		if errors.As(waitErr, &exit) {
			status, ok := exit.Sys().(syscall.WaitStatus)
			killed = ok && status.Signaled() && status.Signal() == syscall.SIGKILL
		} else if waitErr != nil {
			t.Fatalf("round %d: wait: %v", round, waitErr)
		}
		got := readStored(t, db)
		switch {
		case inTx && !killed:
			t.Errorf("round %d: the paused import was not killed (%v)", round, waitErr)
		case inTx:
			killedInTx++
			if got != old {
				t.Errorf("round %d: killed inside the transaction, the file holds %+v, want exactly version 1 %+v", round, got, old)
			}
		case got != old && got != cur:
			t.Errorf("round %d: a mix of versions: %+v, want %+v or %+v", round, got, old, cur)
		case killed:
			killedAtRandom++
		}
		t.Logf("round %d: in transaction %v, killed %v, holds version %s with %d files", round, inTx, killed, got.version, got.files)
	}
	t.Logf("killed inside the open transaction: %d rounds; killed at a random moment: %d rounds", killedInTx, killedAtRandom)
	if killedInTx == 0 {
		t.Error("no round was killed while the import's transaction was open")
	}
}

// writeLargePack writes a valid pack "large" of n lessons at a version.
func writeLargePack(t *testing.T, dir, version string, n int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "lessons"), 0o755); err != nil {
		t.Fatal(err)
	}
	var m strings.Builder
	fmt.Fprintf(&m, "format: 1\nid: large\ntitle: Large\nversion: %s\nauthors: [t]\nlicence: OGL-UK-3.0\nsummary: Large.\nmodules:\n  - id: m\n    title: M\n    summary: All.\n    lessons:\n", version)
	for i := range n {
		fmt.Fprintf(&m, "      - l%d\n", i)
		lesson := fmt.Sprintf("---\nid: l%d\ntitle: Lesson %d\nminutes: 3\nobjectives: [x]\nsources:\n  - {title: s, url: \"https://www.gov.uk/\", checked: 2026-11-01}\nquiz:\n  pass_mark: 50\n  questions:\n    - {id: a, type: true_false, prompt: p, answer: true, explanation: e}\n    - {id: b, type: true_false, prompt: q, answer: false, explanation: e}\n---\n## Text\n\n%s\n", i, i, strings.Repeat("Words in a lesson. ", 200))
		if err := os.WriteFile(filepath.Join(dir, "lessons", fmt.Sprintf("l%d.md", i)), []byte(lesson), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte(m.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
