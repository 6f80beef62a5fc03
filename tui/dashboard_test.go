package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// learnerWithHistory is a graduate with ten weeks of varied activity on
// the test pack, up to the fixed test clock: quizzes finished on a
// pattern of days with more or fewer answers, time spent this week, and
// the review cards those answers made.
func learnerWithHistory(t testing.TB) *progress.Store {
	store := openStore(t)
	p, err := store.CreateProfile("Sam Patel", "graduate", testNow.AddDate(0, 0, -70))
	if err != nil {
		t.Fatal(err)
	}
	k := progress.LessonKey{Pack: "test-pack", Lesson: "passwords"}
	questions := []string{"three-words", "habits", "write-down", "text-number", "breach-hours"}
	for daysAgo := 69; daysAgo >= 0; daysAgo-- {
		if daysAgo%7 == 3 || daysAgo%11 == 5 || (daysAgo > 20 && daysAgo < 27) {
			continue // days off
		}
		at := testNow.AddDate(0, 0, -daysAgo).Add(-time.Hour)
		rounds := 1 + daysAgo%4 // 5 to 20 answers: different shades
		for r := range rounds {
			a, err := store.StartAttempt(p.ID, k, questions, 1, at)
			if err != nil {
				t.Fatal(err)
			}
			for i, q := range questions {
				right := (i+r+daysAgo)%3 != 0
				ans := progress.Answer{Question: q, Correct: right, At: at}
				ans.Rating = review.RateUntimed(ans)
				if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := store.FinishAttempt(p.ID, k, a.ID, 80, at); err != nil {
				t.Fatal(err)
			}
		}
		if daysAgo <= 3 {
			if err := store.AddTime(p.ID, k, progress.Reading, time.Duration(10+daysAgo*7)*time.Minute, at); err != nil {
				t.Fatal(err)
			}
		}
	}
	return store
}

func TestDashboard(t *testing.T) {
	h := newHarness(t, 80, 24, learnerWithHistory(t), "Sam Patel")
	h.keys("d")
	if h.active() != dashboardScreen {
		t.Fatalf("d opened %v", h.active())
	}
	act := h.dashboard().act
	// The required training comes first; the figures may be below.
	screen := h.screen()
	for _, want := range []string{"Required training", "✗ Staying safe: Overdue since 18 October 2026", "✗ Information rights: Overdue since 17 November 2026"} {
		if !strings.Contains(screen, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, screen)
		}
	}
	h.keys("end")
	screen += h.screen()
	for _, want := range []string{"Your progress", "Modules", "Last 12 weeks", "Less · ░ ▒ ▓ █ More",
		fmt.Sprintf("Streak      %s, longest %s", plural(act.Streak, "day", "days"), plural(act.LongestStreak, "day", "days")),
		"Review      ", "This week   51 min of learning", "Next        Spotting scams", "◐ Staying safe"} {
		if !strings.Contains(screen, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, screen)
		}
	}
	if act.Streak != 3 || act.LongestStreak != 6 { // Monday was a day off; the longest run is six days
		t.Errorf("streak %d, longest %d", act.Streak, act.LongestStreak)
	}
	// Thursday: this week is Monday (a day off) to today.
	if act.ThisWeek != (10+17+24)*time.Minute {
		t.Errorf("time this week %v", act.ThisWeek)
	}
	h.keys("esc")
	if h.active() != homeScreen {
		t.Errorf("esc on the dashboard went to %v", h.active())
	}
}

// TestDashboardLayouts: figures beside the calendar on a wide window,
// everything one above the other on a narrow one, nothing cut at 60.
func TestDashboardLayouts(t *testing.T) {
	for _, c := range []struct {
		w          int
		sameLine   bool // the calendar's first row and the streak share a line
		besideCals bool // the modules and the calendar share a line
	}{{150, true, true}, {80, false, true}, {60, false, false}} {
		h := newHarness(t, c.w, 30, learnerWithHistory(t), "Sam Patel")
		h.keys("d")
		content := ansi.Strip(h.dashboard().content())
		lines := strings.Split(content, "\n")
		var calLine, streakLine, moduleLine int = -1, -1, -1
		for i, l := range lines {
			if strings.Contains(l, "Mon ") && calLine < 0 {
				calLine = i
			}
			if strings.Contains(l, "Streak ") {
				streakLine = i
			}
			if strings.Contains(l, "◐ Staying safe") && moduleLine < 0 { // not the required training above
				moduleLine = i
			}
		}
		if (calLine == streakLine) != c.sameLine || (calLine == moduleLine) != c.besideCals {
			t.Errorf("width %d: calendar on line %d, streak %d, first module %d:\n%s", c.w, calLine, streakLine, moduleLine, content)
		}
	}
}
