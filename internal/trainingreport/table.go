package trainingreport

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/upskill-council/upskill/internal/plural"
	"github.com/upskill-council/upskill/internal/termsafe"
)

// WriteTable writes the report as plain-text tables for a terminal. Every
// name and title from outside passes through termsafe.Line, so none can
// move the cursor or change the terminal.
func WriteTable(w io.Writer, r *Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	s := r.Summary
	fmt.Fprintf(tw, "Training report as of %s%s\n", r.AsOf, scopeWords(r))
	fmt.Fprintf(tw, "%s in %s. %d of %s done and in date (%d%%): %d due within 30 days, %d overdue, %d not started.\n",
		plural.Count(s.Learners, "learner", "learners"), plural.Count(s.Teams, "team", "teams"), s.Compliant,
		plural.Count(s.RequiredItems, "required module", "required modules"), s.CompliantPercent, s.DueSoon, s.Overdue, s.NotStarted)
	fmt.Fprintf(tw, "%s analysed, %d flagged for rewriting.\n", plural.Count(s.QuestionsAnalysed, "question", "questions"), s.QuestionsFlagged)

	if len(r.Compliance) > 0 {
		fmt.Fprintln(tw, "\nCOMPLIANCE BY TEAM")
		fmt.Fprintln(tw, "TEAM\tMODULE\tLEARNERS\tCOMPLIANT\tDUE SOON\tOVERDUE\tNOT STARTED\tOVERDUE OR NOT STARTED")
		for _, c := range r.Compliance {
			behind := append(append([]string{}, c.Overdue.Learners...), c.NotStarted.Learners...)
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", safe(TeamName(c.Team)), safe(c.ModuleTitle), c.Learners,
				c.Compliant.Count, c.DueSoon.Count, c.Overdue.Count, c.NotStarted.Count, safeList(behind))
		}
	}
	if hasItems(r) {
		fmt.Fprintln(tw, "\nLEARNERS")
		fmt.Fprintln(tw, "LEARNER\tTEAM\tMODULE\tSTATUS\tDUE\tCOMPLETED\tVALID UNTIL\tBEST SCORE\tATTEMPTS")
		for _, l := range r.Learners {
			for _, it := range l.Items {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", safe(l.Name), safe(TeamName(l.Team)), safe(it.ModuleTitle),
					StatusWords(it.Status), dash(it.Due), dash(it.Completed), dash(it.ValidUntil), scoreWords(it.BestScore), it.Attempts)
			}
		}
	}
	if len(r.Questions) > 0 {
		fmt.Fprintln(tw, "\nQUESTIONS (first attempts)")
		fmt.Fprintln(tw, "PACK\tLESSON\tQUESTION\tANSWERED\tFACILITY\tDISCRIMINATION\tREWRITE?")
		for _, q := range r.Questions {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d%%\t%s\t%s\n", safe(q.Pack), safe(orID(q.LessonTitle, q.Lesson)), safe(q.Question),
				q.Answered, q.Facility, discriminationWords(q.Discrimination), FlagWords(q.Flags))
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func hasItems(r *Report) bool {
	for _, l := range r.Learners {
		if len(l.Items) > 0 {
			return true
		}
	}
	return false
}

// scopeWords says whose report it is.
func scopeWords(r *Report) string {
	var parts []string
	if r.Team != "" {
		parts = append(parts, "team "+safe(r.Team))
	}
	if r.Role != "" {
		parts = append(parts, "role "+safe(r.Role))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// safe is one line of outside text with nothing a terminal would act on,
// and no tab to break the table's columns.
func safe(s string) string { return strings.ReplaceAll(termsafe.Line(s), "\t", " ") }

func safeList(names []string) string {
	if len(names) == 0 {
		return "-"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = safe(n)
	}
	return strings.Join(out, ", ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orID(title, id string) string {
	if title == "" {
		return id
	}
	return title
}

// StatusWords is a status id in words.
func StatusWords(status string) string {
	switch status {
	case "compliant":
		return "Done, in date"
	case "due_soon":
		return "Due within 30 days"
	case "overdue":
		return "Overdue"
	case "not_started":
		return "Not started"
	}
	return status
}

// FlagWords says in words why a question is flagged; "-" when it is not.
func FlagWords(flags []string) string {
	var words []string
	for _, f := range flags {
		switch f {
		case FlagMostWrong:
			words = append(words, "most get it wrong")
		case FlagStrongWrong:
			words = append(words, "strong learners get it wrong")
		}
	}
	if len(words) == 0 {
		return "-"
	}
	return strings.Join(words, "; ")
}

func scoreWords(score *int) string {
	if score == nil {
		return "-"
	}
	return fmt.Sprintf("%d%%", *score)
}

func discriminationWords(d *int) string {
	if d == nil {
		return "-"
	}
	return fmt.Sprintf("%d%%", *d)
}
