package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
