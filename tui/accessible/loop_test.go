package accessible

import (
	"slices"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/progress"
)

// passwordsQuiz reads the passwords lesson (two pages) and answers its
// quiz: single, true/false and number right (a pass, at 60%), multiple
// and text wrong.
var passwordsQuiz = []string{
	"", "", // two pages of the lesson; enter at the end takes the quiz
	"2", "", // single: applenemobiro, right
	"1 3", "", // multiple: a right one and a wrong one
	"2", "", // true/false: False, right
	"spam", "", // text, wrong
	"72 hours", "", // number, right
}

// requestsQuiz reads the requests lesson and answers its quiz: number
// right, matching right, ordering right.
var requestsQuiz = []string{
	"",       // one page; enter takes the quiz
	"20", "", // number
	"4", "1", "2", // matching, one line at a time (display order: month, 72h, six months, 20 days)
	"",
	"2 3 1", "", // ordering (display order: report, tell, decide)
}

// TestWholeLoop drives every part of the learner's loop through Run: a new
// learner, a lesson and its quiz with every question type, results,
// a lesson without a quiz, badges, review, progress, the setting and
// quit. It checks the file holds what was answered, as the full-screen
// interface would have written it.
func TestWholeLoop(t *testing.T) {
	store := openStore(t)
	var script []string
	script = append(script, "Sam Patel", "2") // welcome: name, Graduate
	script = append(script, "1")              // home: start Strong passwords
	script = append(script, passwordsQuiz...)
	script = append(script, "1", "") // results: next lesson (scams), mark it complete
	script = append(script, "1")     // home: start Requests for information
	script = append(script, requestsQuiz...)
	script = append(script, "3")                                  // results: home
	script = append(script, "5", "")                              // home: badges (review is 2)
	script = append(script, "2", "1 2", "")                       // review: card 1 (multiple) right
	script = append(script, "7726", "")                           // card 2 (text) right
	script = append(script, "72", "", "2", "", "2", "", "20", "") // cards 3 to 6 right
	script = append(script, "4", "1", "2", "", "2 3 1", "")       // cards 7 (matching), 8 (ordering) right
	script = append(script, "")                                   // summary: enter for home
	script = append(script, "5", "")                              // progress (no review row now: badges 4, progress 5)
	script = append(script, "8", "?", "9")                        // the setting, then ? at home, then quit
	out := run(t, store, "", script...)

	for _, want := range []string{
		"Question 1 of 5. Choose one.", "Question 2 of 5. Choose all that apply.", "Question 3 of 5. True or false.",
		"Question 4 of 5. Type your answer.", "Question 5 of 5. Type a number.",
		"Question 2 of 3. Match each one.", "Line 3 of 3: Personal data breach", "Question 3 of 3. Put these in order.",
		"Passed. You scored 3 of 5, 60 per cent.", "Lesson complete: Spotting scams.",
		"Passed. You scored 3 of 3, 100 per cent.", "Badge earned: Flawless.",
		"Review card 1 of 8. Choose all that apply.", "Review card 8 of 8. Put these in order.",
		"Review finished. You reviewed 8 cards: 8 right, 0 partly right, 0 to see again soon.",
		"Your progress in Test pack.", "Saved. Upskill will start in accessible mode for you every time.",
		"Here it is again.", "Your progress is saved. Goodbye.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	requirePlain(t, out)

	p, err := store.ProfileByName("Sam Patel")
	if err != nil {
		t.Fatal(err)
	}
	if p.Role != "graduate" {
		t.Errorf("role = %q, want graduate", p.Role)
	}
	pw, _, err := store.LastAttempt(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]progress.Answer{
		"three-words":  {Choices: []int{1}, Correct: true},
		"habits":       {Choices: []int{0, 2}},
		"write-down":   {Choices: []int{1}, Correct: true},
		"text-number":  {Text: "spam"},
		"breach-hours": {Text: "72 hours", Correct: true},
	}
	if pw.Open() || len(pw.Answers) != len(want) {
		t.Fatalf("passwords attempt: open %v, %d answers; want finished with %d", pw.Open(), len(pw.Answers), len(want))
	}
	for _, a := range pw.Answers {
		w := want[a.Question]
		if !slices.Equal(a.Choices, w.Choices) || a.Text != w.Text || a.Correct != w.Correct || !a.At.Equal(testNow) {
			t.Errorf("answer to %s = %+v, want choices %v text %q correct %v at %v", a.Question, a, w.Choices, w.Text, w.Correct, testNow)
		}
	}
	rq, _, err := store.LastAttempt(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "requests"})
	if err != nil {
		t.Fatal(err)
	}
	if rq.Percent != 100 || !rq.Passed {
		t.Errorf("requests attempt = %d%%, passed %v; want 100%%, passed", rq.Percent, rq.Passed)
	}
	for _, a := range rq.Answers {
		switch a.Question {
		case "match-requests":
			if !slices.Equal(a.Choices, []int{0, 1, 2}) {
				t.Errorf("matching answer = %v, want [0 1 2] (indexes in MatchOptions)", a.Choices)
			}
		case "order-breach":
			if !slices.Equal(a.Choices, []int{0, 1, 2}) {
				t.Errorf("ordering answer = %v, want [0 1 2] (item indexes by position)", a.Choices)
			}
		}
	}
	scams, err := store.Lesson(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: "scams"})
	if err != nil || scams.Status != progress.Completed {
		t.Errorf("scams lesson = %+v (err %v), want completed", scams, err)
	}
	badges, err := store.Badges(p.ID, "test-pack")
	if err != nil || len(badges) == 0 {
		t.Errorf("badges = %v (err %v), want some", badges, err)
	}
	if _, open, err := store.OpenReview(p.ID); err != nil || open {
		t.Errorf("review still open (err %v)", err)
	}
	set, err := store.Settings(p.ID)
	if err != nil || !set.Accessible {
		t.Errorf("settings = %+v (err %v), want accessible saved", set, err)
	}
}

// requirePlain fails the test if out holds an escape sequence or any
// control character but newline and tab.
func requirePlain(t *testing.T, out string) {
	t.Helper()
	for i, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("control character %U at byte %d: %q", r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
}
