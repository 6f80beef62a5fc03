package progress

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// TestAttemptRoundTrip: an attempt started, answered out of order,
// resumed and finished keeps its questions, seed, times and every field of
// every answer, returns answers in the attempt's question order, and
// updates the lesson and the learner's place.
func TestAttemptRoundTrip(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	questions := []string{"q3", "q1", "q2"}

	a, err := s.StartAttempt(p.ID, k, questions, 1234, t0)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || !slices.Equal(a.Questions, questions) || a.Seed != 1234 || !a.Started.Equal(t0) ||
		!a.Open() || a.Next() != 0 || len(a.Answers) != 0 {
		t.Fatalf("StartAttempt = %+v", a)
	}
	rec := mustLesson(t, s, p.ID, k)
	if rec.Status != InProgress || rec.OpenAttempt != a.ID || !rec.Opened.Equal(t0) {
		t.Errorf("lesson after StartAttempt = %+v", rec)
	}
	if got, _ := s.Profile(p.ID); got.Last != k {
		t.Errorf("Last = %v, want %v", got.Last, k)
	}
	if _, ok, err := s.LastAttempt(p.ID, k); ok || err != nil {
		t.Errorf("LastAttempt with only an open attempt = %v, %v", ok, err)
	}

	answers := map[string]Answer{
		"q1": {Question: "q1", Choices: []int{2}, Correct: true, Rating: Good, At: t0.Add(1 * time.Minute)},
		"q3": {Question: "q3", Choices: []int{0, 3}, Correct: true, Rating: Easy, At: t0.Add(2 * time.Minute)},
		"q2": {Question: "q2", Text: "a free answer", Correct: false, Rating: Again, At: t0.Add(3 * time.Minute)},
	}
	steps := []struct {
		question string
		next     int
		order    []string
	}{
		{"q1", 0, []string{"q1"}},
		{"q3", 2, []string{"q3", "q1"}},
		{"q2", 3, []string{"q3", "q1", "q2"}},
	}
	for _, step := range steps {
		if err := s.RecordAnswer(p.ID, k, a.ID, answers[step.question]); err != nil {
			t.Fatalf("RecordAnswer(%s): %v", step.question, err)
		}
		open, ok, err := s.OpenAttempt(p.ID, k)
		if err != nil || !ok || open.ID != a.ID {
			t.Fatalf("OpenAttempt = %+v, %v, %v", open, ok, err)
		}
		if got := open.Next(); got != step.next {
			t.Errorf("after answering %s: Next() = %d, want %d", step.question, got, step.next)
		}
		if got := answeredIDs(open); !slices.Equal(got, step.order) {
			t.Errorf("after answering %s: answers in order %q, want %q", step.question, got, step.order)
		}
		if open.Seed != 1234 || !slices.Equal(open.Questions, questions) || !open.Started.Equal(t0) {
			t.Errorf("resumed attempt = %+v", open)
		}
	}

	end := t0.Add(5 * time.Minute)
	done := mustFinish(t, s, p.ID, k, a.ID, 60, end)
	if done.Open() || !done.Finished.Equal(end) || done.Correct != 2 || done.Percent != 67 || !done.Passed {
		t.Errorf("FinishAttempt = %+v", done)
	}
	if _, ok, err := s.OpenAttempt(p.ID, k); ok || err != nil {
		t.Errorf("OpenAttempt after finishing = %v, %v; want none", ok, err)
	}
	last, ok, err := s.LastAttempt(p.ID, k)
	if err != nil || !ok {
		t.Fatalf("LastAttempt = %v, %v", ok, err)
	}
	if last.ID != a.ID || last.Correct != 2 || last.Percent != 67 || !last.Passed || !last.Finished.Equal(end) || last.Seed != 1234 {
		t.Errorf("LastAttempt = %+v", last)
	}
	if got := answeredIDs(last); !slices.Equal(got, questions) {
		t.Errorf("LastAttempt answers in order %q, want %q", got, questions)
	}
	for _, ans := range last.Answers {
		want := answers[ans.Question]
		if !slices.Equal(ans.Choices, want.Choices) || ans.Text != want.Text || ans.Correct != want.Correct || !ans.At.Equal(want.At) {
			t.Errorf("answer %s = %+v, want %+v", ans.Question, ans, want)
		}
	}
	rec = mustLesson(t, s, p.ID, k)
	if rec.Status != Completed || !rec.CompletedAt.Equal(end) || rec.BestScore != 67 || !rec.Scored || rec.Attempts != 1 || rec.OpenAttempt != 0 {
		t.Errorf("lesson after finishing = %+v", rec)
	}
}

// TestStartAttemptNeedsQuestions: an attempt with no questions is refused
// and changes nothing.
func TestStartAttemptNeedsQuestions(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "intro"}
	for _, qs := range [][]string{nil, {}} {
		if _, err := s.StartAttempt(p.ID, k, qs, 1, t0); err == nil {
			t.Errorf("StartAttempt(%q) succeeded", qs)
		}
	}
	if rec := mustLesson(t, s, p.ID, k); rec != (LessonRecord{}) {
		t.Errorf("lesson after refused starts = %+v", rec)
	}
}

// TestAttemptNext: Next is the index of the first unanswered question in
// the attempt's order, whatever order the answers came in.
func TestAttemptNext(t *testing.T) {
	qs := []string{"b", "a", "c", "d"}
	tests := []struct {
		answered []string
		want     int
	}{
		{nil, 0},
		{[]string{"a"}, 0},
		{[]string{"b"}, 1},
		{[]string{"b", "a"}, 2},
		{[]string{"a", "b"}, 2},
		{[]string{"c", "a", "b"}, 3},
		{[]string{"d", "c"}, 0},
		{[]string{"b", "c", "a"}, 3},
		{[]string{"a", "b", "c", "d"}, 4},
		{[]string{"x"}, 0}, // an id not in the attempt answers nothing
	}
	for _, tt := range tests {
		a := Attempt{Questions: qs}
		for _, q := range tt.answered {
			a.Answers = append(a.Answers, Answer{Question: q})
		}
		if got := a.Next(); got != tt.want {
			t.Errorf("answered %q: Next() = %d, want %d", tt.answered, got, tt.want)
		}
	}
	if got := (&Attempt{}).Next(); got != 0 {
		t.Errorf("no questions: Next() = %d", got)
	}
}

// TestRecordAnswerRefusals: an answer to a question not in the attempt, a
// second answer to a question, any answer to a finished attempt, and an
// answer to an attempt that does not exist (or belongs to another lesson
// or learner) are refused, and the stored answers stay as they were.
func TestRecordAnswerRefusals(t *testing.T) {
	s := newStore(t)
	p, other := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	k := LessonKey{"cyber", "phishing"}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3", "q10"}, t0)
	mustAnswer(t, s, p.ID, k, a.ID, "q1", true, t0)

	tests := []struct {
		name    string
		profile uint64
		k       LessonKey
		attempt uint64
		ans     Answer
		want    error
	}{
		{"question not in the attempt", p.ID, k, a.ID, Answer{Question: "q4"}, ErrNotFound},
		{"question id that prefixes one in the attempt", p.ID, k, a.ID, Answer{Question: "q"}, ErrNotFound},
		{"empty question id", p.ID, k, a.ID, Answer{}, ErrNotFound},
		{"second answer", p.ID, k, a.ID, Answer{Question: "q1", Correct: false}, ErrAlreadyAnswered},
		{"unknown attempt", p.ID, k, a.ID + 100, Answer{Question: "q2"}, ErrNotFound},
		{"attempt of another lesson", p.ID, LessonKey{"cyber", "phishing-2"}, a.ID, Answer{Question: "q2"}, ErrNotFound},
		{"attempt of another pack", p.ID, LessonKey{"cyber-2", "phishing"}, a.ID, Answer{Question: "q2"}, ErrNotFound},
		{"another learner's attempt", other.ID, k, a.ID, Answer{Question: "q2"}, ErrNotFound},
	}
	for _, tt := range tests {
		if err := s.RecordAnswer(tt.profile, tt.k, tt.attempt, tt.ans); !errors.Is(err, tt.want) {
			t.Errorf("%s: RecordAnswer = %v, want %v", tt.name, err, tt.want)
		}
	}
	// "q10" is a different question from "q1", though its id starts the same.
	mustAnswer(t, s, p.ID, k, a.ID, "q10", true, t0)

	open, _, err := s.OpenAttempt(p.ID, k)
	if err != nil {
		t.Fatal(err)
	}
	if got := answeredIDs(open); !slices.Equal(got, []string{"q1", "q10"}) || !open.Answers[0].Correct {
		t.Errorf("answers after refusals = %+v", open.Answers)
	}

	mustFinish(t, s, p.ID, k, a.ID, 50, t0.Add(time.Minute))
	for _, q := range []string{"q2", "q1", "q9"} {
		if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: q})); !errors.Is(err, ErrAttemptClosed) {
			t.Errorf("answer %s after finishing = %v, want ErrAttemptClosed", q, err)
		}
	}
	if _, err := s.FinishAttempt(p.ID, k, a.ID, 50, t0.Add(2*time.Minute)); !errors.Is(err, ErrAttemptClosed) {
		t.Errorf("finishing twice = %v, want ErrAttemptClosed", err)
	}
	if _, err := s.FinishAttempt(p.ID, k, a.ID+100, 50, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("finishing an unknown attempt = %v, want ErrNotFound", err)
	}
	last, _, err := s.LastAttempt(p.ID, k)
	if err != nil || !last.Finished.Equal(t0.Add(time.Minute)) || !slices.Equal(answeredIDs(last), []string{"q1", "q10"}) {
		t.Errorf("LastAttempt after refusals = %+v, %v", last, err)
	}
	if rec := mustLesson(t, s, p.ID, k); rec.Attempts != 1 {
		t.Errorf("a refused second finish counted: %+v", rec)
	}
}

// TestFinishAttemptScoring: unanswered questions count as wrong, the
// percentage is rounded half up, and passing is decided on the exact
// fraction, not the rounded percentage.
func TestFinishAttemptScoring(t *testing.T) {
	tests := []struct {
		name         string
		questions    int
		right, wrong int // answered; the rest are unanswered
		passMark     int
		correct      int
		percent      int
		passed       bool
	}{
		{"2 of 3 against 67", 3, 2, 1, 67, 2, 67, false},
		{"2 of 3 against 66", 3, 2, 1, 66, 2, 67, true},
		{"1 of 3 rounds down", 3, 1, 2, 33, 1, 33, true},
		{"1 of 8 is 12.5, rounds up", 8, 1, 7, 13, 1, 13, false},
		{"3 of 8 is 37.5, rounds up", 8, 3, 5, 38, 3, 38, false},
		{"5 of 8 is 62.5, rounds up", 8, 5, 3, 62, 5, 63, true},
		{"1 of 200 is 0.5, rounds up", 200, 1, 0, 1, 1, 1, false},
		{"199 of 200 shows 100 but is not 100", 200, 199, 0, 100, 199, 100, false},
		{"4 of 5 against 80 exactly", 5, 4, 1, 80, 4, 80, true},
		{"all right against 100", 4, 4, 0, 100, 4, 100, true},
		{"none right against 0", 4, 0, 4, 0, 0, 0, true},
		{"none right against 1", 4, 0, 4, 1, 0, 0, false},
		{"unanswered count as wrong", 3, 1, 0, 50, 1, 33, false},
		{"nothing answered", 5, 0, 0, 50, 0, 0, false},
		{"one question right", 1, 1, 0, 100, 1, 100, true},
	}
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := LessonKey{"scoring", string(rune('a' + i))}
			qs := questionIDs("q", tt.questions)
			a := mustStart(t, s, p.ID, k, qs, t0)
			for j := range tt.right + tt.wrong {
				mustAnswer(t, s, p.ID, k, a.ID, qs[j], j < tt.right, t0)
			}
			got := mustFinish(t, s, p.ID, k, a.ID, tt.passMark, t0.Add(time.Hour))
			if got.Correct != tt.correct || got.Percent != tt.percent || got.Passed != tt.passed {
				t.Errorf("FinishAttempt = %d correct, %d%%, passed %v; want %d, %d%%, %v",
					got.Correct, got.Percent, got.Passed, tt.correct, tt.percent, tt.passed)
			}
			last, _, err := s.LastAttempt(p.ID, k)
			if err != nil || last.Correct != tt.correct || last.Percent != tt.percent || last.Passed != tt.passed {
				t.Errorf("stored attempt = %+v, %v", last, err)
			}
			rec := mustLesson(t, s, p.ID, k)
			if rec.BestScore != tt.percent || !rec.Scored || (rec.Status == Completed) != tt.passed {
				t.Errorf("lesson = %+v", rec)
			}
		})
	}
}

// TestBestScoreAndCompletion: the best score is the highest of all
// attempts (a first score of 0 counts as scored); the lesson is completed
// by the first passing attempt and stays completed, with its date, after
// a later failure; Attempts counts finished attempts.
func TestBestScoreAndCompletion(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	qs := []string{"a", "b", "c"}
	type result struct {
		right      int
		best       int
		status     Status
		completed  time.Time
		attempts   int
		passedThis bool
	}
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	steps := []result{
		{0, 0, InProgress, time.Time{}, 1, false},
		{1, 33, InProgress, time.Time{}, 2, false},
		{3, 100, Completed, day(3), 3, true},
		{0, 100, Completed, day(3), 4, false},
		{2, 100, Completed, day(3), 5, true},
	}
	for i, want := range steps {
		a := mustStart(t, s, p.ID, k, qs, day(i+1))
		for j := range want.right {
			mustAnswer(t, s, p.ID, k, a.ID, qs[j], true, day(i+1))
		}
		got := mustFinish(t, s, p.ID, k, a.ID, 60, day(i+1))
		rec := mustLesson(t, s, p.ID, k)
		if got.Passed != want.passedThis || rec.BestScore != want.best || !rec.Scored || rec.Status != want.status ||
			!rec.CompletedAt.Equal(want.completed) || rec.Attempts != want.attempts || rec.OpenAttempt != 0 || !rec.Opened.Equal(day(1)) {
			t.Errorf("attempt %d (%d right): passed %v, lesson %+v; want %+v", i+1, want.right, got.Passed, rec, want)
		}
	}
}

// TestStartAttemptAbandonsOpen: starting a new attempt while one is open
// makes the new one the attempt to resume; the old one is never resumed
// or reported as the last finished attempt.
func TestStartAttemptAbandonsOpen(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	first := mustStart(t, s, p.ID, k, []string{"q1", "q2"}, t0)
	mustAnswer(t, s, p.ID, k, first.ID, "q1", true, t0)
	second := mustStart(t, s, p.ID, k, []string{"q2", "q1"}, t0.Add(time.Minute))
	if second.ID <= first.ID {
		t.Errorf("attempt ids %d then %d, want increasing", first.ID, second.ID)
	}
	open, ok, err := s.OpenAttempt(p.ID, k)
	if err != nil || !ok || open.ID != second.ID || len(open.Answers) != 0 || !slices.Equal(open.Questions, []string{"q2", "q1"}) {
		t.Errorf("OpenAttempt after a restart = %+v, %v, %v; want the new attempt, unanswered", open, ok, err)
	}
	if rec := mustLesson(t, s, p.ID, k); rec.OpenAttempt != second.ID || rec.Attempts != 0 {
		t.Errorf("lesson = %+v", rec)
	}
	if _, ok, _ := s.LastAttempt(p.ID, k); ok {
		t.Error("LastAttempt reports an attempt though none is finished")
	}
	mustAnswer(t, s, p.ID, k, second.ID, "q2", false, t0.Add(2*time.Minute))
	mustFinish(t, s, p.ID, k, second.ID, 50, t0.Add(3*time.Minute))
	last, ok, err := s.LastAttempt(p.ID, k)
	if err != nil || !ok || last.ID != second.ID || !slices.Equal(answeredIDs(last), []string{"q2"}) {
		t.Errorf("LastAttempt = %+v, %v, %v; want the second attempt", last, ok, err)
	}
	if _, ok, _ := s.OpenAttempt(p.ID, k); ok {
		t.Error("the abandoned first attempt came back as the open one")
	}
}

// TestLastAttemptPerLesson: LastAttempt returns the newest finished
// attempt of exactly the lesson asked for, skipping a newer open one, even
// when other lessons' ids and pack ids start with the same letters and
// sort after it, and when the lesson's keys are the last in the bucket.
func TestLastAttemptPerLesson(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	intro := LessonKey{"cyber", "intro"}
	intro2 := LessonKey{"cyber", "intro-2"}
	otherPack := LessonKey{"cyber-2", "intro"}
	i := LessonKey{"cyber", "i"}
	last := LessonKey{"zz", "last"}

	finish := func(k LessonKey, right int, at time.Time) Attempt {
		t.Helper()
		a := mustStart(t, s, p.ID, k, []string{"a", "b"}, at)
		for j := range right {
			mustAnswer(t, s, p.ID, k, a.ID, []string{"a", "b"}[j], true, at)
		}
		return mustFinish(t, s, p.ID, k, a.ID, 50, at)
	}
	finish(intro, 0, t0)
	wantIntro := finish(intro, 1, t0.Add(1*time.Hour))
	wantIntro2 := finish(intro2, 2, t0.Add(2*time.Hour))
	finish(otherPack, 0, t0.Add(3*time.Hour))
	wantOther := finish(otherPack, 2, t0.Add(4*time.Hour))
	mustStart(t, s, p.ID, intro, []string{"a", "b"}, t0.Add(5*time.Hour)) // newer, open
	wantLast := finish(last, 1, t0.Add(6*time.Hour))
	mustStart(t, s, p.ID, last, []string{"a"}, t0.Add(7*time.Hour)) // newer, open, last key of all

	tests := []struct {
		k    LessonKey
		want Attempt
		ok   bool
	}{
		{intro, wantIntro, true},
		{intro2, wantIntro2, true},
		{otherPack, wantOther, true},
		{last, wantLast, true},
		{i, Attempt{}, false},
		{LessonKey{"cyber", "intro-"}, Attempt{}, false},
		{LessonKey{"cyber", "intro-3"}, Attempt{}, false},
		{LessonKey{"cyber", ""}, Attempt{}, false},
		{LessonKey{"cyber-2", "intro-2"}, Attempt{}, false},
		{LessonKey{"zzz", "last"}, Attempt{}, false},
		{LessonKey{"a", "a"}, Attempt{}, false},
	}
	for _, tt := range tests {
		got, ok, err := s.LastAttempt(p.ID, tt.k)
		if err != nil || ok != tt.ok {
			t.Errorf("LastAttempt(%s) = ok %v, %v; want ok %v", tt.k, ok, err, tt.ok)
			continue
		}
		if ok && (got.ID != tt.want.ID || got.Correct != tt.want.Correct || !got.Finished.Equal(tt.want.Finished)) {
			t.Errorf("LastAttempt(%s) = attempt %d (%d right, %v), want %d (%d right, %v)",
				tt.k, got.ID, got.Correct, got.Finished, tt.want.ID, tt.want.Correct, tt.want.Finished)
		}
	}
	// The open attempt of intro is still the one to resume.
	if open, ok, _ := s.OpenAttempt(p.ID, intro); !ok || open.ID <= wantIntro.ID {
		t.Errorf("OpenAttempt(intro) = %+v, %v", open, ok)
	}
}

// TestAnswersKeyedByID: answers are stored by question id, not position:
// two attempts at the same quiz with the questions in different orders
// keep their own answers, each returned in its own attempt's order, and an
// attempt whose question list is reordered still knows which are answered.
func TestAnswersKeyedByID(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	first := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3"}, t0)
	for _, q := range []string{"q3", "q1", "q2"} {
		mustAnswer(t, s, p.ID, k, first.ID, q, q != "q2", t0)
	}
	mustFinish(t, s, p.ID, k, first.ID, 50, t0.Add(time.Minute))

	// A new version of the pack asks the same questions in another order.
	second := mustStart(t, s, p.ID, k, []string{"q3", "q2", "q1"}, t0.Add(time.Hour))
	mustAnswer(t, s, p.ID, k, second.ID, "q1", false, t0.Add(time.Hour))
	mustAnswer(t, s, p.ID, k, second.ID, "q3", true, t0.Add(time.Hour))

	open, _, err := s.OpenAttempt(p.ID, k)
	if err != nil {
		t.Fatal(err)
	}
	if got := answeredIDs(open); !slices.Equal(got, []string{"q3", "q1"}) {
		t.Errorf("second attempt answers %q, want [q3 q1]", got)
	}
	if open.Answers[1].Correct {
		t.Error("the first attempt's answer to q1 leaked into the second")
	}
	if got := open.Next(); got != 1 {
		t.Errorf("Next() = %d, want 1 (q2)", got)
	}
	// The caller's own reordering of the list still finds the answers.
	reordered := open
	reordered.Questions = []string{"q1", "q3", "q2"}
	if got := reordered.Next(); got != 2 {
		t.Errorf("reordered Next() = %d, want 2 (q2)", got)
	}

	last, _, err := s.LastAttempt(p.ID, k)
	if err != nil {
		t.Fatal(err)
	}
	if got := answeredIDs(last); !slices.Equal(got, []string{"q1", "q2", "q3"}) || last.Correct != 2 {
		t.Errorf("first attempt answers %q, %d right; want [q1 q2 q3], 2", got, last.Correct)
	}
}
