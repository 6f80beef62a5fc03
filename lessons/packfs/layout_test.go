package packfs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// TestDuplicateNames checks that a name listed twice is refused: Go's
// fs.ReadFile would give the first copy and a loop over the entries the
// last, so a checker and a reader could disagree about the content.
func TestDuplicateNames(t *testing.T) {
	problems := bothWays(t, buildZip(t, valid, file("lessons/a.md", "first\n"), file("lessons/a.md", "second\n")))
	wantProblem(t, problems, "lessons/a.md", "appears more than once")
	problems = bothWays(t, buildZip(t, valid, folder("lessons/"), folder("lessons/")))
	wantProblem(t, problems, "lessons", "appears more than once")
}

// TestCaseDuplicateNames checks that names differing only in case are
// refused, for files and for folders, in zip files and in folders (which
// can hold both on Linux).
func TestCaseDuplicateNames(t *testing.T) {
	cases := []struct{ a, b, path, want string }{
		{"lessons/a.md", "lessons/A.md", "lessons/A.md", `"lessons/A.md" differs only in case from "lessons/a.md"`},
		{"lessons/a.md", "Lessons/b.md", "Lessons/b.md", `"Lessons" differs only in case from "lessons"`},
		{"straße.md", "STRASSE.md", "", ""}, // full case folding is not simple folding: both allowed
		{"ǅ.md", "ǆ.md", "ǆ.md", "differs only in case"},
		{"k.md", "\u212a.md", "\u212a.md", "differs only in case"}, // KELVIN SIGN folds to k
	}
	for _, c := range cases {
		data := buildZip(t, valid, file(c.a, "x\n"), file(c.b, "y\n"))
		if c.want == "" {
			if fsys, err := readZip(t, data); err != nil || fsys == nil {
				t.Errorf("%q and %q: refused: %v", c.a, c.b, err)
			}
			continue
		}
		wantProblem(t, bothWays(t, data), c.path, c.want)

		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"pack.yaml": "format: 1\n", c.a: "x\n", c.b: "y\n"})
		fsys, err := openDir(t, dir)
		problems := refused(t, fsys, err)
		if len(problems) != 1 || !strings.Contains(problems[0].Message, "differs only in case") {
			t.Errorf("folder with %q and %q:\n%s", c.a, c.b, list(problems))
		}
	}
}

// TestFileFolderClash checks that a file and a folder of the same name are
// refused, whichever comes first, with and without folder entries.
func TestFileFolderClash(t *testing.T) {
	cases := []struct {
		entries []zentry
		path    string
	}{
		{[]zentry{file("notes.md", "x\n"), file("notes.md/a.md", "y\n")}, "notes.md/a.md"},
		{[]zentry{file("notes.md/a.md", "y\n"), file("notes.md", "x\n")}, "notes.md"},
		{[]zentry{folder("notes.md/"), file("notes.md", "x\n")}, "notes.md"},
		{[]zentry{file("notes.md", "x\n"), folder("notes.md/")}, "notes.md"},
		{[]zentry{file("a.md", "x\n"), file("A.md/b.md", "y\n")}, "A.md/b.md"},
	}
	for _, c := range cases {
		problems := bothWays(t, buildZip(t, append([]zentry{valid}, c.entries...)...))
		if !strings.Contains(list(problems), c.path+": ") {
			t.Errorf("no problem at %q:\n%s", c.path, list(problems))
		}
	}
	problems := bothWays(t, buildZip(t, valid, file("notes.md", "x\n"), file("notes.md/a.md", "y\n")))
	wantProblem(t, problems, "notes.md/a.md", `both a file and a folder named "notes.md"`)
}

// TestTooDeep checks MaxDepth in zip files and folders: a file may sit in
// MaxDepth folders, not one more.
func TestTooDeep(t *testing.T) {
	deepest := strings.Repeat("d/", packfs.MaxDepth) + "x.md"
	tooDeep := strings.Repeat("d/", packfs.MaxDepth+1) + "x.md"
	if fsys, err := readZip(t, buildZip(t, valid, file(deepest, "x\n"))); err != nil || fsys == nil {
		t.Errorf("a file in %d folders was refused: %v", packfs.MaxDepth, err)
	}
	problems := bothWays(t, buildZip(t, valid, file(tooDeep, "x\n")))
	wantProblem(t, problems, tooDeep, "nested more than 8 deep")
	problems = bothWays(t, buildZip(t, valid, folder(strings.Repeat("d/", packfs.MaxDepth+1))))
	wantProblem(t, problems, strings.Repeat("d/", packfs.MaxDepth+1), "nested more than 8 deep")

	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pack.yaml": "x\n", deepest: "x\n"})
	if fsys, err := openDir(t, dir); err != nil || fsys == nil {
		t.Errorf("folder: a file in %d folders was refused: %v", packfs.MaxDepth, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(strings.Repeat("d/", packfs.MaxDepth+3))), 0o755); err != nil {
		t.Fatal(err)
	}
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), strings.TrimSuffix(strings.Repeat("d/", packfs.MaxDepth+1), "/"), "nested more than 8 deep")
}
