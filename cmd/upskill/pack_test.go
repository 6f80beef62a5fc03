package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/termtest"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

const example = "../../examples/cyber-basics"

// zipDir writes a folder as a .zip, as a trainer's archiver would.
func zipDir(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPackNewThenValidate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-pack")
	r := upskill(t, nil, "pack", "new", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "Created a new pack in "+dir) {
		t.Fatalf("pack new: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = upskill(t, nil, "pack", "validate", dir)
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "is a valid pack: my-pack 0.1.0, 1 module, 1 lesson, 7 questions, 1 badge") {
		t.Errorf("the new pack: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := upskill(t, nil, "pack", "new", dir); r.code != 1 || !strings.Contains(r.stderr, "the folder is not empty") {
		t.Errorf("pack new over a pack: exit %d %q", r.code, r.stderr)
	}
}

func TestPackValidateZipAndHostileZip(t *testing.T) {
	r := upskill(t, nil, "pack", "validate", zipDir(t, example))
	if r.code != 0 || !strings.Contains(r.stdout, "is a valid pack: cyber-basics 1.0.0") {
		t.Errorf("zip of the example: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	evil := filepath.Join(t.TempDir(), "evil.zip")
	f, _ := os.Create(evil)
	zw := zip.NewWriter(f)
	for _, name := range []string{"pack.yaml", "../../escape.md", "lessons/a.md", "lessons/A.md"} {
		w, _ := zw.Create(name)
		io.WriteString(w, "x")
	}
	zw.Close()
	f.Close()
	r = upskill(t, nil, "pack", "validate", evil)
	if r.code != 1 || !strings.Contains(r.stderr, "escape.md") || !strings.Contains(r.stderr, "2 errors in "+evil+" make it invalid") {
		t.Errorf("hostile zip: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(evil), "..", "escape.md")); err == nil {
		t.Error("a file was written outside the pack")
	}
}

func TestImportListExportRemove(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	env := []string{"UPSKILL_DB=" + db}
	r := upskill(t, env, "pack", "import", example)
	if r.code != 0 || !strings.Contains(r.stdout, "Imported cyber-basics 1.0.0 (Cyber security basics): 2 lessons, 9 questions.") {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("a quick import wrote to stderr:\n%s", r.stderr)
	}
	r = upskill(t, env, "pack", "list")
	for _, want := range []string{"ID", "council-digital-essentials", "built in", "cyber-basics", "1.0.0", "Cyber security basics", "imported"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list lacks %q:\n%s", want, r.stdout)
		}
	}
	r = upskill(t, env, "pack", "list", "--json")
	var listed []struct {
		ID        string `json:"id"`
		Questions int    `json:"questions"`
		Origin    string `json:"origin"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) != 2 || listed[1].ID != "cyber-basics" || listed[1].Questions != 9 || listed[1].Origin != "imported" {
		t.Errorf("list --json: %v\n%s", err, r.stdout)
	}

	// Equal or older versions need --force.
	r = upskill(t, env, "pack", "import", example)
	if r.code != 1 || !strings.Contains(r.stderr, "is not newer than the version on offer (imported 1.0.0); use --force") {
		t.Errorf("re-import: exit %d %q", r.code, r.stderr)
	}
	if r := upskill(t, env, "pack", "import", "--force", example); r.code != 0 || !strings.Contains(r.stdout, "No lesson or question changed.") {
		t.Errorf("--force with the same pack: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// An upgrade says what changed.
	newer := copyDir(t, example)
	edit(t, filepath.Join(newer, "pack.yaml"), "version: 1.0.0", "version: 1.1.0")
	edit(t, filepath.Join(newer, "lessons", "strong-passwords.md"), "minutes: 6", "minutes: 7")
	edit(t, filepath.Join(newer, "banks", "phishing.gift"), "[id:report-text]", "[id:report-sms]")
	r = upskill(t, env, "pack", "import", newer)
	for _, want := range []string{"Replaced imported 1.0.0 with cyber-basics 1.1.0", "Lessons changed (2): strong-passwords, spotting-phishing",
		"Questions added (1): spotting-phishing/report-sms", "Questions removed (1): spotting-phishing/report-text", "Learners keep their progress"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("upgrade output lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}

	// Export, then import elsewhere: the same pack.
	zipPath := filepath.Join(t.TempDir(), "out.zip")
	if r := upskill(t, env, "pack", "export", "cyber-basics", "-o", zipPath); r.code != 0 {
		t.Fatalf("export: %q", r.stderr)
	}
	other := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "other.db")}
	if r := upskill(t, other, "pack", "import", zipPath); r.code != 0 || !strings.Contains(r.stdout, "Imported cyber-basics 1.1.0") {
		t.Errorf("import of the export: exit %d %q", r.code, r.stdout+r.stderr)
	}
	a, _ := lessons.Load(os.DirFS(newer))
	store, _ := progress.Open(filepath.Join(filepath.Dir(other[0][len("UPSKILL_DB="):]), "other.db"), review.StoreOptions())
	_, parsed, err := store.Pack("cyber-basics")
	store.Close()
	b, derr := lessons.Decode(parsed)
	if err != nil || derr != nil || a.QuestionCount() != b.QuestionCount() || a.Version != b.Version {
		t.Errorf("round trip: %v %v", err, derr)
	}
	// The built-in pack exports too.
	if r := upskill(t, env, "pack", "export", "council-digital-essentials", "-o", filepath.Join(t.TempDir(), "b.zip")); r.code != 0 {
		t.Errorf("export built-in: %q", r.stderr)
	}

	// Removing: progress is kept unless purged, and purging needs --yes
	// when nobody can be asked.
	if r := upskill(t, env, "pack", "remove", "council-digital-essentials"); r.code != 1 || !strings.Contains(r.stderr, "only imported packs can be removed") {
		t.Errorf("remove built-in: exit %d %q", r.code, r.stderr)
	}
	if r := upskill(t, env, "pack", "remove", "cyber-basics", "--purge-progress"); r.code != 1 || !strings.Contains(r.stderr, "add --yes") {
		t.Errorf("purge without --yes: exit %d %q", r.code, r.stderr)
	}
	if r := upskill(t, env, "pack", "remove", "cyber-basics", "--purge-progress", "--yes"); r.code != 0 || !strings.Contains(r.stdout, "Removed cyber-basics. Learners' progress in it was deleted.") {
		t.Errorf("remove: exit %d %q", r.code, r.stdout+r.stderr)
	}
	if r := upskill(t, env, "pack", "list"); strings.Contains(r.stdout, "cyber-basics") {
		t.Errorf("still listed after removal:\n%s", r.stdout)
	}
}

func TestImportRefusesInvalidPackAndStoresNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	env := []string{"UPSKILL_DB=" + db}
	bad := copyDir(t, example)
	edit(t, filepath.Join(bad, "banks", "phishing.gift"), "{#7726:0#", "{#seventy:0#")
	r := upskill(t, env, "pack", "import", bad)
	if r.code != 1 || !strings.Contains(r.stderr, bad+"/banks/phishing.gift:22:") || !strings.Contains(r.stderr, "1 error in "+bad) {
		t.Errorf("invalid import: exit %d\n%s", r.code, r.stderr)
	}
	if r := upskill(t, env, "pack", "list", "--json"); strings.Contains(r.stdout, "cyber-basics") {
		t.Error("an invalid pack was stored")
	}
}

func TestSystemWidePacksListed(t *testing.T) {
	sys := t.TempDir()
	packs := filepath.Join(sys, "upskill", "packs")
	os.MkdirAll(packs, 0o755)
	os.Rename(copyDir(t, example), filepath.Join(packs, "cyber-basics"))
	broken := copyDir(t, example)
	edit(t, filepath.Join(broken, "pack.yaml"), "format: 1", "format: 7")
	os.Rename(broken, filepath.Join(packs, "broken"))
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db"), "XDG_DATA_DIRS=" + sys}
	r := upskill(t, env, "pack", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "system-wide") || !strings.Contains(r.stderr, "skipped system-wide pack "+filepath.Join(packs, "broken")) {
		t.Errorf("list with system packs: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestPreviewReloadsOnChange runs `pack preview` in a terminal, edits the
// pack, breaks it and mends it, and watches the screen follow.
func TestPreviewReloadsOnChange(t *testing.T) {
	dir := copyDir(t, example)
	term := termtest.Start(t, 100, 30, testEnv(t), binary, "pack", "preview", "--poll", "100ms", dir)
	term.WaitFor("Welcome, Preview", screenWait)
	term.WaitFor("Cyber security basics", screenWait)
	term.Press("enter")
	term.WaitFor("Three random words", screenWait)
	lesson := filepath.Join(dir, "lessons", "strong-passwords.md")
	edit(t, lesson, "## Three random words", "## Three random words, revised")
	term.WaitFor("revised", screenWait)
	edit(t, lesson, "minutes: 6", "minutes: lots")
	term.WaitFor("The pack has problems", screenWait)
	term.WaitFor("strong-passwords.md:4", screenWait)
	edit(t, lesson, "minutes: lots", "minutes: 6")
	if _, ok := term.Poll(func(s string) bool {
		return !strings.Contains(s, "The pack has problems") && strings.Contains(s, "revised")
	}, screenWait); !ok {
		t.Fatalf("the preview did not recover:\n%s", term.Screen())
	}
	term.Press("q")
	if err := term.Wait(screenWait); err != nil {
		t.Fatal(err)
	}
}

// TestImportZipOfFolder: zipping the pack's folder puts every file under
// one top folder; that zip imports too.
func TestImportZipOfFolder(t *testing.T) {
	parent := t.TempDir()
	os.Rename(copyDir(t, example), filepath.Join(parent, "cyber-basics"))
	zipPath := zipDir(t, parent)
	r := upskill(t, []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db")}, "pack", "import", zipPath)
	if r.code != 0 || !strings.Contains(r.stdout, "Imported cyber-basics 1.0.0") {
		t.Errorf("zip of the folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
