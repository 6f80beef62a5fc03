package packfs_test

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// escapeNames are the names the hostile packs in these tests try to write
// outside the pack; the guard checks they appear nowhere nearby.
var escapeNames = []string{"x.md", "abs.md", "b.md", `C:\x.md`, `C:x.md`, "escape.md", "passwd"}

// fileState is what the guard compares: existence, type, size and time.
type fileState struct {
	mode fs.FileMode
	size int64
	mod  time.Time
}

// guarded runs open and fails the test if anything outside the test's
// temporary folders changed, or anything in them: the whole of this
// test's temporary area (the packs and whatever lies beside them), the
// package folder (where a relative path would land), and every escape
// name in the system temporary folder, the file system root and the
// package's parent folder. Package packfs never writes at all, which
// TestNoWritesInSource checks statically; this checks it at run time.
func guarded(t testing.TB, open func() (fs.FS, error)) (fs.FS, error) {
	t.Helper()
	return guardedExcept(t, "", open)
}

// guardedExcept is guarded, leaving out the folder except, which the test
// itself changes during the call.
func guardedExcept(t testing.TB, except string, open func() (fs.FS, error)) (fs.FS, error) {
	t.Helper()
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	area := tempArea(t)
	trees := []string{area, cwd}
	var probes []string
	for _, dir := range []string{os.TempDir(), "/", filepath.Dir(cwd), filepath.Dir(area)} {
		for _, name := range escapeNames {
			probes = append(probes, filepath.Join(dir, name))
		}
	}
	before := snapshot(t, trees, probes, except)
	fsys, err := open()
	after := snapshot(t, trees, probes, except)
	if !maps.Equal(before, after) {
		for _, p := range slices.Sorted(maps.Keys(after)) {
			if b, ok := before[p]; !ok || b != after[p] {
				t.Errorf("written during the call: %s", p)
			}
		}
		for p := range before {
			if _, ok := after[p]; !ok {
				t.Errorf("removed during the call: %s", p)
			}
		}
	}
	return fsys, err
}

// areas caches each test's temporary area, so that guarding many calls
// does not make many folders.
var areas sync.Map // testing.TB → string

// tempArea returns the folder holding all of t's t.TempDir folders.
func tempArea(t testing.TB) string {
	if a, ok := areas.Load(t); ok {
		return a.(string)
	}
	a := filepath.Dir(t.TempDir())
	areas.Store(t, a)
	t.Cleanup(func() { areas.Delete(t) })
	return a
}

// snapshot records the state of every file under trees, except under the
// folder except, and of each probe path that exists.
func snapshot(t testing.TB, trees, probes []string, except string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	for _, root := range trees {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if except != "" && p == except {
				return fs.SkipDir
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out[p] = fileState{info.Mode(), info.Size(), info.ModTime()}
			return nil
		})
		if err != nil {
			t.Fatalf("snapshot %s: %v", root, err)
		}
	}
	for _, p := range probes {
		if info, err := os.Lstat(p); err == nil {
			out[p] = fileState{info.Mode(), info.Size(), info.ModTime()}
		}
	}
	return out
}

// recorder is a testing.TB that records Errorf calls instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestGuardDetectsWrites checks that the write guard itself can fail: a
// file written beside the pack and one written in the package folder (where
// a relative path would land) are each reported. It writes nowhere else,
// as other work shares this machine.
func TestGuardDetectsWrites(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{
		filepath.Join(t.TempDir(), "..", "x.md"),
		filepath.Join(cwd, "escape.md"),
	} {
		r := &recorder{TB: t}
		guarded(r, func() (fs.FS, error) {
			return nil, os.WriteFile(target, []byte("escaped"), 0o644)
		})
		os.Remove(target)
		if len(r.errors) == 0 {
			t.Errorf("a write to %s went unnoticed", target)
		}
	}
}
