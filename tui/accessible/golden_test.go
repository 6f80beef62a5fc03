package accessible

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGoldenLessonAndQuiz keeps the transcript of one lesson and its quiz,
// with what was typed after "> ": a new learner reads Strong passwords
// and answers its five questions, with one wrong entry and one "?" on the
// way, then quits from the results.
func TestGoldenLessonAndQuiz(t *testing.T) {
	store := openStore(t)
	out := run(t, store, "", "Sam Patel", "1", "1", "", "",
		"4", "2", "", // a number not on the list, then the right choice
		"1 2", "",
		"?", "1", "",
		"7726", "",
		"48", "",
		"3", "10")
	requirePlain(t, out)
	golden.RequireEqual(t, []byte(out))
}
