package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/accounts"
)

// TestLearnersTimeZoneAndManager: --timezone on add, the timezone and
// manager columns of a staff list, set-timezone and set-manager, all shown
// by list --json; a bad zone is refused with the line.
func TestLearnersTimeZoneAndManager(t *testing.T) {
	dir := t.TempDir()
	env := []string{"UPSKILL_DB=" + filepath.Join(dir, "upskill.db")}
	keyPath, _ := writeKeyFile(t, dir, "boss.pub")
	if r := upskill(t, env, "learners", "add", "Boss", "--role", "manager", "--key", keyPath, "--timezone", "Europe/London"); r.code != 0 {
		t.Fatalf("add: %+v", r)
	}
	bad := writeFile(t, dir, "bad.csv", "name,role,timezone,manager\nAda,staff,Europe/Lundun,Boss\n")
	if r := upskill(t, env, "learners", "import", bad); r.code != 1 || !strings.Contains(r.stderr, "line 2: timezone") {
		t.Errorf("a bad zone: %+v", r)
	}
	good := writeFile(t, dir, "staff.csv", "name,role,timezone,manager\nAda,staff,Pacific/Auckland,Boss\n")
	if r := upskill(t, env, "learners", "import", good); r.code != 0 {
		t.Fatalf("import: %+v", r)
	}
	if r := upskill(t, env, "learners", "set-timezone", "Boss", "America/New_York"); r.code != 0 || !strings.Contains(r.stdout, "America/New_York") {
		t.Errorf("set-timezone: %+v", r)
	}
	if r := upskill(t, env, "learners", "set-manager", "Boss", "Boss"); r.code != 1 || !strings.Contains(r.stderr, "cannot be managed by") {
		t.Errorf("managing oneself: %+v", r)
	}
	r := upskill(t, env, "learners", "list", "--json")
	var list []accounts.Learner
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("list --json: %v %q", err, r.stdout)
	}
	if list[0].Name != "Boss" || list[0].TimeZone != "America/New_York" {
		t.Errorf("listed %+v", list)
	}
	// Ada, invited only, is made when she uses her code: not listed yet.
	if r := upskill(t, env, "learners", "set-manager", "Ada", "-"); r.code != 1 || !strings.Contains(r.stderr, "no learner is called") {
		t.Errorf("set-manager for a learner not made yet: %+v", r)
	}
}
