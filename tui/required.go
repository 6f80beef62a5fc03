package tui

import (
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/progress"
)

// requiredTraining reads a learner's mandatory training in every pack on
// offer, most urgent first; none without a catalogue. It reads the store:
// call it only from a command.
func requiredTraining(store *progress.Store, cat *catalog.Catalog, profile progress.Profile, now time.Time) ([]compliance.Item, error) {
	if cat == nil {
		return nil, nil
	}
	l, err := compliance.ForLearner(store, cat, profile, now)
	if err != nil {
		return nil, err
	}
	return l.Items, nil
}

// requiredLines draws the learner's mandatory training, most urgent
// first, a module a line: a mark that is a shape, not only a colour, the
// module's title and where the learner stands in words ("Due by 31 March
// 2027, in 12 days"). Nothing when no pack on offer requires anything.
func requiredLines(c *common, width int) []string {
	if len(c.required) == 0 {
		return nil
	}
	s := c.styles
	lines := []string{s.Subtitle.Render("Required training")}
	for _, it := range c.required {
		mark := s.Muted.Render(marks.NotStarted)
		switch it.Status {
		case compliance.Overdue:
			mark = s.Wrong.Render(marks.Wrong)
		case compliance.DueSoon:
			mark = s.Badge.Render(marks.InProgress)
		case compliance.Compliant:
			mark = s.Correct.Render(marks.Done)
		}
		for i, line := range strings.Split(wrap(it.ModuleTitle+": "+it.Words(c.now()), width-2), "\n") {
			if i == 0 {
				lines = append(lines, mark+" "+line)
			} else {
				lines = append(lines, "  "+line)
			}
		}
	}
	return lines
}
