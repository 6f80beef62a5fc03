//go:build unix

package lessons

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// loadWithin runs Load in a goroutine and fails the test if it does not
// return within the limit, so that a blocking open cannot hang the test
// run. unblock is called on timeout to release the stuck goroutine.
func loadWithin(t *testing.T, fsys fs.FS, limit time.Duration, unblock func()) (*Pack, error) {
	t.Helper()
	type result struct {
		p   *Pack
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := Load(fsys)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		return r.p, r.err
	case <-time.After(limit):
		t.Errorf("Load did not return within %v", limit)
		if unblock != nil {
			unblock()
		}
		r := <-done
		return r.p, r.err
	}
}

// TestSymlinksRefused checks that Load never follows a symbolic link: a
// lesson file, pack.yaml or the lessons folder that is a link is refused
// with a clear problem, even when the link points inside the pack, through
// os.DirFS and through (*os.Root).FS.
func TestSymlinksRefused(t *testing.T) {
	cases := []struct {
		name string
		link func(t *testing.T, dir string) // replaces part of the pack with a symlink
		file string
	}{
		{"lesson file", func(t *testing.T, dir string) {
			target := filepath.Join(dir, "first.txt")
			mustRename(t, filepath.Join(dir, "lessons", "first-lesson.md"), target)
			mustSymlink(t, "../first.txt", filepath.Join(dir, "lessons", "first-lesson.md"))
		}, firstFile},
		{"lesson file to outside the pack", func(t *testing.T, dir string) {
			outside := filepath.Join(t.TempDir(), "first.md")
			mustRename(t, filepath.Join(dir, "lessons", "first-lesson.md"), outside)
			mustSymlink(t, outside, filepath.Join(dir, "lessons", "first-lesson.md"))
		}, firstFile},
		{"pack.yaml", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "pack.yaml"), filepath.Join(dir, "real.yaml"))
			mustSymlink(t, "real.yaml", filepath.Join(dir, "pack.yaml"))
		}, ManifestFile},
		{"lessons folder", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "lessons"), filepath.Join(dir, "real-lessons"))
			mustSymlink(t, "real-lessons", filepath.Join(dir, "lessons"))
		}, LessonsDir},
		{"sub-folder of lessons", func(t *testing.T, dir string) {
			sub := filepath.Join(dir, "elsewhere")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			mustRename(t, filepath.Join(dir, "lessons", "second-lesson.md"), filepath.Join(sub, "second-lesson.md"))
			mustSymlink(t, "../elsewhere", filepath.Join(dir, "lessons", "more"))
		}, "lessons/more"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writePack(t)
			c.link(t, dir)
			for name, fsys := range packFSes(t, dir) {
				p, err := loadWithin(t, fsys, 5*time.Second, nil)
				problems := problemsOf(t, p, err)
				if _, ok := findProblem(problems, c.file, 0, "symbolic links are not allowed in a pack"); !ok {
					t.Errorf("%s: no symlink problem for %s:%s", name, c.file, listProblems(problems))
				}
			}
		})
	}
}

// TestSpecialFilesRefused checks that a FIFO is refused without hanging,
// in lessons/ and as pack.yaml: opening a FIFO for reading blocks until a
// writer opens it, so Load must check the file type first.
func TestSpecialFilesRefused(t *testing.T) {
	cases := []struct{ name, file string }{
		{"FIFO in lessons", "lessons/fifo.md"},
		{"FIFO as a lesson", firstFile},
		{"FIFO as pack.yaml", ManifestFile},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writePack(t)
			path := filepath.Join(dir, filepath.FromSlash(c.file))
			os.Remove(path)
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatalf("mkfifo: %v", err)
			}
			// Opening the FIFO for writing (non-blocking, so it fails while
			// nobody reads) releases a Load stuck in open.
			unblock := func() {
				if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			}
			for name, fsys := range packFSes(t, dir) {
				p, err := loadWithin(t, fsys, 5*time.Second, unblock)
				problems := problemsOf(t, p, err)
				if _, ok := findProblem(problems, c.file, 0, "only regular files are allowed in a pack"); !ok {
					t.Errorf("%s: FIFO %s not refused:%s", name, c.file, listProblems(problems))
				}
			}
		})
	}
}
