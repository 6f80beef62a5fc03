package learner

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteText writes the learner's report for a person to read: a section
// for each pack, each repeating the learner's name, streak and activity,
// so that any one section stands alone. Stable ids become words here, and
// only here.
func (r LearnerReport) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(r.Packs) == 0 {
		r.writeLearner(&b)
		r.writeActivity(&b)
	}
	for i, pack := range r.Packs {
		if i > 0 {
			b.WriteString("\n")
		}
		r.writePack(&b, pack)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writePack writes one pack's section.
func (r LearnerReport) writePack(b *strings.Builder, pack PackReport) {
	fmt.Fprintf(b, "%s · %s\n", r.Name, r.Role.Label())
	path := "All modules"
	if pack.Path != nil {
		path = pack.Path.Title
	}
	fmt.Fprintf(b, "%s: %d of %d lessons complete\n", path, pack.LessonsDone, pack.LessonsTotal)
	r.writeFigures(b)
	switch next := pack.Next; {
	case next != nil && next.Question > 0:
		fmt.Fprintf(b, "Next: %s (%s), quiz question %d\n", next.Title, next.ModuleTitle, next.Question)
	case next != nil:
		fmt.Fprintf(b, "Next: %s (%s)\n", next.Title, next.ModuleTitle)
	default:
		b.WriteString("Next: path complete\n")
	}
	for _, m := range pack.Modules {
		fmt.Fprintf(b, "\n%s %s: %d/%d lessons, %s\n", m.Status.Mark(), m.Title, m.Completed, m.Total, m.Status.Label())
		for _, l := range m.Lessons {
			score := ""
			if l.BestScore != nil {
				score = fmt.Sprintf(", best score %d%%", *l.BestScore)
			}
			fmt.Fprintf(b, "  %s %s: %s%s\n", l.Status.Mark(), l.Title, l.Status.Label(), score)
		}
	}
	r.writeActivity(b)
	earned := 0
	for _, badge := range pack.Badges {
		if badge.State == BadgeEarned {
			earned++
		}
	}
	fmt.Fprintf(b, "\nBadges: %d of %d earned\n", earned, len(pack.Badges))
	for _, badge := range pack.Badges {
		if badge.State == BadgeEarned && badge.Earned != nil {
			fmt.Fprintf(b, "  %s %s: earned %s\n", badge.State.Mark(), badge.Title, badge.Earned.Format("2 January 2006"))
		} else {
			fmt.Fprintf(b, "  %s %s: locked; %s\n", badge.State.Mark(), badge.Title, lowerFirst(badge.EarnsBy))
		}
	}
}

// writeLearner writes the learner's name and figures, for a learner with
// no pack to report.
func (r LearnerReport) writeLearner(b *strings.Builder) {
	fmt.Fprintf(b, "%s · %s\n", r.Name, r.Role.Label())
	r.writeFigures(b)
}

// writeFigures writes the learner's streak, review cards and time spent.
func (r LearnerReport) writeFigures(b *strings.Builder) {
	fmt.Fprintf(b, "Streak: %d %s (longest %d)\n", r.Streak, plural(r.Streak, "day", "days"), r.Longest)
	fmt.Fprintf(b, "Review cards due: %d today, %d this week\n", r.DueToday, r.DueWeek)
	fmt.Fprintf(b, "Time spent: %s this week, %s in all\n",
		FormatDuration(time.Duration(r.MinutesWeek)*time.Minute), FormatDuration(time.Duration(r.MinutesTotal)*time.Minute))
}

// writeActivity draws the activity calendar.
func (r LearnerReport) writeActivity(b *strings.Builder) {
	if len(r.calendar.Calendar) == 0 {
		return
	}
	fmt.Fprintf(b, "\nActivity, last %d weeks (%s):\n", CalendarWeeks, Legend())
	for _, line := range r.calendar.CalendarLines() {
		b.WriteString("  " + strings.TrimRight(line, " ") + "\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
