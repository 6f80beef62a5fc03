package learner

import (
	"testing"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/progress"
)

// TestStatusIDsLabelsAndMarks checks that each stored status maps to its
// stable id, and that the words and the mark are chosen by that id.
func TestStatusIDsLabelsAndMarks(t *testing.T) {
	for _, c := range []struct {
		stored      progress.Status
		id          Status
		label, mark string
	}{
		{progress.NotStarted, StatusNotStarted, "not started", marks.NotStarted},
		{progress.InProgress, StatusInProgress, "in progress", marks.InProgress},
		{progress.Completed, StatusCompleted, "completed", marks.Done},
	} {
		id := StatusOf(c.stored)
		if id != c.id || id.Label() != c.label || id.Mark() != c.mark {
			t.Errorf("StatusOf(%q) = %q (%q, %s), want %q (%q, %s)", c.stored, id, id.Label(), id.Mark(), c.id, c.label, c.mark)
		}
	}
	// A label is not an id: it gets the not-started mark, never the
	// mark of the status whose words it is.
	if got := Status("in progress").Mark(); got == marks.InProgress {
		t.Errorf("the label %q chose the in-progress mark", "in progress")
	}
	if BadgeEarned.Mark() != marks.Earned || BadgeLocked.Mark() != marks.Locked {
		t.Errorf("badge marks: earned %s, locked %s", BadgeEarned.Mark(), BadgeLocked.Mark())
	}
}
