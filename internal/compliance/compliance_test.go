package compliance

import (
	"reflect"
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

func TestRequirements(t *testing.T) {
	pack := testPack(t)
	all := Requirements(pack, "")
	if len(all) != 2 || all[0].Module != "safe" || all[1].Module != "lead" {
		t.Fatalf("Requirements(all) = %+v", all)
	}
	want := Requirement{Pack: "p", PackTitle: "Pack P", Module: "safe", ModuleTitle: "Staying safe", RenewalMonths: 12, GraceDays: 30}
	if !reflect.DeepEqual(all[0], want) {
		t.Errorf("safe = %+v, want %+v", all[0], want)
	}
	if got := all[1]; !reflect.DeepEqual(got.Roles, []string{"manager"}) || got.RenewalMonths != 0 || got.GraceDays != 60 {
		t.Errorf("lead = %+v", got)
	}
	if staff := Requirements(pack, "staff"); len(staff) != 1 || staff[0].Module != "safe" {
		t.Errorf("Requirements(staff) = %+v", staff)
	}
	if mgr := Requirements(pack, "manager"); len(mgr) != 2 {
		t.Errorf("Requirements(manager) = %+v", mgr)
	}
}

func TestNewStarterInGrace(t *testing.T) {
	f := newFixture(t)
	p := f.learner("New", "staff", joined)
	// Due 30 days after joining: 31 March 2026.
	cases := []struct {
		asOf   time.Time
		status Status
		words  string
	}{
		{day(2026, time.March, 1), DueSoon, "Due by 31 March 2026, in 30 days"}, // the window is 30 days
		{day(2026, time.March, 30), DueSoon, "Due by 31 March 2026, tomorrow"},
		{day(2026, time.March, 31), DueSoon, "Due by 31 March 2026, today"},
		{day(2026, time.April, 1), Overdue, "Overdue since 1 April 2026"},
	}
	for _, c := range cases {
		it := item(t, f.evaluate(p, c.asOf), "safe")
		if it.Status != c.status || it.Words(c.asOf) != c.words {
			t.Errorf("on %s: %s %q, want %s %q", c.asOf.Format(time.DateOnly), it.Status, it.Words(c.asOf), c.status, c.words)
		}
		if !it.Completed.IsZero() || !it.ValidUntil.IsZero() || it.History != nil || it.BestScore != -1 || it.Attempts != 0 {
			t.Errorf("a learner who did nothing: %+v", it)
		}
	}
	// A manager's 60 days: not started while more than 30 days away.
	m := f.learner("Manager", "manager", joined)
	lead := item(t, f.evaluate(m, day(2026, time.March, 10)), "lead")
	if lead.Status != NotStarted || lead.Words(day(2026, time.March, 10)) != "Due by 30 April 2026" {
		t.Errorf("lead in grace: %s %q", lead.Status, lead.Words(day(2026, time.March, 10)))
	}
}

func TestCompletedRenewedExpired(t *testing.T) {
	f := newFixture(t)
	p := f.learner("Ada", "staff", joined)
	first := time.Date(2026, time.March, 14, 10, 0, 0, 0, time.UTC)
	f.doSafe(p, first, 1) // 50%
	validUntil := time.Date(2027, time.March, 14, 10, 0, 0, 0, time.UTC)

	it := item(t, f.evaluate(p, day(2026, time.June, 1)), "safe")
	if it.Status != Compliant || !it.Completed.Equal(first) || !it.ValidUntil.Equal(validUntil) || !it.Due.Equal(validUntil) {
		t.Errorf("after completing: %+v", it)
	}
	if w := it.Words(day(2026, time.June, 1)); w != "Done, valid until 14 March 2027" {
		t.Errorf("words = %q", w)
	}
	if it.BestScore != 50 || it.Attempts != 1 || len(it.History) != 1 {
		t.Errorf("score %d, attempts %d, history %v", it.BestScore, it.Attempts, it.History)
	}
	// The window's edges: 31 days before is compliant, 30 is due soon.
	if s := item(t, f.evaluate(p, day(2027, time.February, 11)), "safe").Status; s != Compliant {
		t.Errorf("31 days before: %s", s)
	}
	if s := item(t, f.evaluate(p, day(2027, time.February, 12)), "safe").Status; s != DueSoon {
		t.Errorf("30 days before: %s", s)
	}
	if s := item(t, f.evaluate(p, day(2027, time.March, 14)), "safe").Status; s != DueSoon {
		t.Errorf("on the last valid day: %s", s)
	}
	expired := item(t, f.evaluate(p, day(2027, time.March, 15)), "safe")
	if expired.Status != Overdue || expired.Words(day(2027, time.March, 15)) != "Overdue since 15 March 2027" {
		t.Errorf("expired: %s %q", expired.Status, expired.Words(day(2027, time.March, 15)))
	}

	// Only the quiz retaken after expiry: the module needs every lesson again.
	renew := time.Date(2027, time.April, 2, 15, 0, 0, 0, time.UTC)
	f.quiz(p, "quiz", 2, renew)
	if it := item(t, f.evaluate(p, day(2027, time.April, 3)), "safe"); it.Status != Overdue || len(it.History) != 1 {
		t.Errorf("half renewed: %s, history %v", it.Status, it.History)
	}
	f.read(p, "read", renew.Add(time.Hour))
	it = item(t, f.evaluate(p, day(2027, time.April, 3)), "safe")
	renewed := renew.Add(time.Hour)
	if it.Status != Compliant || !it.Completed.Equal(renewed) || !it.ValidUntil.Equal(renewed.AddDate(1, 0, 0)) {
		t.Errorf("renewed: %+v", it)
	}
	if len(it.History) != 2 || !it.History[0].Equal(first) || !it.History[1].Equal(renewed) {
		t.Errorf("history = %v, want [%v %v]", it.History, first, renewed)
	}
	if it.BestScore != 100 || it.Attempts != 2 {
		t.Errorf("after renewal: score %d, attempts %d", it.BestScore, it.Attempts)
	}
}

func TestFailedQuizDoesNotComplete(t *testing.T) {
	f := newFixture(t)
	p := f.learner("Bo", "staff", joined)
	f.doSafe(p, day(2026, time.March, 5), 0)
	it := item(t, f.evaluate(p, day(2026, time.March, 6)), "safe")
	if it.Status != DueSoon || !it.Completed.IsZero() || it.BestScore != 0 || it.Attempts != 1 {
		t.Errorf("after failing: %+v", it)
	}
}

func TestRolesThatDoNotApply(t *testing.T) {
	f := newFixture(t)
	staff := f.evaluate(f.learner("Staff", "staff", joined), day(2026, time.March, 2))
	mgr := f.evaluate(f.learner("Mgr", "manager", joined), day(2026, time.March, 2))
	if len(staff.Items) != 1 || len(mgr.Items) != 2 {
		t.Errorf("staff items %d, manager items %d", len(staff.Items), len(mgr.Items))
	}
	for _, it := range append(staff.Items, mgr.Items...) {
		if it.Module == "extra" {
			t.Error("a module that is not required is listed")
		}
	}
}

func TestNeverExpires(t *testing.T) {
	f := newFixture(t)
	m := f.learner("Mgr", "manager", joined)
	f.read(m, "lead", day(2026, time.March, 3))
	it := item(t, f.evaluate(m, day(2036, time.March, 3)), "lead")
	if it.Status != Compliant || !it.Due.IsZero() || !it.ValidUntil.IsZero() || it.Words(day(2036, time.March, 3)) != "Done" {
		t.Errorf("no renewal: %+v %q", it, it.Words(day(2036, time.March, 3)))
	}
}

func TestMostUrgentFirst(t *testing.T) {
	f := newFixture(t)
	m := f.learner("Mgr", "manager", joined)
	f.read(m, "lead", day(2026, time.March, 3))
	l := f.evaluate(m, day(2026, time.May, 1))
	if len(l.Items) != 2 || l.Items[0].Module != "safe" || l.Items[0].Status != Overdue || l.Items[1].Status != Compliant {
		t.Errorf("order: %+v", l.Items)
	}
	if l.Count(Overdue) != 1 || l.Count(Compliant) != 1 || l.Count(DueSoon) != 0 {
		t.Errorf("counts wrong")
	}
}

func TestLearnersDayAndZone(t *testing.T) {
	f := newFixture(t)
	p := f.learner("Ada", "staff", joined)
	// Completed at 23:30 UTC on 31 March 2026: 1 April in New Zealand.
	f.doSafe(p, time.Date(2026, time.March, 31, 23, 30, 0, 0, time.UTC), 2)
	nz := time.FixedZone("NZST", 12*60*60)
	asOf := time.Date(2026, time.June, 1, 9, 0, 0, 0, nz)
	if w := item(t, f.evaluate(p, asOf), "safe").Words(asOf); w != "Done, valid until 1 April 2027" {
		t.Errorf("in New Zealand: %q", w)
	}
}

func TestModuleHistory(t *testing.T) {
	at := func(d int) time.Time { return day(2026, time.January, d) }
	cases := []struct {
		name    string
		lessons [][]time.Time
		want    []time.Time
	}{
		{"none", [][]time.Time{{}, {at(1)}}, nil},
		{"once", [][]time.Time{{at(1)}, {at(3)}}, []time.Time{at(3)}},
		{"redone lesson before the module was done counts once", [][]time.Time{{at(1), at(2)}, {at(3)}}, []time.Time{at(3)}},
		{"twice", [][]time.Time{{at(1), at(10)}, {at(3), at(12)}}, []time.Time{at(3), at(12)}},
		{"the last lesson again alone is not a renewal", [][]time.Time{{at(1)}, {at(3), at(12)}}, []time.Time{at(3)}},
		{"a completion at the same instant is not after", [][]time.Time{{at(3), at(5)}, {at(3), at(4)}}, []time.Time{at(3), at(5)}},
	}
	for _, c := range cases {
		if got := moduleHistory(c.lessons); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestEvaluateManyInOrder(t *testing.T) {
	f := newFixture(t)
	a := f.learner("A", "staff", joined)
	b := f.learner("B", "manager", joined)
	f.doSafe(b, day(2026, time.March, 2), 2)
	out, err := Evaluate(f.store, f.cat, []progress.Profile{b, a}, day(2026, time.March, 3))
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Profile.ID != b.ID || out[1].Profile.ID != a.ID {
		t.Fatalf("order of learners changed")
	}
	if item(t, out[0], "safe").Status != Compliant || item(t, out[1], "safe").Status != DueSoon {
		t.Errorf("evaluated: %+v / %+v", out[0].Items, out[1].Items)
	}
}
