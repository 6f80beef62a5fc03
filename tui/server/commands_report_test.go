package server

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/progress"
)

// TestReportByAccess: admins and trainers report on everyone or any
// team; a manager on their own team only, and asking for another is
// refused; a learner may not report at all.
func TestReportByAccess(t *testing.T) {
	cs := startCmdServer(t)
	cs.enrol("Elin in waste", "Waste", progress.AccessLearner)
	learners := func(r cmdResult) (team string, names []string) {
		t.Helper()
		var rep struct {
			Team     string `json:"team"`
			Learners []struct {
				Name string `json:"name"`
				Team string `json:"team"`
			} `json:"learners"`
		}
		if r.status != 0 {
			t.Fatalf("report failed (%d): %s", r.status, r.stderr)
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("report --format json: %v in %q (%s)", err, r.stdout, r.stderr)
		}
		for _, l := range rep.Learners {
			names = append(names, l.Name)
		}
		return rep.Team, names
	}
	for _, a := range []progress.Access{progress.AccessAdmin, progress.AccessTrainer} {
		if _, got := learners(cs.run(cs.keys[a], nil, "report --format json")); !slices.Contains(got, "Elin in waste") || len(got) < 5 {
			t.Errorf("%s sees %v, want everyone", a, got)
		}
		if team, got := learners(cs.run(cs.keys[a], nil, "report --format json --team waste")); team != "waste" || !slices.Equal(got, []string{"Elin in waste"}) {
			t.Errorf("%s --team waste sees %q %v", a, team, got)
		}
	}
	manager := cs.keys[progress.AccessManager]
	team, got := learners(cs.run(manager, nil, "report --format json"))
	if team != "Housing" || len(got) != 4 || slices.Contains(got, "Elin in waste") {
		t.Errorf("manager of Housing sees team %q: %v, want the four in Housing", team, got)
	}
	if _, got := learners(cs.run(manager, nil, "report --format json --team housing")); len(got) != 4 {
		t.Errorf("manager --team housing sees %v", got)
	}
	for _, cmd := range []string{"report --team Waste", "report --format html --team Waste", "report --team="} {
		r := cs.run(manager, nil, cmd)
		if r.status != 1 || !strings.Contains(r.stderr, "not allowed") || strings.Contains(r.stdout, "Elin") {
			t.Errorf("manager %q: status %d, stdout %q, stderr %q; want refused", cmd, r.status, r.stdout, r.stderr)
		}
	}
	r := cs.run(cs.keys[progress.AccessLearner], nil, "report")
	if r.status != 1 || !strings.Contains(r.stderr, "not allowed") || r.stdout != "" {
		t.Errorf("learner: status %d, stdout %q, stderr %q; want not allowed", r.status, r.stdout, r.stderr)
	}
	if r := cs.run(cs.keys[progress.AccessAdmin], nil, "report --format pdf"); r.status != 1 || !strings.Contains(r.stderr, "format") {
		t.Errorf("--format pdf: status %d, stderr %q", r.status, r.stderr)
	}
	if r := cs.run(cs.keys[progress.AccessAdmin], nil, "report --format html"); r.status != 0 || !strings.HasPrefix(r.stdout, "<!DOCTYPE html>") {
		t.Errorf("--format html: status %d, stdout starts %.40q, stderr %q", r.status, r.stdout, r.stderr)
	}
}
