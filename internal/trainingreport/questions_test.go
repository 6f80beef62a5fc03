package trainingreport

import (
	"slices"
	"testing"
)

// TestQuestionFiguresAsMoodle: facility and discrimination index over
// five learners' first attempts, worked out by hand with Moodle's
// formula (doc.go); later and unfinished attempts do not count.
func TestQuestionFiguresAsMoodle(t *testing.T) {
	f := newFixture(t)
	lesson0 := []string{"q0", "q1", "q2"}
	lesson1 := []string{"q0", "q1"}
	rows := []struct {
		name   string
		first  []bool // q0, q1, q2 of lesson l0
		second []bool // q0, q1 of lesson l1
	}{
		{"A", []bool{true, true, true}, []bool{false, true}},
		{"B", []bool{true, true, false}, []bool{false, true}},
		{"C", []bool{false, true, false}, []bool{true, false}},
		{"D", []bool{false, false, false}, []bool{true, false}},
		{"E", []bool{true, false, true}, []bool{false, false}},
	}
	var all = f.store
	for _, r := range rows {
		p := f.learner(r.name, "Revenues")
		f.attempt(p, "l0", lesson0, []bool{false, false, false}, false) // abandoned: not counted
		f.attempt(p, "l0", lesson0, r.first, true)
		f.attempt(p, "l0", lesson0, []bool{true, true, true}, true) // a later attempt: not counted
		f.attempt(p, "l1", lesson1, r.second, true)
	}
	profiles, err := all.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	got, err := AnalyseQuestions(f.cat, profiles)
	if err != nil {
		t.Fatal(err)
	}
	ptr := func(v int) *int { return &v }
	want := []QuestionStat{
		// q0: x = 1,1,0,0,1; rest = 2,1,1,0,1: cov 1.0, Sxx 1.2, Syy 2: 100/√2.4 = 64.5.
		{Lesson: "l0", Question: "q0", Answered: 5, Facility: 60, Discrimination: ptr(65), Flags: []string{}},
		// q1: x = 1,1,1,0,0; rest = 2,1,0,0,2: cov 0.
		{Lesson: "l0", Question: "q1", Answered: 5, Facility: 60, Discrimination: ptr(0), Flags: []string{}},
		// q2: x = 1,0,0,0,1; rest = 2,2,1,0,1: cov 0.6, Sxx 1.2, Syy 2.8: 60/√3.36 = 32.7.
		{Lesson: "l0", Question: "q2", Answered: 5, Facility: 40, Discrimination: ptr(33), Flags: []string{FlagMostWrong}},
		// l1 q0: x = 0,0,1,1,0; rest = 1,1,0,0,0: cov -0.8, Sxx = Syy = 1.2: -66.7.
		{Lesson: "l1", Question: "q0", Answered: 5, Facility: 40, Discrimination: ptr(-67), Flags: []string{FlagMostWrong, FlagStrongWrong}},
		{Lesson: "l1", Question: "q1", Answered: 5, Facility: 40, Discrimination: ptr(-67), Flags: []string{FlagMostWrong, FlagStrongWrong}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d questions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Pack != "pk" || g.Lesson != w.Lesson || g.Question != w.Question || g.Answered != w.Answered || g.Facility != w.Facility ||
			(g.Discrimination == nil) != (w.Discrimination == nil) || g.Discrimination != nil && *g.Discrimination != *w.Discrimination ||
			!slices.Equal(g.Flags, w.Flags) {
			t.Errorf("question %d = %+v (discrimination %v), want %+v (discrimination %v)", i, g, deref(g.Discrimination), w, deref(w.Discrimination))
		}
		if g.LessonTitle == "" || g.Prompt == "" {
			t.Errorf("question %d has no lesson title or prompt: %+v", i, g)
		}
	}
}

// TestFlagsNeedEnoughAnswers: four learners all wrong is not yet a flag,
// and a question everyone gets right has no discrimination index.
func TestFlagsNeedEnoughAnswers(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"A", "B", "C", "D"} {
		f.attempt(f.learner(name, ""), "l0", []string{"q0", "q1"}, []bool{false, true}, true)
	}
	profiles, _ := f.store.Profiles()
	got, err := AnalyseQuestions(f.cat, profiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range got {
		if len(q.Flags) != 0 {
			t.Errorf("%s flagged %v with %d answers (need %d)", q.Question, q.Flags, q.Answered, MinAnswers)
		}
		if q.Discrimination != nil {
			t.Errorf("%s has discrimination %d though no mark varies", q.Question, *q.Discrimination)
		}
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
