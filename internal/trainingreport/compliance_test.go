package trainingreport

import (
	"slices"
	"testing"
	"time"
)

// TestComplianceOverview: each team's counts for the required module,
// with the learners behind each, and each learner's dates, as of a day.
func TestComplianceOverview(t *testing.T) {
	f := newFixture(t)
	asOf := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	long := asOf.AddDate(-3, 0, 0)
	ada := f.joined("Ada", "Revenues", long)
	f.completeModule(ada, asOf.AddDate(0, -2, 0)) // valid until 2028-01-01: compliant
	bea := f.joined("Bea", "Revenues", long)
	f.completeModule(bea, asOf.AddDate(0, -11, -15)) // valid until 2027-03-16: due soon
	cy := f.joined("Cy", "Revenues", long)
	f.completeModule(cy, asOf.AddDate(-1, -1, 0))       // expired 2027-02-01: overdue
	f.joined("Dee", "Revenues", asOf.AddDate(0, 0, -2)) // a new starter: not started
	f.joined("Eve", "Planning", long)                   // never done it: overdue

	r, err := Build(f.cat, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Compliance) != 2 {
		t.Fatalf("compliance rows %+v, want Planning then Revenues", r.Compliance)
	}
	plan, rev := r.Compliance[0], r.Compliance[1]
	if plan.Team != "Planning" || plan.Learners != 1 || plan.Overdue.Count != 1 || !slices.Equal(plan.Overdue.Learners, []string{"Eve"}) {
		t.Errorf("Planning row = %+v", plan)
	}
	want := map[string][]string{"compliant": {"Ada"}, "due_soon": {"Bea"}, "overdue": {"Cy"}, "not_started": {"Dee"}}
	got := map[string]Group{"compliant": rev.Compliant, "due_soon": rev.DueSoon, "overdue": rev.Overdue, "not_started": rev.NotStarted}
	for status, names := range want {
		if g := got[status]; g.Count != len(names) || !slices.Equal(g.Learners, names) {
			t.Errorf("Revenues %s = %+v, want %v", status, g, names)
		}
	}
	if rev.Team != "Revenues" || rev.Learners != 4 || rev.Module != "m0" {
		t.Errorf("Revenues row = %+v", rev)
	}
	s := r.Summary
	if s.Learners != 5 || s.Teams != 2 || s.RequiredItems != 5 || s.Compliant != 1 || s.DueSoon != 1 || s.Overdue != 2 ||
		s.NotStarted != 1 || s.CompliantPercent != 20 {
		t.Errorf("summary = %+v", s)
	}
	// Learner detail: Ada's dates and score.
	var adaItem ItemDetail
	for _, l := range r.Learners {
		if l.Name == "Ada" && len(l.Items) == 1 {
			adaItem = l.Items[0]
		}
	}
	if adaItem.Status != "compliant" || adaItem.Completed != "2027-01-01" || adaItem.ValidUntil != "2028-01-01" ||
		adaItem.Due != "2028-01-01" || adaItem.BestScore == nil || *adaItem.BestScore != 100 || adaItem.Attempts != 2 {
		t.Errorf("Ada's item = %+v", adaItem)
	}

	// A team's report holds that team alone.
	team, err := Build(f.cat, Options{AsOf: asOf, Team: "planning"})
	if err != nil {
		t.Fatal(err)
	}
	if len(team.Learners) != 1 || team.Learners[0].Name != "Eve" || len(team.Compliance) != 1 || team.Summary.Learners != 1 {
		t.Errorf("Planning's report = %+v", team)
	}
}
