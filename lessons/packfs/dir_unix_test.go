//go:build unix

package packfs_test

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// basicDir writes a small valid pack folder and returns it.
func basicDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pack.yaml": "format: 1\n", "lessons/a.md": "# a\n", "lessons/b.md": "# b\n"})
	return dir
}

// TestFolderSymlinks checks that symbolic links are refused wherever they
// point, without being followed: to a file outside the pack, to a file and
// a folder inside it, dangling, and as a folder.
func TestFolderSymlinks(t *testing.T) {
	cases := []struct{ link, target string }{
		{"lessons/passwd.md", "/etc/passwd"},
		{"lessons/inside.md", "a.md"},
		{"lessons/up.md", "../pack.yaml"},
		{"more", "lessons"},
		{"dangling.md", "nowhere.md"},
		{"etc", "/etc"},
	}
	for _, c := range cases {
		dir := basicDir(t)
		if err := os.Symlink(c.target, filepath.Join(dir, filepath.FromSlash(c.link))); err != nil {
			t.Fatal(err)
		}
		fsys, err := openDir(t, dir)
		problems := refused(t, fsys, err)
		wantProblem(t, problems, c.link, "symbolic links are not allowed")
		if len(problems) != 1 {
			t.Errorf("%s → %s: want one problem, got\n%s", c.link, c.target, list(problems))
		}
		if strings.Contains(err.Error(), "root:") {
			t.Errorf("the content of /etc/passwd reached the error: %v", err)
		}
	}
	// The pack folder itself may be reached through a link: it is what the
	// trainer chose.
	dir := basicDir(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if fsys, err := openDir(t, link); err != nil || fsys == nil {
		t.Errorf("a link to the pack folder: %v", err)
	}
}

// TestFolderFIFO checks that a named pipe is refused without being opened:
// opening one for reading blocks until a writer comes. The call runs in a
// goroutine and fails the test after 5 seconds.
func TestFolderFIFO(t *testing.T) {
	for _, name := range []string{"lessons/fifo.md", "pack.yaml", "fifo"} {
		dir := basicDir(t)
		path := filepath.Join(dir, filepath.FromSlash(name))
		os.Remove(path)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
		unblock := func() {
			if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
		fsys, err := within(t, 5*time.Second, unblock, func() (fs.FS, error) { return openDir(t, dir) })
		wantProblem(t, refused(t, fsys, err), name, "named pipes are not allowed")
	}
	// A FIFO given as the pack itself, with a .zip name or without.
	for _, name := range []string{"pack.zip", "pack"} {
		path := filepath.Join(t.TempDir(), name)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
		unblock := func() {
			if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
		fsys, err := within(t, 5*time.Second, unblock, func() (fs.FS, error) {
			return guarded(t, func() (fs.FS, error) { return packfs.Open(path) })
		})
		refused(t, fsys, err)
		fsys, err = within(t, 5*time.Second, unblock, func() (fs.FS, error) {
			return guarded(t, func() (fs.FS, error) { return packfs.OpenDir(path) })
		})
		refused(t, fsys, err)
	}
}

// TestFolderSocket checks that a Unix socket is refused.
func TestFolderSocket(t *testing.T) {
	dir := basicDir(t)
	l, err := net.Listen("unix", filepath.Join(dir, "lessons", "s.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), "lessons/s.md", "sockets are not allowed")
}

// TestFolderDevice checks that a device is refused without being opened,
// when the test may make one (it needs root); otherwise it checks a
// device reached through a symbolic link, which is refused as a link.
func TestFolderDevice(t *testing.T) {
	dir := basicDir(t)
	dev := filepath.Join(dir, "lessons", "zero.md")
	want := "devices are not allowed"
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o644, int(mkdev(1, 5))); err != nil {
		// Not root: /dev/zero through a link is the nearest hostile thing.
		if err := os.Symlink("/dev/zero", dev); err != nil {
			t.Fatal(err)
		}
		want = "symbolic links are not allowed"
	}
	fsys, err := within(t, 5*time.Second, nil, func() (fs.FS, error) { return openDir(t, dir) })
	wantProblem(t, refused(t, fsys, err), "lessons/zero.md", want)
}

// mkdev makes a Linux device number.
func mkdev(major, minor uint64) uint64 {
	return (major&0xfff)<<8 | (minor & 0xff) | (major&^0xfff)<<32 | (minor&^0xff)<<12
}

// TestFolderRaces uses the test hook to change a file at the worst moment:
// between the listing and the open, and between the open and the read.
// Each change is refused, and nothing outside the pack is read.
func TestFolderRaces(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		point string
		act   func(t *testing.T, path string)
		want  string
	}{
		{"read", func(t *testing.T, path string) { appendTo(t, path, "more text\n") }, "the file changed while the pack was read"},
		{"read", func(t *testing.T, path string) { os.Truncate(path, 1) }, "the file changed while the pack was read"},
		{"open", func(t *testing.T, path string) { appendTo(t, path, "more text\n") }, "the file changed while the pack was read"},
		{"open", func(t *testing.T, path string) {
			appendTo(t, path, strings.Repeat("x", packfs.MaxFileBytes))
		}, "the file changed while the pack was read"},
		{"open", func(t *testing.T, path string) {
			replace(t, path, func(p string) error { return os.Symlink(outside, p) })
		}, "path escapes from parent"},
		{"open", func(t *testing.T, path string) {
			replace(t, path, func(p string) error { return os.Symlink("b.md", p) })
		}, "the file changed while the pack was read"},
		{"open", func(t *testing.T, path string) {
			replace(t, path, func(p string) error { return syscall.Mkfifo(p, 0o644) })
		}, "named pipes are not allowed"},
		{"open", func(t *testing.T, path string) {
			// Same size and type, another file: only its identity differs.
			// The new file is made before the old one goes, so that the
			// system cannot reuse the old inode number.
			tmp := path + ".new"
			if err := os.WriteFile(tmp, []byte("# a\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}, "the file changed while the pack was read"},
	}
	for i, c := range cases {
		dir := basicDir(t)
		target := filepath.Join(dir, "lessons", "a.md")
		done := false
		restore := packfs.SetTestHook(func(point, name string) {
			if point == c.point && name == "lessons/a.md" && !done {
				done = true
				c.act(t, target)
			}
		})
		fsys, err := within(t, 5*time.Second, nil, func() (fs.FS, error) {
			return guardedExcept(t, dir, func() (fs.FS, error) { return packfs.OpenDir(dir) })
		})
		restore()
		if !done {
			t.Fatalf("case %d: the hook did not run", i)
		}
		problems := refused(t, fsys, err)
		wantProblem(t, problems, "lessons/a.md", c.want)
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("case %d: content outside the pack was read: %v", i, err)
		}
	}
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

// replace removes path and makes something else there.
func replace(t *testing.T, path string, make func(string) error) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := make(path); err != nil {
		t.Fatal(err)
	}
}

// TestFolderNames checks that names a folder may hold on Linux but a pack
// may not are refused, and escaped in the problem.
func TestFolderNames(t *testing.T) {
	cases := []struct{ name, path, want string }{
		{"a\x1b[2Jb.md", `a\x1b[2Jb.md`, "control or invisible character (U+001B)"},
		{"caf\xe9.md", `caf\xe9.md`, "not valid UTF-8"},
		{`a\b.md`, `a\\b.md`, "backslash"},
		{"a:b.md", "a:b.md", "Windows does not allow"},
		{"evil\u202egpj.md", `evil\u202egpj.md`, "U+202E"},
	}
	for _, c := range cases {
		dir := basicDir(t)
		writeTree(t, dir, map[string]string{"lessons/" + c.name: "x\n"})
		fsys, err := openDir(t, dir)
		wantProblem(t, refused(t, fsys, err), "lessons/"+c.path, c.want)
	}
}
