package accessible

import (
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/compliance"
)

// TestRequiredSentences: each standing is said in a sentence, with its
// date in words.
func TestRequiredSentences(t *testing.T) {
	now := time.Date(2027, time.March, 1, 10, 0, 0, 0, time.UTC)
	req := compliance.Requirement{ModuleTitle: "Staying safe online", RenewalMonths: 12}
	cases := []struct {
		it   compliance.Item
		want string
	}{
		{compliance.Item{Requirement: req, Status: compliance.Overdue, Due: time.Date(2027, time.January, 1, 9, 0, 0, 0, time.UTC)},
			"Staying safe online is overdue: it was due by 1 January 2027."},
		{compliance.Item{Requirement: req, Status: compliance.DueSoon, Due: time.Date(2027, time.March, 31, 9, 0, 0, 0, time.UTC)},
			"Staying safe online is due by 31 March 2027, in 30 days."},
		{compliance.Item{Requirement: req, Status: compliance.DueSoon, Due: now.Add(20 * time.Hour)},
			"Staying safe online is due by 2 March 2027, tomorrow."},
		{compliance.Item{Requirement: req, Status: compliance.NotStarted, Due: time.Date(2027, time.May, 1, 9, 0, 0, 0, time.UTC)},
			"Staying safe online is due by 1 May 2027."},
		{compliance.Item{Requirement: req, Status: compliance.Compliant, ValidUntil: time.Date(2028, time.March, 14, 9, 0, 0, 0, time.UTC)},
			"Staying safe online is done, valid until 14 March 2028."},
		{compliance.Item{Requirement: req, Status: compliance.Compliant}, "Staying safe online is done."},
	}
	for _, c := range cases {
		if got := msgRequiredItem(c.it, now); got != c.want {
			t.Errorf("%s: %q, want %q", c.it.Status, got, c.want)
		}
	}
}
