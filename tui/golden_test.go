package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/upskill-council/upskill/internal/catalog"
)

// TestGoldenScreens snapshots every screen, as plain text, at 60×16 (the
// smallest window Upskill draws in), 80×24 and 120×40. Run
// `go test ./tui -run TestGolden -update` after an intended change to a
// screen, and read the diff.
func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name  string
		setup func(t *testing.T, w, h int) *harness
	}{
		{"welcome", func(t *testing.T, w, h int) *harness {
			hs := newHarness(t, w, h, nil, "")
			hs.keys("Sam Patel")
			return hs
		}},
		{"picker", func(t *testing.T, w, h int) *harness {
			store := openStore(t)
			store.CreateProfile("Alex Jones", "staff", testNow)
			store.CreateProfile("Sam Patel", "graduate", testNow)
			return newHarness(t, w, h, store, "")
		}},
		{"home", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter")
			answerPasswordsQuiz(t, hs, true)
			hs.keys("esc", "esc")
			return hs
		}},
		{"module", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("down", "enter")
			return hs
		}},
		{"lesson", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter")
			return hs
		}},
		{"lesson-end", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "end")
			return hs
		}},
		{"quiz-single", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter", "down")
			return hs
		}},
		{"quiz-feedback", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter", "1", "enter")
			return hs
		}},
		{"quiz-multiple", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter", "2", "enter", "enter", "space", "down", "down")
			return hs
		}},
		{"quiz-number", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter", "2", "enter", "enter", "space", "enter", "enter", "2", "enter", "enter",
				"7726", "enter", "enter", "seventy", "enter")
			return hs
		}},
		{"quiz-matching", func(t *testing.T, w, h int) *harness {
			hs := openRequestsQuiz(t, w, h)
			hs.keys("right", "down")
			return hs
		}},
		{"quiz-matching-feedback", func(t *testing.T, w, h int) *harness {
			hs := openRequestsQuiz(t, w, h)
			matchPairs(t, hs, []bool{true, false, true})
			hs.keys("enter")
			return hs
		}},
		{"quiz-ordering", func(t *testing.T, w, h int) *harness {
			hs := openRequestsQuiz(t, w, h)
			matchPairs(t, hs, []bool{true, true, true})
			hs.keys("enter", "enter", "down", "space")
			return hs
		}},
		{"results", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter")
			answerPasswordsQuiz(t, hs, false)
			return hs
		}},
		{"badges", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("enter", "enter")
			answerPasswordsQuiz(t, hs, true)
			hs.keys("esc", "esc", "b")
			return hs
		}},
		{"courses", func(t *testing.T, w, h int) *harness {
			store := openStore(t)
			store.CreateProfile("Sam Patel", "graduate", testNow)
			cat, err := catalog.Open(store, loadTestPack(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cat.Import(secondPackDir(t, "cyber", "Cyber basics"), catalog.ImportOptions{Now: testNow}); err != nil {
				t.Fatal(err)
			}
			hs := newHarnessWithCatalog(t, w, h, store, cat)
			hs.keys("c")
			return hs
		}},
		{"review", func(t *testing.T, w, h int) *harness {
			hs := reviewAfterMistakes(t, w, h)
			return hs
		}},
		{"review-done", func(t *testing.T, w, h int) *harness {
			hs := reviewAfterMistakes(t, w, h)
			for hs.active() == quizScreen {
				hs.keys(rightAnswerKeys(hs.quiz())...)
				hs.keys("enter", "enter")
			}
			return hs
		}},
		{"dashboard", func(t *testing.T, w, h int) *harness {
			hs := newHarness(t, w, h, learnerWithHistory(t), "Sam Patel")
			hs.keys("d")
			return hs
		}},
		{"team", func(t *testing.T, w, h int) *harness {
			hs := newHarness(t, w, h, teamFile(t), "Mo Khan")
			hs.keys("t")
			return hs
		}},
		{"team-all", func(t *testing.T, w, h int) *harness {
			hs := newHarness(t, w, h, teamFile(t), "Tess Trainer")
			hs.keys("t")
			return hs
		}},
		{"help", func(t *testing.T, w, h int) *harness {
			hs := withLearner(t, w, h, "Sam Patel", "graduate")
			hs.keys("?")
			return hs
		}},
	}
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				h := sc.setup(t, size[0], size[1])
				screen := h.screen()
				lines := strings.Split(screen, "\n")
				if last := strings.TrimSpace(lines[len(lines)-1]); strings.HasSuffix(last, "…") {
					t.Errorf("the help line does not fit: %q", last)
				}
				golden.RequireEqual(t, []byte(screen))
			})
		}
	}
	t.Run("too-small-50x12", func(t *testing.T) {
		h := withLearner(t, 50, 12, "Sam Patel", "graduate")
		golden.RequireEqual(t, []byte(h.screen()))
	})
}
