package learner

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Report is a learner's standing in a pack, for `upskill progress`. Its
// JSON form is for scripts; field names are stable.
type Report struct {
	Name         string         `json:"name"`
	Role         string         `json:"role"`
	Pack         string         `json:"pack"`
	PackVersion  string         `json:"pack_version"`
	Path         string         `json:"path"`
	LessonsDone  int            `json:"lessons_completed"`
	LessonsTotal int            `json:"lessons_total"`
	Streak       int            `json:"streak_days"`
	Longest      int            `json:"longest_streak_days"`
	DueToday     int            `json:"cards_due_today"`
	DueWeek      int            `json:"cards_due_this_week"`
	MinutesWeek  int            `json:"minutes_this_week"`
	MinutesTotal int            `json:"minutes_total"`
	Next         *NextLesson    `json:"next,omitempty"`
	Modules      []ModuleReport `json:"modules"`
	Badges       []BadgeReport  `json:"badges"`
	// Activity is the last CalendarWeeks weeks, a day each, Monday first,
	// up to today.
	Activity []DayReport `json:"activity"`
	calendar Activity
}

// DayReport is one day of the activity calendar.
type DayReport struct {
	Date    string `json:"date"` // YYYY-MM-DD, the learner's local date
	Level   int    `json:"level"`
	Events  int    `json:"events"`
	Minutes int    `json:"minutes"`
	Counts  bool   `json:"counts_for_streak"`
}

// NextLesson is the lesson to continue with.
type NextLesson struct {
	Lesson string `json:"lesson"`
	Title  string `json:"title"`
	Module string `json:"module"`
	// Question is the 1-based number of the next question of an
	// unfinished quiz, 0 when no quiz is under way.
	Question int `json:"resume_question,omitempty"`
}

// ModuleReport is one module of the learner's path.
type ModuleReport struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Status    string         `json:"status"`
	Completed int            `json:"lessons_completed"`
	Total     int            `json:"lessons_total"`
	Lessons   []LessonReport `json:"lessons"`
}

// LessonReport is one lesson's state.
type LessonReport struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Status    string `json:"status"`
	BestScore *int   `json:"best_score,omitempty"`
	Attempts  int    `json:"attempts"`
	// ReadingMinutes and QuizMinutes are the active time spent.
	ReadingMinutes int `json:"reading_minutes"`
	QuizMinutes    int `json:"quiz_minutes"`
}

// BadgeReport is one badge, earned or not.
type BadgeReport struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Earned  *time.Time `json:"earned,omitempty"`
	EarnsBy string     `json:"requirement"`
}

// ReportInputs is what a report needs beyond the learner's progress.
type ReportInputs struct {
	Today time.Time // a time in the learner's time zone
	// Resume is the next question of an unfinished quiz on the next
	// lesson (1-based), or 0.
	Resume int
	Due    review.Counts
	Spent  progress.TimeSpent
}

// NewReport summarises a learner's progress.
func NewReport(p *Progress, in ReportInputs) Report {
	done, total := p.PathProgress()
	act := p.Activity(in.Today)
	r := Report{
		Name: p.Profile.Name, Role: lessons.Audience(p.Profile.Role).Label(),
		Pack: p.Pack.ID, PackVersion: p.Pack.Version, Path: "All modules",
		LessonsDone: done, LessonsTotal: total, Streak: act.Streak, Longest: act.LongestStreak,
		DueToday: in.Due.Today, DueWeek: in.Due.Week,
		MinutesWeek: minutes(act.ThisWeek), MinutesTotal: minutes(in.Spent.Total()),
		Modules: []ModuleReport{}, Badges: []BadgeReport{}, Activity: []DayReport{}, calendar: act,
	}
	for _, d := range act.Calendar {
		if d.Future {
			break
		}
		r.Activity = append(r.Activity, DayReport{Date: d.Date.Format(time.DateOnly), Level: d.Level, Events: d.Events,
			Minutes: minutes(d.Active), Counts: d.Counts})
	}
	if path, ok := p.Pack.Path(p.Audience()); ok {
		r.Path = path.Title
	}
	if next := p.Next(); next != nil {
		mod, _ := p.Pack.Module(next.ModuleID)
		r.Next = &NextLesson{Lesson: next.ID, Title: next.Title, Module: mod.Title, Question: in.Resume}
	}
	for _, m := range p.Modules() {
		d, t := p.ModuleProgress(m)
		mr := ModuleReport{ID: m.ID, Title: m.Title, Status: p.ModuleStatus(m).Label(), Completed: d, Total: t}
		for _, l := range p.Pack.LessonsOf(m) {
			rec := p.Lessons[l.ID]
			key := progress.LessonKey{Pack: p.Pack.ID, Lesson: l.ID}
			lr := LessonReport{ID: l.ID, Title: l.Title, Status: rec.Status.Label(), Attempts: rec.Attempts,
				ReadingMinutes: minutes(in.Spent.Reading[key]), QuizMinutes: minutes(in.Spent.Quizzes[key])}
			if rec.Scored {
				score := rec.BestScore
				lr.BestScore = &score
			}
			mr.Lessons = append(mr.Lessons, lr)
		}
		r.Modules = append(r.Modules, mr)
	}
	for _, b := range p.Pack.Badges {
		br := BadgeReport{ID: b.ID, Title: b.Title, EarnsBy: Requirement(p.Pack, b.Rule)}
		if at, ok := p.Earned(b.ID); ok {
			br.Earned = &at
		}
		r.Badges = append(r.Badges, br)
	}
	return r
}

// WriteText writes the report for a person to read.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s\n", r.Name, r.Role)
	fmt.Fprintf(&b, "%s: %d of %d lessons complete\n", r.Path, r.LessonsDone, r.LessonsTotal)
	fmt.Fprintf(&b, "Streak: %d %s (longest %d)\n", r.Streak, plural(r.Streak, "day", "days"), r.Longest)
	fmt.Fprintf(&b, "Review cards due: %d today, %d this week\n", r.DueToday, r.DueWeek)
	fmt.Fprintf(&b, "Time spent: %s this week, %s in all\n",
		FormatDuration(time.Duration(r.MinutesWeek)*time.Minute), FormatDuration(time.Duration(r.MinutesTotal)*time.Minute))
	switch {
	case r.Next != nil && r.Next.Question > 0:
		fmt.Fprintf(&b, "Next: %s (%s), quiz question %d\n", r.Next.Title, r.Next.Module, r.Next.Question)
	case r.Next != nil:
		fmt.Fprintf(&b, "Next: %s (%s)\n", r.Next.Title, r.Next.Module)
	default:
		b.WriteString("Next: path complete\n")
	}
	for _, m := range r.Modules {
		fmt.Fprintf(&b, "\n%s %s: %d/%d lessons, %s\n", statusMark(m.Status), m.Title, m.Completed, m.Total, m.Status)
		for _, l := range m.Lessons {
			score := ""
			if l.BestScore != nil {
				score = fmt.Sprintf(", best score %d%%", *l.BestScore)
			}
			fmt.Fprintf(&b, "  %s %s: %s%s\n", statusMark(l.Status), l.Title, l.Status, score)
		}
	}
	if len(r.calendar.Calendar) > 0 {
		fmt.Fprintf(&b, "\nActivity, last %d weeks (%s):\n", CalendarWeeks, Legend())
		for _, line := range r.calendar.CalendarLines() {
			b.WriteString("  " + strings.TrimRight(line, " ") + "\n")
		}
	}
	earned := 0
	for _, badge := range r.Badges {
		if badge.Earned != nil {
			earned++
		}
	}
	fmt.Fprintf(&b, "\nBadges: %d of %d earned\n", earned, len(r.Badges))
	for _, badge := range r.Badges {
		if badge.Earned != nil {
			fmt.Fprintf(&b, "  ★ %s: earned %s\n", badge.Title, badge.Earned.Format("2 January 2006"))
		} else {
			fmt.Fprintf(&b, "  ☆ %s: locked; %s\n", badge.Title, lowerFirst(badge.EarnsBy))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// minutes rounds a duration to whole minutes.
func minutes(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) }

func statusMark(label string) string {
	switch label {
	case "completed":
		return "✓"
	case "in progress":
		return "◐"
	default:
		return "○"
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
