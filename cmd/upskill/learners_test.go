package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// writeKeyFile writes a new ed25519 public key file and returns its path
// and fingerprint.
func writeKeyFile(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))) + " " + name + "\n"
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, ssh.FingerprintSHA256(pk)
}

var codePattern = regexp.MustCompile(`[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}`)

func TestLearnersCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "upskill.db")
	env := []string{"UPSKILL_DB=" + db}

	r := upskill(t, env, "learners", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "No learners yet") {
		t.Fatalf("list with no file: %+v", r)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("listing made a progress file: %v", err)
	}

	r = upskill(t, env, "learners", "invite", "Ada Lovelace", "--role", "council staff", "--team", "Revenues")
	code := codePattern.FindString(r.stdout)
	if r.code != 0 || code == "" || !strings.Contains(r.stdout, "It works once, until") {
		t.Fatalf("invite: %+v", r)
	}

	keyPath, fp := writeKeyFile(t, dir, "bea.pub")
	r = upskill(t, env, "learners", "add", "Bea", "--role", "managers and leaders", "--access", "admin", "--key", keyPath)
	if r.code != 0 || !strings.Contains(r.stdout, "Enrolled Bea (manager, admin access) with key "+fp) {
		t.Fatalf("add: %+v", r)
	}

	r = upskill(t, env, "learners", "set-team", "bea", "Planning")
	if r.code != 0 || !strings.Contains(r.stdout, "team Planning") {
		t.Errorf("set-team: %+v", r)
	}
	r = upskill(t, env, "learners", "set-role", "bea", "graduate")
	if r.code != 0 || !strings.Contains(r.stdout, "role graduate") {
		t.Errorf("set-role: %+v", r)
	}
	r = upskill(t, env, "learners", "set-access", "bea", "learner")
	if r.code != 1 || !strings.HasPrefix(r.stderr, "upskill: ") || !strings.Contains(r.stderr, "only admin") {
		t.Errorf("demoting the only admin: %+v", r)
	}

	r = upskill(t, env, "learners", "list", "--json")
	var list []accounts.Learner
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("list --json: %v %+v", err, r)
	}
	if len(list) != 1 || list[0].Name != "Bea" || list[0].Keys != 1 || list[0].Team != "Planning" || list[0].Access != progress.AccessAdmin {
		t.Errorf("list --json = %+v", list)
	}

	// The invite works: Ada redeems it with a key (as the server will).
	s, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	_, adaFP := writeKeyFile(t, dir, "ada.pub")
	adaKey, _ := os.ReadFile(filepath.Join(dir, "ada.pub"))
	k, err := accounts.ParseKey(adaKey)
	if err != nil {
		t.Fatal(err)
	}
	p, err := accounts.Redeem(s, strings.ToLower(code), k, timeNowForTest())
	s.Close()
	if err != nil || p.Name != "Ada Lovelace" || p.Team != "Revenues" || k.Fingerprint != adaFP {
		t.Fatalf("redeem the printed code: %+v, %v", p, err)
	}

	r = upskill(t, env, "learners", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "Ada Lovelace") || !strings.Contains(r.stdout, "LAST ACTIVE") {
		t.Errorf("list: %+v", r)
	}

	r = upskill(t, env, "learners", "remove", "Ada Lovelace")
	if r.code != 1 || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("remove without a terminal or --yes: %+v", r)
	}
	r = upskill(t, env, "learners", "remove", "Ada Lovelace", "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "Removed Ada Lovelace: 1 key") || !strings.Contains(r.stdout, "progress is kept") {
		t.Errorf("remove --yes: %+v", r)
	}
}

func TestLearnersRefusals(t *testing.T) {
	dir := t.TempDir()
	env := []string{"UPSKILL_DB=" + filepath.Join(dir, "upskill.db")}
	private := filepath.Join(dir, "id_ed25519")
	os.WriteFile(private, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n"), 0o600)
	garbage := filepath.Join(dir, "notes.txt")
	os.WriteFile(garbage, []byte("my key is on the other laptop\n"), 0o600)
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"private key":   {[]string{"learners", "add", "Ada", "--role", "staff", "--key", private}, "PRIVATE key"},
		"garbage key":   {[]string{"learners", "add", "Ada", "--role", "staff", "--key", garbage}, "not an OpenSSH public key"},
		"missing key":   {[]string{"learners", "add", "Ada", "--role", "staff", "--key", filepath.Join(dir, "none.pub")}, "read the key"},
		"bad role":      {[]string{"learners", "invite", "Ada", "--role", "wizard"}, "unknown learning role"},
		"no role":       {[]string{"learners", "invite", "Ada"}, "role"},
		"bad access":    {[]string{"learners", "invite", "Ada", "--role", "staff", "--access", "root"}, "unknown access level"},
		"unknown":       {[]string{"learners", "set-team", "Nobody", "x"}, "no learner is called"},
		"set args":      {[]string{"learners", "set-role", "Ada"}, "usage: upskill learners set-role NAME ROLE"},
		"bad staff csv": {[]string{"learners", "import", writeFile(t, dir, "staff.csv", "name,role\nAda,staff\nBea,wizard\n,staff\n")}, "line 3"},
	} {
		r := upskill(t, env, c.args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "upskill: ") || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", name, r.code, r.stderr, c.want)
		}
	}
	r := upskill(t, env, "learners", "list", "--json")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("after refusals, list --json = %+v; want no learners", r)
	}
}

func TestLearnersImport(t *testing.T) {
	dir := t.TempDir()
	env := []string{"UPSKILL_DB=" + filepath.Join(dir, "upskill.db")}
	keyPath, _ := writeKeyFile(t, dir, "ada.pub")
	key, _ := os.ReadFile(keyPath)
	csvPath := writeFile(t, dir, "staff.csv", "\ufeffname,role,team,email,key\r\n"+
		"Ada,staff,Revenues,ada@example.gov.uk,"+strings.TrimSpace(string(key))+"\r\n"+
		"Bea,graduate,Planning,bea@example.gov.uk,\r\n")
	r := upskill(t, env, "learners", "import", csvPath)
	if r.code != 0 || !strings.Contains(r.stdout, "1 enrolled with a key, 1 invited") ||
		!strings.Contains(r.stdout, "Bea <bea@example.gov.uk>") || codePattern.FindString(r.stdout) == "" {
		t.Errorf("import: %+v", r)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// timeNowForTest is now: the invite was made moments ago by the binary.
func timeNowForTest() time.Time { return time.Now() }
