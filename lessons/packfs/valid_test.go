package packfs_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/lessons/packfs"
)

// extras are files added to the built-in pack to use every allowed ending
// and some nesting; package lessons ignores files outside lessons/.
var extras = map[string]string{
	"README.md":                     "# Cyber basics\n\nA pack for tests.\n",
	"banks/security.gift":           "::Q1:: Is 7726 free? {T}\n",
	"banks/aiken.txt":               "What is 2+2?\nA. 3\nB. 4\nANSWER: B\n",
	"notes/deep/er/still/notes.yml": "a: 1\n",
	"notes/unicode – café ✓.yaml":   "title: café\n",
}

// skippedFiles are system and editor files that must be skipped silently;
// some would be refused if they were read.
var skippedFiles = map[string]string{
	".DS_Store":                   "\x00\x00\x00\x01Bud1\xff\xfe",
	"lessons/.DS_Store":           "\xff",
	".git/config":                 "[core]\n",
	".git/objects/ab/cdef":        "\x78\x9c\x00\xff",
	".git/hooks/pre-commit":       "#!/bin/sh\n",
	"__MACOSX/._pack.yaml":        "\x00\x05\x16\x07\xff",
	"__MACOSX/lessons/._x.md":     "\xff\xfe",
	"lessons/.hidden/evil.exe":    "MZ",
	".github/workflows/check.yml": "on: push\n",
	"lessons/.~lock.a.md#":        "x",
}

// builtinFiles returns the built-in pack's files.
func builtinFiles(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(builtin.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(builtin.FS(), name)
		out[name] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 3 {
		t.Fatalf("the built-in pack has only %d files", len(out))
	}
	return out
}

// validDir writes the built-in pack, the extras and the skipped files to
// a new folder and returns it with the files the pack should hold.
func validDir(t testing.TB) (string, map[string]string) {
	t.Helper()
	want := builtinFiles(t)
	maps.Copy(want, extras)
	dir := t.TempDir()
	writeTree(t, dir, want)
	writeTree(t, dir, skippedFiles)
	if err := os.MkdirAll(filepath.Join(dir, "empty", "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, want
}

// zipOfTree zips every file under dir with archive/zip as a zip tool
// would: folder entries first, then files, hidden ones included.
func zipOfTree(t testing.TB, dir string) []byte {
	t.Helper()
	var entries []zentry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			entries = append(entries, folder(rel+"/"))
			return nil
		}
		data, err := os.ReadFile(p)
		entries = append(entries, zentry{hdr: file(rel, "").hdr, body: data})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buildZip(t, entries...)
}

// TestValidPack checks that a valid pack opens as a folder and as a zip
// file with identical files, skipping the system files silently, and that
// package lessons accepts the result.
func TestValidPack(t *testing.T) {
	dir, want := validDir(t)
	fromDir, err := openDir(t, dir)
	if err != nil {
		t.Fatalf("OpenDir: %v", err)
	}
	data := zipOfTree(t, dir)
	fromZip, err := readZip(t, data)
	if err != nil {
		t.Fatalf("ReadZip: %v", err)
	}
	zipPath := filepath.Join(t.TempDir(), "Pack.ZIP")
	if err := os.WriteFile(zipPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	fromOpen, err := guarded(t, func() (fs.FS, error) { return packfs.Open(zipPath) })
	if err != nil {
		t.Fatalf("Open(.zip): %v", err)
	}
	for name, fsys := range map[string]fs.FS{"folder": fromDir, "zip": fromZip, "Open zip": fromOpen} {
		got := pack(t, fsys)
		if !maps.Equal(got, want) {
			t.Errorf("%s: files differ:\ngot  %q\nwant %q", name, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		p, err := lessons.Load(fsys)
		if err != nil {
			t.Errorf("%s: lessons.Load: %v", name, err)
		} else if p.LessonCount() == 0 {
			t.Errorf("%s: lessons.Load found no lessons", name)
		}
		// Folder entries are kept, implied folders are made.
		for _, d := range []string{"lessons", "notes/deep/er/still", "banks"} {
			if info, err := fs.Stat(fsys, d); err != nil || !info.IsDir() || info.Mode() != fs.ModeDir|0o555 {
				t.Errorf("%s: Stat(%q) = %v, %v", name, d, info, err)
			}
		}
	}
	if _, err := fs.Stat(fromDir, "empty/folder"); err != nil {
		t.Errorf("empty folder missing: %v", err)
	}
	for name := range skippedFiles {
		for _, fsys := range []fs.FS{fromDir, fromZip} {
			if _, err := fs.Stat(fsys, name); err == nil {
				t.Errorf("%q was not skipped", name)
			}
		}
	}
}

// TestSkippedSilently checks that .DS_Store, .git/ and __MACOSX/ are
// skipped without a problem even when they hold what would be refused
// (symbolic links, archives, invalid UTF-8, no ending), in folders and
// zip files.
func TestSkippedSilently(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pack.yaml": "format: 1\n"})
	writeTree(t, dir, skippedFiles)
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, ".git", "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, ".hidden-link")); err != nil {
		t.Fatal(err)
	}
	fsys, err := openDir(t, dir)
	if err != nil {
		t.Fatalf("OpenDir: %v", err)
	}
	if got := packfs.Files(fsys); !slices.Equal(got, []string{"pack.yaml"}) {
		t.Errorf("folder: files = %q", got)
	}

	entries := []zentry{valid, withMode(file(".git/link", "/etc/passwd"), fs.ModeSymlink|0o777), file("__MACOSX/inner.zip", "PK")}
	for name, body := range skippedFiles {
		entries = append(entries, file(name, body))
	}
	entries = append(entries, folder("__MACOSX/"), folder(".git/"))
	fsys, err = readZip(t, buildZip(t, entries...))
	if err != nil {
		t.Fatalf("ReadZip: %v", err)
	}
	if got := packfs.Files(fsys); !slices.Equal(got, []string{"pack.yaml"}) {
		t.Errorf("zip: files = %q", got)
	}
	// Skipping is no way round the name checks: a path escaping the pack
	// is refused even under a hidden folder.
	wantProblem(t, bothWays(t, buildZip(t, valid, file(".git/../../x.md", "x"))), ".git/../../x.md", "leads outside the pack")
}

// TestRoundTrip checks that a pack exported with WriteZip and imported
// with ReadZip has identical files, and that exports are identical byte
// for byte.
func TestRoundTrip(t *testing.T) {
	dir, want := validDir(t)
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.Open(dir) })
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := packfs.WriteZip(&a, fsys); err != nil {
		t.Fatal(err)
	}
	if err := packfs.WriteZip(&b, fsys); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same pack differ")
	}
	back, err := readZip(t, a.Bytes())
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if got := pack(t, back); !maps.Equal(got, want) {
		t.Errorf("round trip changed the files:\ngot  %q\nwant %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	// Exporting the re-imported pack gives the same bytes again.
	var c bytes.Buffer
	if err := packfs.WriteZip(&c, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("export of the re-imported pack differs")
	}
	// The export of any FS is accepted back when its files are: an
	// fstest.MapFS, with its files in a different order.
	m := fstest.MapFS{"b.md": {Data: []byte("b\n")}, "a/z.md": {Data: []byte("z\n")}, "a-c.md": {Data: []byte("c\n")}}
	var d bytes.Buffer
	if err := packfs.WriteZip(&d, m); err != nil {
		t.Fatal(err)
	}
	back, err = readZip(t, d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := packfs.Files(back); !slices.Equal(got, []string{"a-c.md", "a/z.md", "b.md"}) {
		t.Errorf("files = %q", got)
	}
	// Symbolic links are an error for WriteZip, not skipped.
	m["link.md"] = &fstest.MapFile{Data: []byte("b.md"), Mode: fs.ModeSymlink}
	if err := packfs.WriteZip(&d, m); err == nil {
		t.Error("WriteZip exported a symbolic link")
	}
}

// TestFSConformance runs testing/fstest.TestFS on a pack FS, which checks
// Open, ReadDir, ReadFile, Stat, Seek and ReadAt against each other, and
// checks the modes and the refusal of invalid paths.
func TestFSConformance(t *testing.T) {
	dir, want := validDir(t)
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.Open(dir) })
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, slices.Sorted(maps.Keys(want))...); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/pack.yaml", "lessons/", "./pack.yaml", ""} {
		if _, err := fsys.Open(name); err == nil {
			t.Errorf("Open(%q) succeeded", name)
		}
	}
	info, err := fs.Lstat(fsys, "pack.yaml")
	if err != nil || info.Mode() != 0o444 || !info.Mode().IsRegular() {
		t.Errorf("Lstat(pack.yaml) = %v, %v", info, err)
	}
	if _, err := fs.ReadLink(fsys, "pack.yaml"); err == nil {
		t.Error("ReadLink of a regular file succeeded")
	}
	// ReadFile returns a copy: changing it changes nothing.
	data, _ := fs.ReadFile(fsys, "pack.yaml")
	clear(data)
	if again, _ := fs.ReadFile(fsys, "pack.yaml"); !bytes.Equal(again, []byte(want["pack.yaml"])) {
		t.Error("ReadFile returned the pack's own buffer")
	}
	if packfs.Files(os.DirFS(dir)) != nil {
		t.Error("Files of an os.DirFS is not nil")
	}
	if _, err := packfs.Bytes(os.DirFS(dir), "pack.yaml"); err == nil {
		t.Error("Bytes of an os.DirFS succeeded")
	}
	if _, err := packfs.Bytes(fsys, "lessons"); err == nil {
		t.Error("Bytes of a folder succeeded")
	}
}

// TestConcurrentReads reads a pack FS from many goroutines at once, as
// the loader does; run with -race.
func TestConcurrentReads(t *testing.T) {
	dir, want := validDir(t)
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.Open(dir) })
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for name, body := range want {
				data, err := fs.ReadFile(fsys, name)
				if err != nil || string(data) != body {
					t.Errorf("ReadFile(%q) = %v", name, err)
				}
				f, err := fsys.Open(name)
				if err != nil {
					t.Error(err)
					continue
				}
				buf := make([]byte, 7)
				f.Read(buf)
				f.Close()
			}
			if err := fs.WalkDir(fsys, ".", func(string, fs.DirEntry, error) error { return nil }); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := lessons.Load(fsys); err != nil {
		t.Error(err)
	}
}
