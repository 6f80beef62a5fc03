package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// passwordsKey is where the test pack's first quiz is stored.
var passwordsKey = progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}

// changedPack loads the test pack and lets the test change a question of
// the passwords quiz before the UI starts.
func changedPack(t *testing.T, id string, change func(q *lessons.Question)) *lessons.Pack {
	t.Helper()
	p := loadTestPack(t)
	l, _ := p.Lesson("passwords")
	q, ok := l.Quiz.Question(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	change(q)
	return p
}

// learnerOn starts the UI on pack with a new learner.
func learnerOn(t *testing.T, w, h int, pack *lessons.Pack) *harness {
	t.Helper()
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "staff", testNow); err != nil {
		t.Fatal(err)
	}
	return newHarnessOn(t, w, h, store, pack, "")
}

func TestQuitMidQuizAsksFirst(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter")
	h.requireScreen("Question 1 of 5", "q quit")
	h.keys("2", "enter", "q")
	if h.quit {
		t.Fatal("q in the middle of a quiz quit without asking")
	}
	h.requireScreen("Leave the quiz?", "Your answers so far are saved", "Press y to leave, n to stay.", "y leave Upskill", "n stay")
	h.keys("n")
	if h.quit || h.active() != quizScreen || h.quiz().phase != reviewing {
		t.Fatalf("n did not go back to the feedback: quit %v, screen %v", h.quit, h.active())
	}
	h.requireScreen("✓ Correct")
	h.keys("q", "esc")
	h.requireScreen("✓ Correct")
	h.keys("enter", "q", "x")
	if h.quit || !h.quiz().confirmQuit {
		t.Fatal("a key other than y or n answered the question")
	}
	h.keys("y")
	if !h.quit {
		t.Fatal("y did not quit")
	}
	a, open, _ := h.store.OpenAttempt(h.m.c.profileID(), passwordsKey)
	if !open || len(a.Answers) != 1 {
		t.Errorf("after leaving, the attempt is open %v with %d answers, want open with 1", open, len(a.Answers))
	}
}

// TestQuitInTextAnswerTypes: in a text box, q is a letter.
func TestQuitInTextAnswerTypes(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter", "2", "enter", "enter", "space", "down", "space", "enter", "enter", "2", "enter", "enter")
	h.requireScreen("Question 4 of 5")
	h.keys("q")
	if h.quiz().confirmQuit || h.quiz().input.Value() != "q" {
		t.Errorf("q in a text answer: confirm %v, value %q", h.quiz().confirmQuit, h.quiz().input.Value())
	}
}

func TestTypoForgivenAndSaid(t *testing.T) {
	pack := changedPack(t, "text-number", func(q *lessons.Question) {
		q.Accept = []lessons.Accepted{{Text: "customer journey map", Score: 1}}
	})
	h := learnerOn(t, 100, 30, pack)
	h.keys("enter", "enter", "2", "enter", "enter", "space", "down", "space", "enter", "enter", "2", "enter", "enter")
	h.keys("Custmer Journey Map", "enter")
	h.requireScreen("✓ Right — check the spelling: customer journey map", "4 marks so far")
	a, _, _ := h.store.OpenAttempt(h.m.c.profileID(), passwordsKey)
	last := a.Answers[len(a.Answers)-1]
	if !last.Correct || last.Points() != 1 || last.Text != "Custmer Journey Map" {
		t.Errorf("stored %+v, want right with full points and the text as typed", last)
	}

	pack = changedPack(t, "text-number", func(q *lessons.Question) {
		q.Accept = []lessons.Accepted{{Text: "customer journey map", Score: 1}}
		q.Typos = lessons.TyposStrict
	})
	h = learnerOn(t, 100, 30, pack)
	h.keys("enter", "enter", "2", "enter", "enter", "space", "down", "space", "enter", "enter", "2", "enter", "enter")
	h.keys("Custmer Journey Map", "enter")
	h.requireScreen("✗ Not quite", "The right answer: customer journey map")
}

func TestChoicesShuffledPerAttempt(t *testing.T) {
	q := &lessons.Question{ID: "q", Type: lessons.SingleChoice}
	for _, text := range []string{"a", "b", "c", "d", "e", "f"} {
		q.Choices = append(q.Choices, lessons.Choice{Text: text})
	}
	first := displayOrder(q, 1)
	if !slices.Equal(first, displayOrder(q, 1)) {
		t.Fatal("the same attempt shows a different order")
	}
	differs := false
	for seed := int64(2); seed < 10; seed++ {
		differs = differs || !slices.Equal(first, displayOrder(q, seed))
	}
	if !differs {
		t.Errorf("eight other attempts all show the order %v", first)
	}
	other := *q
	other.ID = "other"
	if slices.Equal(displayOrder(q, 1), displayOrder(&other, 1)) && slices.Equal(displayOrder(q, 2), displayOrder(&other, 2)) {
		t.Error("two questions are shuffled alike")
	}
	q.KeepOrder = true
	if got := displayOrder(q, 1); !slices.IsSorted(got) {
		t.Errorf("shuffle: false shows %v", got)
	}
	tf := &lessons.Question{ID: "tf", Type: lessons.TrueFalse, Choices: []lessons.Choice{{Text: "True"}, {Text: "False"}}}
	for seed := range int64(8) {
		if got := displayOrder(tf, seed); !slices.IsSorted(got) {
			t.Fatalf("true/false shows %v", got)
		}
	}
}

// TestResumedAttemptKeepsItsOrder: shuffled choices stay put when the
// attempt is resumed, and a retake shuffles anew.
func TestResumedAttemptKeepsItsOrder(t *testing.T) {
	pack := changedPack(t, "three-words", func(q *lessons.Question) { q.KeepOrder = false })
	h := learnerOn(t, 100, 30, pack)
	h.keys("enter", "enter")
	order := h.quiz().order
	h.keys("esc", "enter")
	if got := h.quiz().order; !slices.Equal(got, order) {
		t.Errorf("resumed attempt shows %v, first showed %v", got, order)
	}
	seeds := []int64{}
	for seed := int64(1); seed < 10; seed++ {
		seeds = append(seeds, seed)
		if !slices.Equal(displayOrder(h.quiz().question(), seed), order) {
			return
		}
	}
	t.Errorf("attempts with seeds %v all show %v", seeds, order)
}

// TestMatchingBlankAndUsedOnce: with distinct answers, an answer given to
// one line is passed over on another, and going round leaves a line blank.
func TestMatchingBlankAndUsedOnce(t *testing.T) {
	h := openRequestsQuiz(t, 100, 30)
	h.requireScreen("4 answers to choose from; each is used once at most, and some are not used.")
	h.keys("right")
	firstAnswer := h.quiz().matches[0]
	h.keys("down")
	seen := map[int]bool{}
	for range 5 {
		h.keys("right")
		seen[h.quiz().matches[1]] = true
	}
	if seen[firstAnswer] {
		t.Errorf("line 2 was offered line 1's answer (%d): %v", firstAnswer, seen)
	}
	if !seen[-1] || len(seen) != 4 {
		t.Errorf("going round line 2 gave %v, want blank and the 3 free answers", seen)
	}
	h.keys("up", "left")
	if h.quiz().matches[0] != -1 {
		t.Errorf("← from the first answer gave %d, want blank", h.quiz().matches[0])
	}
	h.requireScreen("1. Freedom of information → ‹ choose with ← → ›")
}

func TestMatchingHintWhenAnswersRepeat(t *testing.T) {
	p := loadTestPack(t)
	l, _ := p.Lesson("requests")
	q, _ := l.Quiz.Question("match-requests")
	q.Pairs[2].Answer = q.Pairs[0].Answer
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "graduate", testNow); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, 100, 30, store, p, "")
	h.keys("down", "down", "enter", "enter", "enter", "20", "enter", "enter")
	h.requireScreen("3 answers to choose from; an answer may be used more than once.")
	h.keys("right", "down", "right")
	if h.quiz().matches[0] != 0 || h.quiz().matches[1] != 0 {
		t.Errorf("answers repeat, but line 2 was not offered line 1's answer: %v", h.quiz().matches)
	}
}

// TestFeedbackCannotFakeAMark: a newline in pack feedback cannot put a
// line that starts with ✓ under Upskill's ✗.
func TestFeedbackCannotFakeAMark(t *testing.T) {
	pack := changedPack(t, "write-down", func(q *lessons.Question) {
		q.WrongFeedback = "Not so.\n✓ Correct"
		q.Choices[0].Feedback = q.WrongFeedback
		q.Choices[1].Feedback = q.WrongFeedback
		q.Explanation = "Because.\n★ New badge: Flawless"
	})
	h := learnerOn(t, 100, 30, pack)
	h.keys("enter", "enter", "2", "enter", "enter", "space", "down", "space", "enter", "enter")
	h.requireScreen("Question 3 of 5")
	h.keys("1", "enter") // True: wrong
	h.requireScreen("✗ Not quite", "✓ Correct", "★ New badge: Flawless")
	for _, line := range strings.Split(h.screen(), "\n") {
		// One column of margin, then Upskill's marks at the left edge.
		if strings.HasPrefix(line, " ✓") || strings.HasPrefix(line, " ★") {
			t.Errorf("pack text drawn where Upskill's marks go: %q\n%s", line, h.screen())
		}
	}
}

// TestWrappedChoiceHighlightedWhole: every line of a selected choice that
// wraps carries the selected style.
func TestWrappedChoiceHighlightedWhole(t *testing.T) {
	h := withLearner(t, 60, 16, "Sam Patel", "staff")
	s := h.m.c.styles
	lines := hanging("1. ( ) ", "a choice long enough to wrap onto a second and a third line", 30)
	if len(lines) < 3 {
		t.Fatalf("the choice did not wrap: %q", lines)
	}
	out := strings.Split(strings.TrimSuffix(option(s, true, lines, 32), "\n"), "\n")
	for i, line := range out {
		if !strings.Contains(line, s.Selected.Render(pad(lines[i], 30))) {
			t.Errorf("line %d of the selected choice is not highlighted: %q", i, line)
		}
	}
	for i, line := range strings.Split(strings.TrimSuffix(option(s, false, lines, 32), "\n"), "\n") {
		if line != "  "+lines[i] {
			t.Errorf("unselected line %d = %q", i, line)
		}
	}
}

// answerAllWrong answers every question of the passwords quiz wrongly and
// stops with the last feedback on screen.
func answerAllWrong(t *testing.T, h *harness) {
	t.Helper()
	h.keys("1", "enter", "enter", "3", "space", "enter", "enter", "1", "enter", "enter", "999", "enter", "enter", "24", "enter")
	h.requireScreen("Question 5 of 5", "✗ Not quite", "enter see your results")
}

// TestAllAnsweredAttemptResumesAtResults: Upskill stopped while the last
// feedback was on screen; reopened, the quiz shows the results the record
// holds, and never asks a question again.
func TestAllAnsweredAttemptResumesAtResults(t *testing.T) {
	h := withLearner(t, 100, 30, "Sam Patel", "staff")
	h.keys("enter", "enter")
	answerAllWrong(t, h)
	// A new UI on the same file, as after a kill.
	h2 := newHarness(t, 100, 30, h.store, "")
	h2.requireScreen("Continue the quiz: Strong passwords")
	h2.keys("enter")
	if h2.active() != resultsScreen {
		t.Fatalf("continuing an all-answered attempt opened %v:\n%s", h2.active(), h2.screen())
	}
	h2.requireScreen("✗ Not passed yet. You scored 0 of 5 (0%)")
	if _, open, _ := h2.store.OpenAttempt(h2.m.c.profileID(), passwordsKey); open {
		t.Error("the attempt is still open after its results were shown")
	}
	rec, _ := h2.store.Lesson(h2.m.c.profileID(), passwordsKey)
	if rec.Attempts != 1 || !rec.Scored || rec.BestScore != 0 {
		t.Errorf("lesson record %+v, want one attempt scored 0", rec)
	}
}

// TestAnswerOnRecordIsShown: when the record already holds an answer to
// the question on screen, the screen shows that answer, not the new one.
func TestAnswerOnRecordIsShown(t *testing.T) {
	h := withLearner(t, 100, 30, "Sam Patel", "staff")
	h.keys("enter", "enter")
	h.requireScreen("Question 1 of 5")
	a, _, _ := h.store.OpenAttempt(h.m.c.profileID(), passwordsKey)
	wrong := progress.Answer{Question: "three-words", Choices: []int{0}, Rating: progress.Again, At: testNow}
	if err := h.store.RecordAnswer(h.m.c.profileID(), passwordsKey, a.ID, wrong); err != nil {
		t.Fatal(err)
	}
	h.keys("2", "enter") // the right answer, too late
	h.requireScreen("✗ Not quite", "Your answer: Summer2026!", "You had answered this question before; this is the answer on record.", "0 marks so far")
	if got := h.quiz().src.points(); got != 0 {
		t.Errorf("the screen counts %v points, the record 0", got)
	}
}
