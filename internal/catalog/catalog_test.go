package catalog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/progress"
)

var t0 = time.Date(2026, time.November, 26, 9, 0, 0, 0, time.UTC)

// fixture is a catalogue over a fresh progress file, with the UI tests'
// small pack as its built-in pack.
type fixture struct {
	t     *testing.T
	store *progress.Store
	cat   *Catalog
	base  *lessons.Pack
}

func newFixture(t *testing.T, systemDirs ...string) *fixture {
	t.Helper()
	base, err := lessons.Load(os.DirFS("../../tui/testdata/pack"))
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cat, err := Open(store, base, systemDirs)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, cat: cat, base: base}
}

// packDir copies the test pack into a folder, giving it an id and version
// and applying edits (file, old, new) to its text.
func packDir(t *testing.T, id, version string, edits ...string) string {
	t.Helper()
	src := "../../tui/testdata/pack"
	dst := filepath.Join(t.TempDir(), id)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "pack.yaml" {
			data = bytes.Replace(data, []byte("id: test-pack"), []byte("id: "+id), 1)
			data = bytes.Replace(data, []byte("version: 1.0.0"), []byte("version: "+version), 1)
		}
		for i := 0; i+2 < len(edits); i += 3 {
			if edits[i] == rel {
				data = bytes.Replace(data, []byte(edits[i+1]), []byte(edits[i+2]), 1)
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func ids(entries []Entry) string {
	var out []string
	for _, e := range entries {
		out = append(out, e.ID+"@"+e.Version+"/"+e.Source.String())
	}
	return strings.Join(out, " ")
}

func TestImportLoadsAndLists(t *testing.T) {
	f := newFixture(t)
	res, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous != nil || res.Info.ID != "second" || res.Info.Lessons != 3 || res.Info.Questions != 8 || !res.Info.Imported.Equal(t0) {
		t.Errorf("result %+v", res)
	}
	if got := ids(f.cat.Entries()); got != "test-pack@1.0.0/built in second@1.0.0/imported" {
		t.Errorf("entries %s", got)
	}
	p, err := f.cat.Load("second")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := lessons.Load(os.DirFS(packDir(t, "second", "1.0.0")))
	if !reflect.DeepEqual(p, want) {
		t.Error("the stored pack differs from the folder it came from")
	}
	// A new catalogue (the next start) sees it without reading the folder.
	again, err := Open(f.store, f.base, nil)
	if err != nil || ids(again.Entries()) != ids(f.cat.Entries()) {
		t.Errorf("after reopening: %s, %v", ids(again.Entries()), err)
	}
}

func TestImportRefusesBadPacksAndChangesNothing(t *testing.T) {
	f := newFixture(t)
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	before, _ := f.store.PackFiles("second")
	bad := packDir(t, "second", "2.0.0", "lessons/scams.md", "minutes: 3", "minutes: 3000")
	_, err := f.cat.Import(bad, ImportOptions{Now: t0})
	var invalid *lessons.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("invalid pack: %v", err)
	}
	// A zip with a path escaping the pack is refused before any parsing.
	var buf bytes.Buffer
	zipOf(t, &buf, map[string]string{"../escape.md": "x", "pack.yaml": "format: 1"})
	zipPath := filepath.Join(t.TempDir(), "evil.zip")
	os.WriteFile(zipPath, buf.Bytes(), 0o644)
	_, err = f.cat.Import(zipPath, ImportOptions{Now: t0})
	var refused *packfs.Error
	if !errors.As(err, &refused) {
		t.Fatalf("hostile zip: %v", err)
	}
	after, _ := f.store.PackFiles("second")
	info, _, _ := f.store.Pack("second")
	if !reflect.DeepEqual(before, after) || info.Version != "1.0.0" {
		t.Error("a refused import changed the stored pack")
	}
	if got := ids(f.cat.Entries()); got != "test-pack@1.0.0/built in second@1.0.0/imported" {
		t.Errorf("entries %s", got)
	}
}

func TestUpgradeDiffAndVersionRules(t *testing.T) {
	f := newFixture(t)
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1.0.0", "0.9.0", "1.0.0-rc.1"} {
		if _, err := f.cat.Import(packDir(t, "second", v), ImportOptions{Now: t0}); !errors.Is(err, ErrNotNewer) {
			t.Errorf("importing %s over 1.0.0: %v, want ErrNotNewer", v, err)
		}
	}
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Force: true, Now: t0}); err != nil {
		t.Errorf("--force: %v", err)
	}
	newer := packDir(t, "second", "1.1.0",
		"lessons/scams.md", "Scam messages use", "Scam messages often use", // scams changed
		"lessons/passwords.md", "    - id: breach-hours", "    - id: breach-deadline", // a question renamed
		"lessons/requests.md", "prompt: How many working days", "prompt: In how many working days", // a question changed
	)
	res, err := f.cat.Import(newer, ImportOptions{Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous == nil || res.Previous.Version != "1.0.0" {
		t.Errorf("previous %+v", res.Previous)
	}
	if got := strings.Join(res.Lessons.Changed, ","); got != "passwords,scams,requests" {
		t.Errorf("lessons changed %q", got)
	}
	if len(res.Lessons.Added)+len(res.Lessons.Removed) != 0 {
		t.Errorf("lessons added %v removed %v", res.Lessons.Added, res.Lessons.Removed)
	}
	q := res.Questions
	if strings.Join(q.Added, ",") != "passwords/breach-deadline" || strings.Join(q.Removed, ",") != "passwords/breach-hours" ||
		strings.Join(q.Changed, ",") != "requests/foi-days" {
		t.Errorf("questions %+v", q)
	}
}

// TestUpgradeKeepsProgress: records are keyed by ids, so a learner's
// progress in lessons that remain carries over.
func TestUpgradeKeepsProgress(t *testing.T) {
	f := newFixture(t)
	f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0})
	p, _ := f.store.CreateProfile("Sam", "staff", t0)
	key := progress.LessonKey{Pack: "second", Lesson: "scams"}
	f.store.CompleteLesson(p.ID, key, t0)
	f.store.AwardBadge(p.ID, "second", "safe", t0)
	if _, err := f.cat.Import(packDir(t, "second", "2.0.0", "lessons/scams.md", "minutes: 3", "minutes: 4"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	if rec, _ := f.store.Lesson(p.ID, key); rec.Status != progress.Completed {
		t.Errorf("the lesson is %q after the upgrade, want completed", rec.Status)
	}
	if b, _ := f.store.Badges(p.ID, "second"); len(b) != 1 {
		t.Errorf("badges after the upgrade %v", b)
	}
}

func TestRemoveAndExportRoundTrip(t *testing.T) {
	f := newFixture(t)
	dir := packDir(t, "second", "1.0.0")
	f.cat.Import(dir, ImportOptions{Now: t0})
	fsys, err := f.cat.Export("second", nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := packfs.WriteZip(&buf, fsys); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "second.zip")
	os.WriteFile(zipPath, buf.Bytes(), 0o644)
	other := newFixture(t)
	res, err := other.cat.Import(zipPath, ImportOptions{Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := f.cat.Load("second")
	b, _ := other.cat.Load("second")
	if !reflect.DeepEqual(a, b) || res.Info.Questions != 8 {
		t.Error("the exported pack does not import as the same pack")
	}
	if err := f.cat.Remove("second", false); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.cat.Entry("second"); ok {
		t.Error("a removed pack is still on offer")
	}
	if err := f.cat.Remove("test-pack", false); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("removing the built-in pack: %v", err)
	}
}

func TestSystemWidePacks(t *testing.T) {
	sys := t.TempDir()
	packs := filepath.Join(sys, "upskill", "packs")
	os.MkdirAll(packs, 0o755)
	os.Rename(packDir(t, "shared", "1.0.0"), filepath.Join(packs, "shared"))
	// A newer version of the built-in pack replaces it for everyone.
	os.Rename(packDir(t, "test-pack", "1.2.0"), filepath.Join(packs, "newer-builtin"))
	// An invalid pack is reported and skipped.
	os.Rename(packDir(t, "broken", "1.0.0", "pack.yaml", "format: 1", "format: 9"), filepath.Join(packs, "broken"))
	f := newFixture(t, sys, filepath.Join(t.TempDir(), "missing"))
	if got := ids(f.cat.Entries()); got != "test-pack@1.2.0/system-wide shared@1.0.0/system-wide" {
		t.Errorf("entries %s", got)
	}
	problems := f.cat.Problems()
	if len(problems) != 1 || filepath.Base(problems[0].Path) != "broken" || !strings.Contains(problems[0].Err.Error(), "format 9 needs a newer version") {
		t.Errorf("problems %v", problems)
	}
	p, err := f.cat.Load("shared")
	if err != nil || p.ID != "shared" {
		t.Errorf("load shared: %v", err)
	}
	// Importing the same version needs --force; then the imported copy wins
	// the tie.
	if _, err := f.cat.Import(packDir(t, "shared", "1.0.0"), ImportOptions{Now: t0}); !errors.Is(err, ErrNotNewer) {
		t.Errorf("importing the version on offer: %v", err)
	}
	if _, err := f.cat.Import(packDir(t, "shared", "1.0.0"), ImportOptions{Now: t0, Force: true}); err != nil {
		t.Fatal(err)
	}
	if e, _ := f.cat.Entry("shared"); e.Source != Imported {
		t.Errorf("shared comes from %s, want imported", e.Source)
	}
}

// TestStoredPackFromAnotherVersion: a pack encoded by another version of
// Upskill is validated again from its stored files.
func TestStoredPackFromAnotherVersion(t *testing.T) {
	f := newFixture(t)
	f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0})
	info, _, _ := f.store.Pack("second")
	files, _ := f.store.PackFiles("second")
	f.store.PutPack(progress.StoredPack{Info: info, Parsed: []byte(`{"Encoding":0}`), Files: files})
	p, err := f.cat.Load("second")
	if err != nil || p.LessonCount() != 3 {
		t.Fatalf("load: %v", err)
	}
	// Stored files are checked like an imported zip.
	files["../escape.md"] = []byte("x")
	f.store.PutPack(progress.StoredPack{Info: info, Parsed: []byte(`{"Encoding":0}`), Files: files})
	if _, err := f.cat.Load("second"); err == nil {
		t.Error("a tampered stored pack loaded")
	}
}

func TestEntriesOrder(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"zeta", "alpha"} {
		dir := packDir(t, id, "1.0.0", "pack.yaml", "title: Test pack", "title: "+strings.ToUpper(id[:1])+id[1:])
		if _, err := f.cat.Import(dir, ImportOptions{Now: t0}); err != nil {
			t.Fatal(err)
		}
	}
	var titles []string
	for _, e := range f.cat.Entries() {
		titles = append(titles, e.Title)
	}
	if !slices.Equal(titles, []string{"Test pack", "Alpha", "Zeta"}) {
		t.Errorf("order %v: the built-in pack first, then by title", titles)
	}
}
