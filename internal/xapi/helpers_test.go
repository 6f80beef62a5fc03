package xapi

import (
	"os"
	"testing"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// testPack is the pack in testdata/pack: one lesson whose quiz has a
// question of every type.
func testPack(t testing.TB) *lessons.Pack {
	t.Helper()
	p, err := lessons.Load(os.DirFS("testdata/pack"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	testHome    = "https://learning.council.example.gov.uk"
	testLearner = "6f1c2d9a-3b4e-4f5a-8c7d-1e2f3a4b5c6d"
)

var t0 = time.Date(2026, time.January, 5, 10, 15, 0, 0, time.UTC)

func testBuilder(t testing.TB) *Builder {
	t.Helper()
	p := testPack(t)
	b, err := New(Config{HomePage: testHome, Version: "1.0.0"}, func(id string) (*lessons.Pack, bool) {
		return p, id == p.ID
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var testLesson = progress.LessonKey{Pack: "cyber", Lesson: "phishing"}

// exampleEvents are one event of every kind, and an answer to every
// question type, by name.
func exampleEvents() []struct {
	name string
	ev   progress.Event
} {
	attempt := &progress.Attempt{ID: 3, Questions: []string{"sign", "habits", "safe-links", "report-to", "hours", "terms", "steps"}, Started: t0}
	answer := func(q string, choices []int, text string, correct bool) progress.Event {
		return progress.Event{Kind: progress.EventQuestionAnswered, Learner: testLearner, Lesson: testLesson, At: t0.Add(time.Minute),
			Attempt: attempt, Answer: &progress.Answer{Question: q, Choices: choices, Text: text, Correct: correct, Seconds: 12, At: t0.Add(time.Minute)}}
	}
	finished := *attempt
	finished.Finished, finished.Points, finished.Correct, finished.Percent, finished.Passed = t0.Add(4*time.Minute+30*time.Second), 6, 6, 86, true
	review := &progress.Review{ID: 2, Started: t0.Add(24 * time.Hour), Finished: t0.Add(24*time.Hour + 90*time.Second),
		Cards: []progress.CardKey{{Pack: "cyber", Lesson: "phishing", Question: "sign"}, {Pack: "cyber", Lesson: "phishing", Question: "hours"}},
		Answers: []progress.ReviewAnswer{
			{Card: progress.CardKey{Pack: "cyber", Lesson: "phishing", Question: "sign"}, Correct: true},
			{Card: progress.CardKey{Pack: "cyber", Lesson: "phishing", Question: "hours"}, Correct: false},
		}}
	return []struct {
		name string
		ev   progress.Event
	}{
		{"lesson_read", progress.Event{Kind: progress.EventLessonRead, Learner: testLearner, Lesson: testLesson, At: t0}},
		// The lesson completes the required module "safe".
		{"lesson_completed", progress.Event{Kind: progress.EventLessonCompleted, Learner: testLearner, Lesson: testLesson,
			At: t0.Add(5 * time.Minute), Role: "staff", Completed: []string{"phishing"}}},
		{"answered_choice", answer("sign", []int{1}, "", true)},
		{"answered_choice_multiple", answer("habits", []int{0, 2}, "", true)},
		{"answered_true_false", answer("safe-links", []int{1}, "", true)},
		{"answered_fill_in", answer("report-to", nil, "7726", true)},
		{"answered_numeric", answer("hours", nil, "72 hours", true)},
		{"answered_matching", answer("terms", []int{1, 0}, "", false)},
		{"answered_sequencing", answer("steps", []int{0, 1, 2}, "", true)},
		{"quiz_passed", progress.Event{Kind: progress.EventQuizFinished, Learner: testLearner, Lesson: testLesson, At: finished.Finished, Attempt: &finished}},
		{"review_attempted", progress.Event{Kind: progress.EventReviewFinished, Learner: testLearner, At: review.Finished, Review: review}},
		{"badge_earned", progress.Event{Kind: progress.EventBadgeEarned, Learner: testLearner, Lesson: progress.LessonKey{Pack: "cyber"}, Badge: "sharp-eye", At: t0.Add(5 * time.Minute)}},
	}
}
