package xapi

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// learnEverything makes, through a store with the builder's hook, one
// event of every kind and an answer to every question type, and returns
// the statements queued.
func learnEverything(t *testing.T, b *Builder) []progress.QueuedStatement {
	t.Helper()
	s, err := progress.Open(filepath.Join(t.TempDir(), "progress.db"), progress.Options{Policy: review.NewPolicy(), Outbox: b.Hook()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.CreateProfile("Ada", "staff", t0)
	must(err)
	k := testLesson
	must(s.SaveReading(p.ID, k, 0.5, t0))
	qs := []string{"sign", "habits", "safe-links", "report-to", "hours", "terms", "steps"}
	a, err := s.StartAttempt(p.ID, k, qs, 1, t0)
	must(err)
	answers := []progress.Answer{
		{Question: "sign", Choices: []int{1}, Correct: true},
		{Question: "habits", Choices: []int{0}, Score: 0.5},
		{Question: "safe-links", Choices: []int{1}, Correct: true},
		{Question: "report-to", Text: "7726", Correct: true},
		{Question: "hours", Text: "72", Correct: true},
		{Question: "terms", Choices: []int{0, 2}, Score: 0.5},
		{Question: "steps", Choices: []int{0, 1, 2}, Correct: true},
	}
	for i, ans := range answers {
		ans.At, ans.Rating, ans.Seconds = t0.Add(time.Duration(i+1)*time.Minute), progress.Good, 10
		must(s.RecordAnswer(p.ID, k, a.ID, ans))
	}
	_, err = s.FinishAttempt(p.ID, k, a.ID, 60, t0.Add(10*time.Minute))
	must(err)
	_, err = s.AwardBadge(p.ID, "cyber", "sharp-eye", t0.Add(10*time.Minute))
	must(err)
	r, err := s.StartReview(p.ID, []progress.CardKey{{Pack: "cyber", Lesson: "phishing", Question: "sign"}}, 1, t0.Add(48*time.Hour))
	must(err)
	must(s.RecordReview(p.ID, r.ID, progress.ReviewAnswer{Card: r.Cards[0], Correct: true, Rating: progress.Good, At: t0.Add(48 * time.Hour)}))
	_, err = s.FinishReview(p.ID, r.ID, t0.Add(48*time.Hour+time.Minute))
	must(err)
	q, err := s.PeekOutbox(1000)
	must(err)
	return q
}

// TestStatementsAcceptedByRealLRS: every kind of statement Upskill makes
// is accepted by a real LRS and read back as sent.
func TestStatementsAcceptedByRealLRS(t *testing.T) {
	lrs := lrstest.Start(t)
	b := testBuilder(t)
	queued := learnEverything(t, b)
	wantVerbs := []string{VerbExperienced, VerbAnswered, VerbAnswered, VerbAnswered, VerbAnswered, VerbAnswered, VerbAnswered,
		VerbAnswered, VerbPassed, VerbCompleted, VerbEarned, VerbAttempted}
	if len(queued) != len(wantVerbs) {
		t.Fatalf("%d statements queued, want %d", len(queued), len(wantVerbs))
	}
	for i, q := range queued {
		var sent map[string]any
		if err := json.Unmarshal(q.Body, &sent); err != nil {
			t.Fatal(err)
		}
		if verb := sent["verb"].(map[string]any)["id"]; verb != wantVerbs[i] {
			t.Errorf("statement %d: verb %v, want %s", i, verb, wantVerbs[i])
		}
		status, answer, err := lrs.Post(q.Body)
		if err != nil || status != 200 {
			t.Fatalf("statement %d (%s) refused: %d %s %v\n%s", i, wantVerbs[i], status, answer, err, q.Body)
		}
		var ids []string
		if err := json.Unmarshal(answer, &ids); err != nil || len(ids) != 1 || ids[0] != uuid.UUID(q.ID).String() {
			t.Errorf("statement %d: the LRS answered %s, want [%q]", i, answer, uuid.UUID(q.ID).String())
		}
		stored, err := lrs.Statement(uuid.UUID(q.ID).String())
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"id", "actor", "verb", "object", "result", "timestamp"} {
			if !reflect.DeepEqual(stored[part], sent[part]) && !(part == "timestamp" && sameTime(stored[part], sent[part])) {
				t.Errorf("statement %d: %s stored as %v, sent %v", i, part, stored[part], sent[part])
			}
		}
	}
	// Sending them all again makes no second copy.
	for _, q := range queued {
		if status, answer, err := lrs.Post(q.Body); err != nil || status != 200 {
			t.Fatalf("sending again: %d %s %v", status, answer, err)
		}
	}
	if n, err := lrs.Count(); err != nil || n != len(queued) {
		t.Errorf("the LRS holds %d statements (%v), want %d", n, err, len(queued))
	}
}

func sameTime(a, b any) bool {
	as, _ := a.(string)
	bs, _ := b.(string)
	ta, err1 := time.Parse(time.RFC3339Nano, as)
	tb, err2 := time.Parse(time.RFC3339Nano, bs)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}
