package packfs_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// valid is a file every hostile zip in these tests also holds, so that a
// refusal is down to the hostile entry.
var valid = file("pack.yaml", "format: 1\n")

// TestZipSlipNames checks that names which could lead outside the pack
// are refused by name, under both settings of GODEBUG zipinsecurepath (Go's
// own check is off by default and must not be relied on).
func TestZipSlipNames(t *testing.T) {
	cases := []struct{ name, want string }{
		{"../x.md", "leads outside the pack"},
		{"/abs.md", "absolute path"},
		{`C:\x.md`, `":"`},
		{`C:x.md`, `":"`},
		{`a\..\b.md`, "backslash"},
		{`\x.md`, "backslash"},
		{"lessons/../../x.md", "leads outside the pack"},
		{"lessons/../x.md", "leads outside the pack"},
		{"./x.md", "only a dot"},
		{"a//x.md", "empty part"},
		{"//x.md", "absolute path"},
		{"../", "leads outside the pack"},
		{"..", "leads outside the pack"},
		{"", "no name"},
	}
	for _, godebug := range []string{"zipinsecurepath=1", "zipinsecurepath=0"} {
		t.Run(godebug, func(t *testing.T) {
			t.Setenv("GODEBUG", godebug)
			for _, c := range cases {
				e := file(c.name, "# x\n")
				if strings.HasSuffix(c.name, "/") {
					e = folder(c.name)
				}
				problems := bothWays(t, buildZip(t, valid, e))
				wantProblem(t, problems, esc(c.name), c.want)
				if len(problems) != 1 {
					t.Errorf("%q: want exactly one problem, got:\n%s", c.name, list(problems))
				}
			}
		})
	}
}

// TestControlCharacterNames checks that control, bidirectional and
// invisible characters in a name are refused and escaped in the problem.
func TestControlCharacterNames(t *testing.T) {
	cases := []struct{ name, path, code string }{
		{"lessons/\x1b[31mred.md", `lessons/\x1b[31mred.md`, "U+001B"},
		{"a\nb.md", `a\nb.md`, "U+000A"},
		{"a\tb.md", `a\tb.md`, "U+0009"},
		{"a\rb.md", `a\rb.md`, "U+000D"},
		{"a\x7fb.md", `a\x7fb.md`, "U+007F"},
		{"a\u009bb.md", `a\u009bb.md`, "U+009B"},
		{"evil\u202edm.txt", `evil\u202edm.txt`, "U+202E"},
		{"a\u2066b.md", `a\u2066b.md`, "U+2066"},
		{"a\u200bb.md", `a\u200bb.md`, "U+200B"},
		{"\ufeffa.md", `\ufeffa.md`, "U+FEFF"},
		{"a\u2028b.md", `a\u2028b.md`, "U+2028"},
	}
	for _, c := range cases {
		problems := bothWays(t, buildZip(t, valid, file(c.name, "x\n")))
		wantProblem(t, problems, c.path, "control or invisible character ("+c.code+")")
	}
}

// TestInvalidUTF8Name checks that a name that is not UTF-8 is refused and
// its bytes escaped.
func TestInvalidUTF8Name(t *testing.T) {
	problems := bothWays(t, buildZip(t, valid, file("lessons/caf\xe9.md", "x\n")))
	wantProblem(t, problems, `lessons/caf\xe9.md`, "not valid UTF-8")
}

// TestWindowsCharacters checks that characters Windows does not allow in
// file names are refused, so that every accepted pack can be stored
// anywhere.
func TestWindowsCharacters(t *testing.T) {
	for _, c := range strings.Split(`:*?"<>|`, "") {
		name := "a" + c + "b.md"
		problems := bothWays(t, buildZip(t, valid, file(name, "x\n")))
		wantProblem(t, problems, strings.ReplaceAll(name, `"`, `\"`), "Windows does not allow")
	}
}

// TestLongName checks MaxNameBytes on each part of a path.
func TestLongName(t *testing.T) {
	ok := strings.Repeat("a", packfs.MaxNameBytes-3) + ".md"
	long := strings.Repeat("a", packfs.MaxNameBytes-2) + ".md"
	fsys, err := readZip(t, buildZip(t, valid, file(ok, "x\n"), file("d/"+ok, "x\n")))
	if err != nil || fsys == nil {
		t.Fatalf("a %d-byte name was refused: %v", len(ok), err)
	}
	for _, name := range []string{long, "d/" + long, long + "/x.md"} {
		problems := bothWays(t, buildZip(t, valid, file(name, "x\n")))
		wantProblem(t, problems, name, "longer than 255 bytes")
	}
}

// esc escapes a name as problems do: as in a Go string, without quotes.
func esc(name string) string {
	q := strconv.Quote(name)
	return q[1 : len(q)-1]
}

// TestDoubleDots checks that ".." is refused anywhere in a name, in zip
// files and folders, and single dots are not.
func TestDoubleDots(t *testing.T) {
	for _, name := range []string{"a..b.md", "notes/x...md", "v1..2/a.md"} {
		wantProblem(t, bothWays(t, buildZip(t, valid, file(name, "x\n"))), name, `the name contains ".."`)
	}
	if fsys, err := readZip(t, buildZip(t, file("a.b.c.md", "x\n"), file("v1.2/a.md", "x\n"))); err != nil || fsys == nil {
		t.Errorf("single dots refused: %v", err)
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pack.yaml": "x\n", "a..b.md": "x\n"})
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), "a..b.md", `the name contains ".."`)
}
