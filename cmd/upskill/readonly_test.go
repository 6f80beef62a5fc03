package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadingCommandsCreateNoFile runs every command that only reads
// progress on a path that does not exist: each works, and neither the
// file nor its folder appears.
func TestReadingCommandsCreateNoFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "not-yet")
	db := filepath.Join(dir, "upskill.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pack", "list", "--db", db}, 0, "council-digital-essentials"},
		{[]string{"pack", "list", "--json", "--db", db}, 0, `"origin": "builtin"`},
		{[]string{"progress", "--db", db}, 0, "No progress file at"},
		{[]string{"progress", "--json", "--db", db}, 0, `"learners": []`},
		{[]string{"pack", "export", "council-digital-essentials", "-o", filepath.Join(t.TempDir(), "b.zip"), "--db", db}, 0, "Exported"},
		{[]string{"pack", "remove", "cyber-basics", "--db", db}, 1, `no pack "cyber-basics" is on offer`},
	} {
		r := upskill(t, nil, c.args...)
		if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
			t.Errorf("upskill %v: exit %d, want %d and %q:\n%s%s", c.args, r.code, c.code, c.want, r.stdout, r.stderr)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("upskill %v created %s", c.args, dir)
		}
	}
}

// TestPackListJSON checks pack list --json: stable origin ids, the pack's
// language, and an import time only for imported packs.
func TestPackListJSON(t *testing.T) {
	sys := t.TempDir()
	packs := filepath.Join(sys, "upskill", "packs")
	if err := os.MkdirAll(packs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copyDir(t, example), filepath.Join(packs, "cyber-basics")); err != nil {
		t.Fatal(err)
	}
	other := copyDir(t, example)
	edit(t, filepath.Join(other, "pack.yaml"), "id: cyber-basics", "id: cyber-extra")
	edit(t, filepath.Join(other, "pack.yaml"), "language: en-GB", "language: cy")
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db"), "XDG_DATA_DIRS=" + sys}
	if r := upskill(t, env, "pack", "import", other); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	r := upskill(t, env, "pack", "list", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var listed []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	want := map[string]struct{ origin, language string }{
		"council-digital-essentials": {"builtin", "en-GB"},
		"cyber-basics":               {"system", "en-GB"},
		"cyber-extra":                {"imported", "cy"},
	}
	if len(listed) != len(want) {
		t.Fatalf("%d packs listed, want %d:\n%s", len(listed), len(want), r.stdout)
	}
	for _, e := range listed {
		id, _ := e["id"].(string)
		w, ok := want[id]
		if !ok || e["origin"] != w.origin || e["language"] != w.language {
			t.Errorf("%s: origin %v, language %v; want %q, %q", id, e["origin"], e["language"], w.origin, w.language)
		}
		if _, has := e["imported"]; has != (w.origin == "imported") {
			t.Errorf("%s (%s): imported field present %v: %v", id, w.origin, has, e["imported"])
		}
	}
	if strings.Contains(r.stdout, "0001-01-01") {
		t.Errorf("a zero time in the list:\n%s", r.stdout)
	}
	r = upskill(t, env, "pack", "list")
	for _, row := range []string{"council-digital-essentials", "cyber-extra"} {
		line := lineWith(r.stdout, row)
		lang := map[string]string{"council-digital-essentials": " en-GB ", "cyber-extra": " cy "}[row]
		if !strings.Contains(line, lang) {
			t.Errorf("the table row of %s lacks its language %q: %q", row, lang, line)
		}
	}
}

// lineWith is the first line of text that contains s.
func lineWith(text, s string) string {
	for line := range strings.Lines(text) {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}
