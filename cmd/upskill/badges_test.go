package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// badgeFixture is a progress file whose one learner, Asha, has earned the
// built-in pack's first badge; it returns the file and that badge's id.
func badgeFixture(t *testing.T) (db, badgeID string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "upskill.db")
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := store.CreateProfile("Asha", "staff", time.Now().Add(-48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AwardBadge(p.ID, pack.ID, pack.Badges[0].ID, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	return db, pack.Badges[0].ID
}

// keyBody is the base64 body of the issuer's private key file, which no
// output may hold.
func keyBody(t *testing.T, issuerDir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(issuerDir, "keys", "*.pem"))
	if len(files) != 1 {
		t.Fatalf("%d key files, want 1", len(files))
	}
	st, err := os.Stat(files[0])
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	data, _ := os.ReadFile(files[0])
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	return strings.Join(lines[1:len(lines)-1], "")
}

func TestIssuerAndBadgesCommands(t *testing.T) {
	db, badgeID := badgeFixture(t)
	env := []string{"UPSKILL_DB=" + db}
	issuer := filepath.Join(filepath.Dir(db), "issuer")

	initRun := upskill(t, env, "issuer", "init", "--name", "Example Council", "--url", "https://www.example-council.gov.uk")
	if initRun.code != 0 || !strings.Contains(initRun.stdout, "Issuer id: did:key:z6Mk") {
		t.Fatalf("issuer init: exit %d\n%s%s", initRun.code, initRun.stdout, initRun.stderr)
	}
	secret := keyBody(t, issuer)
	show := upskill(t, env, "issuer", "show")
	if show.code != 0 || !strings.Contains(show.stdout, "(current, made") {
		t.Errorf("issuer show: exit %d\n%s%s", show.code, show.stdout, show.stderr)
	}
	if again := upskill(t, env, "issuer", "init", "--name", "X", "--url", "https://x.example.org"); again.code == 0 || !strings.Contains(again.stderr, "already set up") {
		t.Errorf("second init: exit %d %s", again.code, again.stderr)
	}

	out := filepath.Join(t.TempDir(), "badge.json")
	r := upskill(t, env, "badges", "export", "--badge", badgeID, "-o", out)
	if r.code != 0 || !strings.Contains(r.stdout, out) {
		t.Fatalf("badges export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("credential file: %v %v, want mode 0600", st, err)
	}
	v := upskill(t, env, "badges", "verify", out)
	if v.code != 0 || !strings.Contains(v.stdout, "Verified") || !strings.Contains(v.stdout, "its current key") {
		t.Errorf("badges verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	folder := filepath.Join(t.TempDir(), "all")
	if r := upskill(t, env, "badges", "export", "--format", "jwt", "-o", folder); r.code != 0 {
		t.Fatalf("export all as JWT: exit %d %s", r.code, r.stderr)
	}
	jwts, _ := filepath.Glob(filepath.Join(folder, "*.jwt"))
	if len(jwts) != 1 {
		t.Fatalf("%d JWT files, want 1", len(jwts))
	}
	if v := upskill(t, env, "badges", "verify", jwts[0]); v.code != 0 || !strings.Contains(v.stdout, "VC-JWT") {
		t.Errorf("verify JWT: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	rot := upskill(t, env, "issuer", "rotate")
	if rot.code != 0 || !strings.Contains(rot.stdout, "retired") {
		t.Fatalf("issuer rotate: exit %d\n%s%s", rot.code, rot.stdout, rot.stderr)
	}
	if v := upskill(t, env, "badges", "verify", out); v.code != 0 || !strings.Contains(v.stdout, "a key retired on") {
		t.Errorf("verify after rotation: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}

	data, _ := os.ReadFile(out)
	changed := filepath.Join(t.TempDir(), "changed.json")
	os.WriteFile(changed, bytes.Replace(data, []byte(`"Asha"`), []byte(`"Mallory"`), 1), 0o600)
	if v := upskill(t, env, "badges", "verify", changed); v.code != 1 || !strings.Contains(v.stderr, "not verified: the signature does not match") {
		t.Errorf("changed credential: exit %d, stderr %q", v.code, v.stderr)
	}
	huge := filepath.Join(t.TempDir(), "huge.json")
	os.WriteFile(huge, bytes.Repeat([]byte(" "), 1<<20), 0o600)
	if v := upskill(t, env, "badges", "verify", huge); v.code != 1 || !strings.Contains(v.stderr, "larger than") {
		t.Errorf("huge file: exit %d, stderr %q", v.code, v.stderr)
	}

	// No output ever held the key, and neither does a backup or a pack
	// export.
	for name, text := range map[string]string{"init": initRun.stdout + initRun.stderr, "export": r.stdout + r.stderr, "show": show.stdout, "rotate": rot.stdout} {
		if strings.Contains(text, secret) || strings.Contains(text, "PRIVATE KEY") {
			t.Errorf("issuer %s printed the private key", name)
		}
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	var backup bytes.Buffer
	if err := store.Backup(&backup); err != nil {
		t.Fatal(err)
	}
	store.Close()
	zipPath := filepath.Join(t.TempDir(), "pack.zip")
	if r := upskill(t, env, "pack", "export", "council-digital-essentials", "-o", zipPath); r.code != 0 {
		t.Fatalf("pack export: %s", r.stderr)
	}
	for name, content := range map[string][]byte{"backup": backup.Bytes(), "pack export": unzipAll(t, zipPath)} {
		if bytes.Contains(content, []byte(secret)) || bytes.Contains(content, []byte(keyBody(t, issuer))) || bytes.Contains(content, []byte("PRIVATE KEY")) {
			t.Errorf("the %s holds an issuer key", name)
		}
	}
}

// unzipAll is every file of a zip, decompressed, one after another.
func unzipAll(t *testing.T, path string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var all bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&all, rc)
		rc.Close()
	}
	return all.Bytes()
}

func TestBadgesExportNeedsAnIssuer(t *testing.T) {
	db, badgeID := badgeFixture(t)
	r := upskill(t, []string{"UPSKILL_DB=" + db}, "badges", "export", "--badge", badgeID, "-o", filepath.Join(t.TempDir(), "b.json"))
	if r.code != 1 || !strings.Contains(r.stderr, "upskill issuer init") {
		t.Errorf("export without issuer: exit %d, stderr %q", r.code, r.stderr)
	}
}
