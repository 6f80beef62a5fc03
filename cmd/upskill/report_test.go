package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// TestReportCommand: upskill report reads the file without creating one,
// filters by team, writes -o files readable by their owner alone, and
// refuses a format or date it does not know.
func TestReportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	env := []string{"UPSKILL_DB=" + db}
	if r := upskill(t, env, "report", "--format", "json"); r.code != 0 || !strings.Contains(r.stdout, `"learners": []`) {
		t.Fatalf("no file: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("upskill report created a progress file")
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ name, team string }{{"Ada Jones", "Revenues"}, {"=cmd|' /C calc'!A0", "Revenues"}, {"Bea Khan", "Planning"}} {
		p, err := store.CreateProfile(l.name, "staff", time.Now().AddDate(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if err := store.SetTeam(p.ID, l.team); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	r := upskill(t, env, "report", "--team", "revenues", "--format", "json", "--as-of", "2027-01-31")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		AsOf     string `json:"as_of"`
		Learners []struct {
			Name  string `json:"name"`
			Items []struct {
				Status string `json:"status"`
			} `json:"items"`
		} `json:"learners"`
		Compliance []struct {
			Team    string `json:"team"`
			Overdue struct {
				Count int `json:"count"`
			} `json:"overdue"`
		} `json:"compliance"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v in %s", err, r.stdout)
	}
	if rep.AsOf != "2027-01-31" || len(rep.Learners) != 2 || len(rep.Compliance) == 0 || rep.Compliance[0].Team != "Revenues" ||
		rep.Compliance[0].Overdue.Count != 2 {
		t.Errorf("team report: %+v", rep)
	}

	out := filepath.Join(t.TempDir(), "team.csv")
	if r := upskill(t, env, "report", "--format", "csv", "-o", out); r.code != 0 || r.stdout != "" {
		t.Fatalf("csv -o: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("report file: %v, %v; want mode 0600", info, err)
	}
	data, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(data), "\uFEFFteam,learner,") || !strings.Contains(string(data), "'=cmd") || strings.Contains(string(data), ",=cmd") {
		t.Errorf("CSV file:\n%s", data)
	}
	if r := upskill(t, env, "report", "--format", "html"); r.code != 0 || !strings.Contains(r.stdout, "<h1>Training report</h1>") {
		t.Errorf("html: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := upskill(t, env, "report"); r.code != 0 || !strings.Contains(r.stdout, "COMPLIANCE BY TEAM") || !strings.Contains(r.stdout, "Bea Khan") {
		t.Errorf("table: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	for _, bad := range [][]string{{"--format", "pdf"}, {"--as-of", "31/01/2027"}} {
		if r := upskill(t, env, append([]string{"report"}, bad...)...); r.code == 0 || r.stdout != "" {
			t.Errorf("report %v: exit %d, %q; want refused", bad, r.code, r.stdout)
		}
	}
}
