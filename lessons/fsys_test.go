package lessons

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// writePack writes the valid test pack into a new folder and returns it.
func writePack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range validPack() {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// packFSes opens dir both ways a caller may: os.DirFS and an os.Root.
func packFSes(t *testing.T, dir string) map[string]fs.FS {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return map[string]fs.FS{"DirFS": os.DirFS(dir), "Root.FS": root.FS()}
}

func problemsOf(t *testing.T, p *Pack, err error) []Problem {
	t.Helper()
	if p != nil {
		t.Error("Load returned a pack")
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Load error = %v, want a *ValidationError", err)
	}
	return ve.Problems
}

// TestRealFolderLoads checks that a valid pack on disk loads through both
// kinds of fs.FS, so that the refusals below come from what they change.
func TestRealFolderLoads(t *testing.T) {
	for name, fsys := range packFSes(t, writePack(t)) {
		p, err := Load(fsys)
		if err != nil || p.LessonCount() != 2 {
			t.Errorf("%s: Load = %v, %v", name, p, err)
		}
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
