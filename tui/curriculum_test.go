package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
)

// TestGraduateWorksThroughTheCurriculum plays the built-in curriculum as a
// new graduate would, at 80×24 and with keys only: from the home screen,
// Continue opens each lesson in turn, and every quiz is answered through
// the quiz screen. Every question of every type must be answerable, and at
// the end every lesson is complete and every badge is earned but those
// for streaks of days.
func TestGraduateWorksThroughTheCurriculum(t *testing.T) {
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store := openStore(t)
	if _, err := store.CreateProfile("Ade Graduate", "graduate", testNow); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, 80, 24, store, pack, "Ade Graduate")
	path, _ := pack.Path(lessons.Graduate)
	var want []string
	for _, id := range path.ModuleIDs {
		m, _ := pack.Module(id)
		want = append(want, m.LessonIDs...)
	}
	var taken []string
	for range want {
		if h.active() != homeScreen {
			t.Fatalf("expected the home screen, got %v:\n%s", h.active(), h.screen())
		}
		h.keys("enter") // Continue
		if h.active() != lessonScreen {
			t.Fatalf("Continue opened %v, want a lesson:\n%s", h.active(), h.screen())
		}
		lessonID := h.lesson().lesson.ID
		taken = append(taken, lessonID)
		h.keys("end", "enter")
		if h.active() != quizScreen {
			t.Fatalf("%s: enter at the end of the lesson opened %v, want the quiz", lessonID, h.active())
		}
		for h.active() == quizScreen {
			q := h.quiz().question()
			h.keys(rightAnswerKeys(h.quiz())...)
			h.keys("enter")
			if !strings.Contains(h.screen(), "✓ Correct") {
				t.Fatalf("%s/%s: the right answer was not marked correct:\n%s", lessonID, q.ID, h.screen())
			}
			h.keys("enter") // next question, or the results
		}
		h.requireScreen("✓ Passed.", "(100%)")
		h.keys("esc")
		for h.active() != homeScreen && h.active() != resultsScreen {
			h.keys("esc")
		}
	}
	if !slices.Equal(taken, want) {
		t.Errorf("Continue took the lessons in the order\n%v\nwant the path's order\n%v", taken, want)
	}
	prog, err := learner.Load(store, pack, h.m.c.learner.Profile, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if next := prog.Next(); next != nil {
		t.Errorf("after the whole path, Continue still offers %q", next.ID)
	}
	badges, err := store.Badges(h.m.c.profileID(), pack.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The graduate path holds every module, so every badge is earned (the
	// other paths' too, as their modules are all done) except those for a
	// streak of days, which one day cannot earn.
	streaks := 0
	for _, b := range pack.Badges {
		_, ok := badges[b.ID]
		if b.Rule.Type == lessons.RuleStreak {
			streaks++
			if ok {
				t.Errorf("streak badge %q earned in one day", b.ID)
			}
			continue
		}
		if !ok {
			t.Errorf("badge %q (%s) not earned", b.ID, b.Title)
		}
	}
	h.keys("b")
	prog, err = learner.Load(store, pack, h.m.c.learner.Profile, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	onPath, _ := prog.PathBadges()
	h.requireScreen(fmt.Sprintf("%d of %d badges on your path earned", len(onPath)-streaks, len(onPath)))
}

// rightAnswerKeys returns the keys that give the right answer to the
// question on the quiz screen, as a learner would type them.
func rightAnswerKeys(m quizModel) []string {
	q := m.question()
	switch q.Type {
	case lessons.SingleChoice, lessons.TrueFalse:
		for pos, i := range m.order {
			if q.Choices[i].Correct {
				return []string{strconv.Itoa(pos + 1)}
			}
		}
	case lessons.MultipleChoice:
		var keys []string
		for pos, i := range m.order {
			if q.Choices[i].Correct {
				keys = append(keys, strconv.Itoa(pos+1), "space")
			}
		}
		return keys
	case lessons.TextAnswer:
		return []string{strings.ReplaceAll(q.Accept[0].Text, "*", "x")}
	case lessons.NumberAnswer:
		return []string{strconv.FormatFloat(q.Numbers[0].Value, 'f', -1, 64)}
	case lessons.Matching:
		options := q.MatchOptions()
		var keys []string
		for _, pair := range q.Pairs {
			want := slices.Index(options, pair.Answer)
			keys = append(keys, strconv.Itoa(slices.Index(m.order, want)+1), "down")
		}
		return keys
	case lessons.Ordering:
		// Pick each item up in turn and carry it to its place, top first.
		arr := slices.Clone(m.arrangement)
		cur := m.cursor.index
		var keys []string
		move := func(to int) {
			for ; cur < to; cur++ {
				keys = append(keys, "down")
			}
			for ; cur > to; cur-- {
				keys = append(keys, "up")
			}
		}
		for target := range arr {
			from := slices.Index(arr, target)
			move(from)
			keys = append(keys, "space")
			for p := from; p > target; p-- {
				arr[p], arr[p-1] = arr[p-1], arr[p]
				keys = append(keys, "up")
				cur--
			}
			keys = append(keys, "space")
		}
		return keys
	}
	return nil
}
