package tui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/progress"
)

func TestWelcomeCreatesProfileWithRole(t *testing.T) {
	h := newHarness(t, 80, 24, nil, "")
	h.requireScreen("Welcome to Upskill", "What is your name?")
	h.keys("  Sam   Patel ", "enter", "down", "enter")
	if h.active() != homeScreen {
		t.Fatalf("after creating a profile the screen is %v, want home", h.active())
	}
	h.requireScreen("Welcome, Sam Patel", "Graduate programme", "Start: Strong passwords")
	p, err := h.store.ProfileByName("sam patel")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Sam Patel" || p.Role != "graduate" {
		t.Errorf("profile = %q %q, want Sam Patel graduate", p.Name, p.Role)
	}
}

func TestWelcomeNameFieldTakesCommandKeys(t *testing.T) {
	h := newHarness(t, 80, 24, nil, "")
	h.keys("q?bjk")
	if h.quit || h.m.showHelp {
		t.Fatal("q or ? acted as a command while typing a name")
	}
	if got := h.welcome().name.Value(); got != "q?bjk" {
		t.Errorf("name = %q, want the typed text", got)
	}
	h.keys("ctrl+c")
	if !h.quit {
		t.Error("ctrl+c did not quit from the name field")
	}
}

func TestWelcomeRefusesEmptyAndTakenNames(t *testing.T) {
	store := openStore(t)
	store.CreateProfile("Alex Jones", "staff", testNow)
	store.CreateProfile("Sam Patel", "staff", testNow)
	h := newHarness(t, 80, 24, store, "")
	h.keys("n")
	if h.active() != welcomeScreen {
		t.Fatalf("n on the picker opened %v, want the welcome form", h.active())
	}
	h.keys("enter")
	h.requireScreen("Type your name first.")
	h.keys("ALEX jones", "enter", "enter")
	h.requireScreen("Someone here is already called ALEX jones.", "ALEX jones (Housing)")
	if ps, _ := store.Profiles(); len(ps) != 2 {
		t.Errorf("%d profiles after a duplicate, want 2", len(ps))
	}
	h.keys("esc")
	if h.active() != pickerScreen {
		t.Errorf("esc on the welcome form went to %v, want the picker", h.active())
	}
}

func TestPickerChoosesLearner(t *testing.T) {
	store := openStore(t)
	store.CreateProfile("Alex Jones", "staff", testNow)
	store.CreateProfile("Sam Patel", "graduate", testNow)
	h := newHarness(t, 80, 24, store, "")
	h.requireScreen("Who is learning?", "Alex Jones", "Sam Patel", "Council staff", "+ New learner")
	h.keys("down", "enter")
	if h.active() != homeScreen || h.m.c.learner.Profile.Name != "Sam Patel" {
		t.Fatalf("chose %v as %q, want home as Sam Patel", h.active(), h.m.c.learner.Profile.Name)
	}
	h.requireScreen("Sam Patel · Graduate")
	// Someone else can take over the computer from the home screen.
	h.keys("p")
	if h.active() != pickerScreen {
		t.Fatalf("p on home opened %v, want the picker", h.active())
	}
	h.keys("esc")
	if h.active() != homeScreen || h.m.c.learner.Profile.Name != "Sam Patel" {
		t.Fatalf("esc on the picker went to %v as %q", h.active(), h.m.c.learner.Profile.Name)
	}
	h.keys("p", "up", "enter")
	h.requireScreen("Alex Jones · Council staff")
}

func TestProfileFlag(t *testing.T) {
	store := openStore(t)
	store.CreateProfile("Alex Jones", "staff", testNow)
	store.CreateProfile("Sam Patel", "graduate", testNow)
	h := newHarness(t, 80, 24, store, "sam patel")
	if h.active() != homeScreen || h.m.c.learner.Profile.Name != "Sam Patel" {
		t.Fatalf("--profile sam patel opened %v", h.active())
	}
	h = newHarness(t, 80, 24, store, "Priya Shah")
	if h.active() != welcomeScreen || h.welcome().name.Value() != "Priya Shah" {
		t.Fatalf("--profile for a new name opened %v with %q, want the welcome form filled in", h.active(), h.welcome().name.Value())
	}
}

func TestHomeShowsPathModulesAndContinue(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	// The staff path has one module; graduates get both.
	h.requireScreen("Essentials for all staff · 0 of 2 lessons complete", "○ Staying safe", "0/2 lessons", "not started", "0 of 4 badges earned", "Streak: 0 days")
	if strings.Contains(h.screen(), "Information rights") {
		t.Error("staff path shows a module that is only in the graduate path")
	}
	h.keys("down", "enter")
	if h.active() != moduleScreen {
		t.Fatalf("enter on a module opened %v", h.active())
	}
	h.requireScreen("Passwords and scams.", "Strong passwords", "5 min", "no score yet", "Spotting scams", "no quiz")
	h.keys("esc")
	if h.active() != homeScreen {
		t.Fatalf("esc from a module went to %v", h.active())
	}
}

func TestContinueOpensLessonAndRemembersPosition(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter")
	if h.active() != lessonScreen || h.lesson().lesson.ID != "passwords" {
		t.Fatalf("continue opened %v", h.active())
	}
	h.requireScreen("Strong passwords", "By the end of this lesson you can:", "three random words", "0% read")
	pid := h.m.c.profileID()
	rec, _ := h.store.Lesson(pid, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if rec.Status != progress.InProgress {
		t.Errorf("opening a lesson left it %q, want in progress", rec.Status)
	}
	h.keys("pgdown")
	want := h.lesson().Position()
	if want <= 0 {
		t.Fatalf("position after page down = %v", want)
	}
	h.keys("esc")
	rec, _ = h.store.Lesson(pid, progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if rec.Position != want {
		t.Errorf("saved position %v, want %v", rec.Position, want)
	}
	// A new session continues at the same place.
	h2 := newHarness(t, 80, 24, h.store, "")
	h2.requireScreen("Continue reading: Strong passwords")
	h2.keys("enter")
	if got := h2.lesson().Position(); got != want {
		t.Errorf("reopened at %v, want %v", got, want)
	}
}

func TestLessonRewrapsOnResize(t *testing.T) {
	h := withLearner(t, 120, 40, "Sam Patel", "staff")
	h.keys("enter")
	wide := h.lesson().vp.TotalLineCount()
	h.send(tea.WindowSizeMsg{Width: 60, Height: 24})
	if narrow := h.lesson().vp.TotalLineCount(); narrow <= wide {
		t.Errorf("text has %d lines at 60 columns and %d at 120; it did not re-wrap", narrow, wide)
	}
	for _, line := range strings.Split(h.screen(), "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Fatalf("line of %d cells at 60 columns: %q", w, line)
		}
	}
	h.requireScreen("three random words")
}

// TestReadingWidthIsCapped: however wide the window, no line of a lesson
// is longer than about 90 characters.
func TestReadingWidthIsCapped(t *testing.T) {
	h := withLearner(t, 200, 50, "Sam Patel", "staff")
	h.keys("enter")
	for _, line := range h.lesson().lines {
		if w := len([]rune(strings.TrimRight(ansi.Strip(line), " "))); w > 90 {
			t.Errorf("a lesson line of %d characters at 200 columns: %q", w, ansi.Strip(line))
		}
	}
	if len(h.lesson().lines) < 10 {
		t.Fatalf("the lesson has %d lines", len(h.lesson().lines))
	}
}

func TestLessonScrollsWithKeysAndWheel(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "down", "down")
	if l := h.lesson(); l.vp.YOffset() != 2 {
		off := l.vp.YOffset()
		t.Errorf("offset after two downs = %d, want 2", off)
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if l := h.lesson(); l.vp.YOffset() <= 2 {
		off := l.vp.YOffset()
		t.Errorf("mouse wheel did not scroll (offset %d)", off)
	}
	h.keys("end")
	h.requireScreen("End of the lesson · press enter to take the quiz", "NCSC: Three random words")
}

// answerPasswordsQuiz answers the test pack's first quiz; right chooses
// all right answers or all wrong ones.
func answerPasswordsQuiz(t *testing.T, h *harness, right bool) {
	t.Helper()
	h.requireScreen("Question 1 of 5")
	if right {
		h.keys("2", "enter")
	} else {
		h.keys("1", "enter")
	}
	h.requireScreen("Question 1 of 5")
	h.keys("enter")
	h.requireScreen("Question 2 of 5", "Select all that apply")
	if right {
		h.keys("space", "down", "space", "enter")
	} else {
		h.keys("3", "space", "enter")
	}
	h.keys("enter")
	h.requireScreen("Question 3 of 5", "True or false")
	if right {
		h.keys("2", "enter")
	} else {
		h.keys("1", "enter")
	}
	h.keys("enter")
	h.requireScreen("Question 4 of 5", "Type your answer")
	if right {
		h.keys(" 7726 ", "enter")
	} else {
		h.keys("999", "enter")
	}
	h.keys("enter")
	h.requireScreen("Question 5 of 5", "Type a number", "hours")
	if right {
		h.keys("72 hours", "enter")
	} else {
		h.keys("24", "enter")
	}
	h.keys("enter")
}

func TestQuizAllTypesPassAndBadge(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter")
	if h.active() != quizScreen {
		t.Fatalf("enter on the lesson opened %v, want the quiz", h.active())
	}
	answerPasswordsQuiz(t, h, true)
	if h.active() != resultsScreen {
		t.Fatalf("after the last question the screen is %v", h.active())
	}
	h.requireScreen("✓ Passed.", "You scored 5 of 5 (100%)", "★ New badge: Flawless", "No mistakes to review")
	badges, _ := h.store.Badges(h.m.c.profileID(), "test-pack")
	if _, ok := badges["flawless"]; !ok || !badges["flawless"].Equal(testNow) {
		t.Errorf("badges in the store = %v, want flawless at %v", badges, testNow)
	}
	rec, _ := h.store.Lesson(h.m.c.profileID(), progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if rec.Status != progress.Completed || rec.BestScore != 100 {
		t.Errorf("lesson record %+v, want completed with 100", rec)
	}
}

func TestQuizFeedbackAfterEachAnswer(t *testing.T) {
	h := withLearner(t, 100, 30, "Sam Patel", "staff")
	h.keys("enter", "enter", "1", "enter")
	h.requireScreen("✗ Not quite", "Your answer: Summer2026!", "The right answer: applenemobiro",
		"Seasons and years are among the first things criminals try.", "Why", "  Three random words")
	h.keys("enter", "3", "space", "enter")
	// Multiple choice: feedback for the wrong choice taken and the right ones missed.
	h.requireScreen("✗ Not quite", "Your pet's name and a number", "Names of family and pets are easy to find out.")
	h.keys("enter", "1", "enter")
	h.requireScreen("Writing a password down is fine if you keep it somewhere safe.")
}

func TestAnswerIsWrittenBeforeFeedback(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter", "2", "enter")
	a, ok, err := h.store.OpenAttempt(h.m.c.profileID(), progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if err != nil || !ok || len(a.Answers) != 1 || !a.Answers[0].Correct {
		t.Fatalf("after feedback the store holds %+v (ok %v, err %v), want one right answer", a, ok, err)
	}
	// When the write fails, the learner sees no feedback and the answer
	// does not count.
	h.keys("enter")
	h.store.Close()
	h.keys("space", "enter")
	if h.quiz().phase != answering {
		t.Fatalf("phase %v after a failed write, want answering", h.quiz().phase)
	}
	h.requireScreen("could not be saved")
	if strings.Contains(h.screen(), "Correct") || strings.Contains(h.screen(), "Not quite") {
		t.Error("feedback shown for an answer that was not saved")
	}
}

func TestQuizResumesAtNextUnanswered(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter", "2", "enter", "enter", "space", "enter", "enter")
	h.requireScreen("Question 3 of 5")
	h.keys("esc")
	if h.active() != lessonScreen {
		t.Fatalf("esc from the quiz went to %v, want the lesson", h.active())
	}
	h2 := newHarness(t, 80, 24, h.store, "")
	h2.requireScreen("Continue the quiz: Strong passwords")
	h2.keys("enter")
	h2.requireScreen("Question 3 of 5", "1 mark so far")
}

func TestResultsReviewMistakesAndRetake(t *testing.T) {
	h := withLearner(t, 80, 40, "Sam Patel", "staff")
	h.keys("enter", "enter")
	answerPasswordsQuiz(t, h, false)
	h.requireScreen("✗ Not passed yet.", "You scored 0 of 5 (0%). The pass mark is 60%.", "Review your mistakes",
		"✗ Question 1", "  Which password follows", "Your answer: Summer2026!", "The right answer: applenemobiro")
	h.keys("r")
	if h.active() != quizScreen || h.quiz().index != 0 || h.quiz().src.next() != 0 {
		t.Fatalf("retake opened %v at question %d with %d answered", h.active(), h.quiz().index, h.quiz().src.next())
	}
	answerPasswordsQuiz(t, h, true)
	h.requireScreen("Your best score: 100% · attempts: 2")
	h.keys("esc")
	if h.active() != moduleScreen {
		t.Fatalf("esc on results went to %v, want the module", h.active())
	}
	h.requireScreen("✓ Strong passwords", "best 100%", "completed")
}

func TestLessonWithoutQuizCompletesAndModuleBadge(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "enter")
	answerPasswordsQuiz(t, h, true)
	h.keys("enter") // next lesson: scams, which has no quiz
	if h.active() != lessonScreen || h.lesson().lesson.ID != "scams" {
		t.Fatalf("enter on results opened %v", h.active())
	}
	h.keys("enter")
	if h.active() != moduleScreen {
		t.Fatalf("finishing a lesson without a quiz went to %v", h.active())
	}
	// Completing the module earns two badges at once (the quiz already
	// earned Flawless and Sharp eye).
	h.requireScreen("★ New badge: Safe online and 1 more")
	h.keys("esc")
	h.requireScreen("✓ You have finished your path")
	h.keys("b")
	h.requireScreen("4 of 4 badges on your path earned", "★ Safe online · earned 26 November 2026", "★ Staff essentials", "★ Sharp eye")
}

func TestBadgesScreenExplainsLockedBadges(t *testing.T) {
	h := withLearner(t, 120, 30, "Sam Patel", "staff")
	h.keys("b")
	h.requireScreen("0 of 4 badges on your path earned", "Still to earn", "To earn it: Complete every lesson in \"Staying safe\".",
		"To earn it: Score at least 80% on every quiz in \"Staying safe\".", "To earn it: Score 100% on any quiz.")
	h.keys("esc")
	if h.active() != homeScreen {
		t.Errorf("esc from badges went to %v", h.active())
	}
}

// TestHelpFitsSmallWindows: at 60×16 the help box is no wider than the
// window, and its keys scroll with ↓ instead of being cut off.
func TestHelpFitsSmallWindows(t *testing.T) {
	h := withLearner(t, 60, 16, "Sam Patel", "staff")
	h.keys("?")
	for _, line := range strings.Split(h.screen(), "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Fatalf("a help line of %d cells at 60 columns: %q", w, line)
		}
	}
	h.requireScreen("Keys", moreBelow)
	before := h.screen()
	for range 20 {
		h.keys("down")
	}
	if !h.m.showHelp {
		t.Fatal("↓ closed the help instead of scrolling it")
	}
	h.requireScreen(moreAbove, "quits from anywhere")
	if h.screen() == before {
		t.Error("↓ did not scroll the help")
	}
}

func TestHelpOverlay(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("?")
	h.requireScreen("Keys", "badges", "quit", "any other key closes the help")
	h.keys("d")
	if h.m.showHelp || h.home().cursor.index != 0 {
		t.Fatal("the key that closed the help also acted")
	}
	// In a text box, ? is typed.
	h.keys("enter", "enter", "2", "enter", "enter", "space", "enter", "enter", "2", "enter", "enter", "?")
	if h.m.showHelp || h.quiz().input.Value() != "?" {
		t.Errorf("? in a text answer: help %v, value %q", h.m.showHelp, h.quiz().input.Value())
	}
}

func TestQuitKeys(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("q")
	if !h.quit {
		t.Error("q did not quit on the home screen")
	}
	// Quitting from a lesson saves the reading position first.
	h = withLearner(t, 80, 24, "Sam Patel", "staff")
	h.keys("enter", "pgdown")
	want := h.lesson().Position()
	h.keys("ctrl+c")
	rec, _ := h.store.Lesson(h.m.c.profileID(), progress.LessonKey{Pack: "test-pack", Lesson: "passwords"})
	if !h.quit || rec.Position != want {
		t.Errorf("ctrl+c: quit %v, saved position %v, want %v", h.quit, rec.Position, want)
	}
}

func TestTooSmallAsksForLargerWindow(t *testing.T) {
	h := withLearner(t, 50, 12, "Sam Patel", "staff")
	h.requireScreen("Make the window larger", "at least 60 columns wide", "and 16 rows high", "This one is 50 × 12")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.requireScreen("Welcome, Sam Patel")
}

func TestErrorsShownAndCleared(t *testing.T) {
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.send(errMsg{errors.New("disk full")})
	h.requireScreen("✗ disk full")
	h.keys("down")
	if strings.Contains(h.screen(), "disk full") {
		t.Error("error still shown after a key press")
	}
}

func TestStylesFollowBackground(t *testing.T) {
	light, dark := NewStyles(false), NewStyles(true)
	if light.GlamourName != "light" || dark.GlamourName != "dark" {
		t.Errorf("glamour styles %q and %q", light.GlamourName, dark.GlamourName)
	}
	// LightDark takes the light colour first: text must be dark on a light
	// background and light on a dark one.
	lum := func(s Styles) float64 {
		r, g, b, _ := s.Text.GetForeground().RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
	}
	if lum(light) > 0.3 || lum(dark) < 0.7 {
		t.Errorf("text luminance %.2f on light and %.2f on dark", lum(light), lum(dark))
	}
	h := withLearner(t, 80, 24, "Sam Patel", "staff")
	h.send(tea.BackgroundColorMsg{Color: lightColor{}})
	if h.m.c.styles.IsDark {
		t.Error("a white background left dark styles in place")
	}
}

type lightColor struct{}

func (lightColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestReadingPositionSavedWhenScrollingStops(t *testing.T) {
	// At 60×16 the lesson is many pages long, so every scroll moves it.
	h := withLearner(t, 60, 16, "Sam Patel", "staff")
	key := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	h.keys("enter", "down")
	rec, _ := h.store.Lesson(h.m.c.profileID(), key)
	if want := h.lesson().Position(); want == 0 || want == 1 || rec.Position != want {
		t.Fatalf("saved position %v while reading, want %v", rec.Position, want)
	}
	// Two more scrolls whose pauses have not come yet: the commands that
	// would wait for them are dropped.
	for range 2 {
		h.m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	now := h.lesson().Position()
	if now == rec.Position {
		t.Fatal("scrolling did not move the lesson")
	}
	// The pause of an earlier scroll saves nothing: the learner is still
	// scrolling.
	h.send(readingIdleMsg{lessonID: "passwords", scroll: h.lesson().scroll - 1})
	if again, _ := h.store.Lesson(h.m.c.profileID(), key); again.Position != rec.Position {
		t.Errorf("a stale pause saved position %v, want %v still", again.Position, rec.Position)
	}
	// Nor does a pause from another lesson.
	h.send(readingIdleMsg{lessonID: "scams", scroll: h.lesson().scroll})
	if again, _ := h.store.Lesson(h.m.c.profileID(), key); again.Position != rec.Position {
		t.Errorf("another lesson's pause saved position %v, want %v still", again.Position, rec.Position)
	}
	h.send(readingIdleMsg{lessonID: "passwords", scroll: h.lesson().scroll})
	if again, _ := h.store.Lesson(h.m.c.profileID(), key); again.Position != now {
		t.Errorf("the pause after the last scroll saved %v, want %v", again.Position, now)
	}
}

func TestFitCrumbs(t *testing.T) {
	cases := []struct {
		in    []string
		width int
		want  string
	}{
		{[]string{"Upskill", "Module", "Lesson", "Quiz"}, 80, "Upskill › Module › Lesson › Quiz"},
		{[]string{"Upskill", "Information rights", "Data protection principles and lawful bases", "Quiz"}, 60, "Upskill › … › Data protection principles and lawful… › Quiz"},
		{[]string{"Upskill", "Information rights", "Data protection principles and lawful bases", "Quiz"}, 30, "Upskill › … › Data pro… › Quiz"},
		{[]string{"Upskill", "Information rights", "Data protection principles and lawful bases", "Quiz"}, 22, "Upskill › … › Quiz"},
		{[]string{"Upskill", "Badges"}, 10, "Upskill › Badges"},
	}
	for _, c := range cases {
		if got := strings.Join(fitCrumbs(c.in, c.width), " › "); got != c.want {
			t.Errorf("fitCrumbs(%v, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}
