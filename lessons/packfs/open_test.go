package packfs_test

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// TestOpenDispatch checks how Open decides between a folder and a zip
// file, and that it refuses anything else by the pack's kind.
func TestOpenDispatch(t *testing.T) {
	dir := t.TempDir()
	data := buildZip(t, valid)
	writeTree(t, dir, map[string]string{"pack.txt": string(data), "pack.zip": string(data), "PACK.Zip": string(data), "folder.zip/pack.yaml": "format: 1\n"})
	cases := []struct {
		path string
		ok   bool
		want string
	}{
		{"pack.zip", true, ""},
		{"PACK.Zip", true, ""},
		{"folder.zip", true, ""}, // a folder, whatever its name
		{"pack.txt", false, "a pack must be a folder or a .zip file"},
		{"missing.zip", false, "the pack cannot be opened"},
		{"missing", false, "the pack cannot be opened"},
	}
	for _, c := range cases {
		fsys, err := guarded(t, func() (fs.FS, error) { return packfs.Open(filepath.Join(dir, c.path)) })
		if c.ok {
			if err != nil || fsys == nil {
				t.Errorf("Open(%q) = %v", c.path, err)
			}
			continue
		}
		wantProblem(t, refused(t, fsys, err), "", c.want)
	}
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.OpenZip(dir) })
	wantProblem(t, refused(t, fsys, err), "", "not a regular file")
	fsys, err = guarded(t, func() (fs.FS, error) { return packfs.OpenDir(filepath.Join(dir, "pack.zip")) })
	wantProblem(t, refused(t, fsys, err), "", "the pack is not a folder")
	fsys, err = guarded(t, func() (fs.FS, error) { return packfs.OpenDir(filepath.Join(dir, "missing")) })
	wantProblem(t, refused(t, fsys, err), "", "the folder cannot be opened")
}

// TestErrorText checks the text of an *Error with one and several
// problems.
func TestErrorText(t *testing.T) {
	one := &packfs.Error{Problems: []packfs.Problem{{Path: "a.md", Message: "bad"}}}
	if got := one.Error(); got != "pack refused: a.md: bad" {
		t.Errorf("one problem: %q", got)
	}
	two := &packfs.Error{Problems: []packfs.Problem{{Message: "whole"}, {Path: "a.md", Message: "bad"}}}
	if got := two.Error(); got != "pack refused: 2 problems\nwhole\na.md: bad" {
		t.Errorf("two problems: %q", got)
	}
	// Every problem found is listed, not only the first, sorted by path.
	problems := bothWays(t, buildZip(t, file("z.exe", ""), file("../a.md", ""), file("m.md", "\xff"), file("b\x00.md", "")))
	want := []string{"../a.md", `b\x00.md`, "z.exe"}
	if len(problems) != len(want) {
		t.Fatalf("problems:\n%s", list(problems))
	}
	for i, p := range problems {
		if p.Path != want[i] {
			t.Errorf("problem %d at %q, want %q", i, p.Path, want[i])
		}
	}
}
