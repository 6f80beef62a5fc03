package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/termtest"
)

// These tests hold the messages of issue 16 to their exact text: the
// messages are the trainer's interface.

// requireStderr fails unless a run's standard error is exactly want,
// one line each.
func requireStderr(t *testing.T, r result, code int, want ...string) {
	t.Helper()
	if got := strings.TrimSuffix(r.stderr, "\n"); r.code != code || got != strings.Join(want, "\n") {
		t.Errorf("exit %d, want %d; stderr:\n%s\nwant:\n%s", r.code, code, got, strings.Join(want, "\n"))
	}
}

// Items 3, 6 and 10: a file of a type a pack may not hold is reported
// with the pack's other problems, not instead of them; the summary says
// the errors make the pack invalid and the warning does not; a folder
// with a trailing slash gives clean paths.
func TestValidateReportsEveryProblemBesideAForbiddenFile(t *testing.T) {
	dir := copyDir(t, example)
	os.WriteFile(filepath.Join(dir, "banks", "logo.png"), []byte("\x89PNG"), 0o644)
	edit(t, filepath.Join(dir, "lessons", "spotting-phishing.md"), "title:", "\ttitle:")
	r := upskill(t, nil, "pack", "validate", dir+"/")
	requireStderr(t, r, 1,
		dir+`/banks/logo.png: files ending ".png" are not allowed in a pack; allowed endings are .yaml, .yml, .md, .gift and .txt`,
		dir+"/lessons/spotting-phishing.md:3: YAML syntax error: found a tab character that violates indentation",
		dir+`/pack.yaml:19: warning: module "staying-safe" names lesson "spotting-phishing", which could not be read because of the problem in lessons/spotting-phishing.md`,
		"2 errors in "+dir+" make it invalid; the warning does not")
}

// Item 10: a .zip of a folder names each file with the folder inside it.
func TestZipOfFolderNamesTheFolderInside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "my-pack")
	os.Rename(copyDir(t, example), dir)
	edit(t, filepath.Join(dir, "lessons", "strong-passwords.md"), "minutes: 6", "minutes: lots")
	zipPath := zipDir(t, parent)
	r := upskill(t, nil, "pack", "validate", zipPath)
	requireStderr(t, r, 1,
		zipPath+`/my-pack/lessons/strong-passwords.md:4: "minutes" must be a whole number, found "lots"`,
		"1 error in "+zipPath+" makes it invalid")
}

// Item 5: size messages use the documentation's units and the limit that
// applies to the file: a lesson over the 4 MiB any-file limit is told the
// 256 KiB lesson limit.
func TestSizeMessagesUseTheLimitThatApplies(t *testing.T) {
	for _, c := range []struct {
		name string
		size int
		want string
	}{
		{"over the lesson limit", 300_000, "/lessons/strong-passwords.md: the file is 293 KiB; the limit for a lesson file is 256 KiB"},
		{"over the any-file limit", 5_000_000, "/lessons/strong-passwords.md: the file is 4.8 MiB; the limit for a lesson file is 256 KiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyDir(t, example)
			lesson := filepath.Join(dir, "lessons", "strong-passwords.md")
			data, _ := os.ReadFile(lesson)
			os.WriteFile(lesson, append(data, strings.Repeat("a", c.size-len(data))...), 0o644)
			r := upskill(t, nil, "pack", "validate", dir)
			if r.code != 1 || !strings.Contains(r.stderr, dir+c.want+"\n") {
				t.Errorf("exit %d; stderr:\n%s\nwant a line %q", r.code, r.stderr, dir+c.want)
			}
		})
	}
}

// Item 7: previewing a pack that is invalid already opens on its
// problems and waits for the fix, as when it breaks while previewing.
func TestPreviewOfAnInvalidPackWaitsForTheFix(t *testing.T) {
	dir := copyDir(t, example)
	lesson := filepath.Join(dir, "lessons", "strong-passwords.md")
	edit(t, lesson, "minutes: 6", "minutes: lots")
	term := termtest.Start(t, 100, 30, testEnv(t), binary, "pack", "preview", "--poll", "100ms", dir)
	term.WaitFor("The pack has problems", screenWait)
	term.WaitFor(`strong-passwords.md:4: "minutes" must be a whole number`, screenWait)
	edit(t, lesson, "minutes: lots", "minutes: 6")
	if _, ok := term.Poll(func(s string) bool {
		return !strings.Contains(s, "The pack has problems") && strings.Contains(s, "Cyber security basics")
	}, screenWait); !ok {
		t.Fatalf("the preview did not open the mended pack:\n%s", term.Screen())
	}
	// The built-in pack stood in while the pack was broken: none of its
	// mandatory training may be left on the home screen.
	if _, ok := term.Poll(func(s string) bool { return strings.Contains(s, "Welcome, Preview") }, screenWait); !ok ||
		strings.Contains(term.Screen(), "Using AI at work safely") {
		t.Fatalf("the mended pack's home screen:\n%s", term.Screen())
	}
	term.Press("q")
	if err := term.Wait(screenWait); err != nil {
		t.Fatal(err)
	}
}

// Item 8: a failed import ends with an "upskill:" line saying that nothing
// was stored, and why.
func TestFailedImportSaysNothingWasStored(t *testing.T) {
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db")}
	dir := copyDir(t, example)
	edit(t, filepath.Join(dir, "lessons", "strong-passwords.md"), "minutes: 6", "minutes: lots")
	requireStderr(t, upskill(t, env, "pack", "import", dir), 1,
		dir+`/lessons/strong-passwords.md:4: "minutes" must be a whole number, found "lots"`,
		"upskill: "+dir+" was not imported, and nothing was stored: 1 error in "+dir+" makes it invalid")
	edit(t, filepath.Join(dir, "lessons", "strong-passwords.md"), "minutes: lots", "minutes: 6")
	if r := upskill(t, env, "pack", "import", dir); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	requireStderr(t, upskill(t, env, "pack", "import", dir), 1,
		"upskill: "+dir+" was not imported, and nothing was stored: pack cyber-basics 1.0.0 is not newer than the version on offer (imported 1.0.0); use --force to import it anyway")
}

// Item 9: "not found" is worded one way, with the ids on offer.
func TestNotOnOfferIsWordedOneWay(t *testing.T) {
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db")}
	want := `upskill: no pack "nope" is on offer; the packs on offer are council-digital-essentials`
	requireStderr(t, upskill(t, env, "pack", "remove", "nope"), 1, want)
	requireStderr(t, upskill(t, env, "pack", "export", "nope", "-o", filepath.Join(t.TempDir(), "x.zip")), 1, want)
}

// Item 11: an invalid system-wide pack is listed one problem a line, as
// pack validate lists it.
func TestSkippedSystemPackOneProblemALine(t *testing.T) {
	sys := t.TempDir()
	packs := filepath.Join(sys, "upskill", "packs")
	os.MkdirAll(packs, 0o755)
	broken := filepath.Join(packs, "broken")
	os.Rename(copyDir(t, example), broken)
	edit(t, filepath.Join(broken, "pack.yaml"), "format: 1", "format: 7")
	edit(t, filepath.Join(broken, "lessons", "strong-passwords.md"), "minutes: 6", "minutes: lots")
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db"), "XDG_DATA_DIRS=" + sys}
	requireStderr(t, upskill(t, env, "pack", "list"), 0,
		"upskill: skipped system-wide pack "+broken+", which is invalid:",
		broken+`/lessons/strong-passwords.md:4: "minutes" must be a whole number, found "lots"`,
		broken+"/pack.yaml:4: format 7 needs a newer version of Upskill (this one reads format 1)",
		"2 errors in "+broken+" make it invalid")
}

// Item 14: what the README's trainer's loop says pack list shows is what
// it shows: every thing it names is a column of the list.
func TestReadmePackListLineMatchesColumns(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var claim string
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "upskill pack list ") && strings.Contains(line, "#") {
			claim = strings.TrimSpace(line[strings.Index(line, "#")+1:])
		}
	}
	_, things, ok := strings.Cut(claim, ": ")
	if !ok {
		t.Fatalf("the README's pack list line does not list what it shows: %q", claim)
	}
	r := upskill(t, []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db")}, "pack", "list")
	header, _, _ := strings.Cut(r.stdout, "\n")
	for _, thing := range strings.Split(things, ", ") {
		column := strings.ToUpper(strings.TrimSuffix(thing, "s"))
		if !strings.Contains(header, column) {
			t.Errorf("the README says pack list shows %s, but it has no %s column: %s", thing, column, header)
		}
	}
}
