package learner

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/upskill-council/upskill/lessons"
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
	Next         *NextLesson    `json:"next,omitempty"`
	Modules      []ModuleReport `json:"modules"`
	Badges       []BadgeReport  `json:"badges"`
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
}

// BadgeReport is one badge, earned or not.
type BadgeReport struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Earned  *time.Time `json:"earned,omitempty"`
	EarnsBy string     `json:"requirement"`
}

// NewReport summarises a learner's progress. resume is the next question
// of an unfinished quiz on the next lesson (1-based), or 0.
func NewReport(p *Progress, today time.Time, resume int) Report {
	done, total := p.PathProgress()
	r := Report{
		Name: p.Profile.Name, Role: lessons.Audience(p.Profile.Role).Label(),
		Pack: p.Pack.ID, PackVersion: p.Pack.Version, Path: "All modules",
		LessonsDone: done, LessonsTotal: total, Streak: p.Streak(today),
		Modules: []ModuleReport{}, Badges: []BadgeReport{},
	}
	if path, ok := p.Pack.Path(p.Audience()); ok {
		r.Path = path.Title
	}
	if next := p.Next(); next != nil {
		mod, _ := p.Pack.Module(next.ModuleID)
		r.Next = &NextLesson{Lesson: next.ID, Title: next.Title, Module: mod.Title, Question: resume}
	}
	for _, m := range p.Modules() {
		d, t := p.ModuleProgress(m)
		mr := ModuleReport{ID: m.ID, Title: m.Title, Status: p.ModuleStatus(m).Label(), Completed: d, Total: t}
		for _, l := range p.Pack.LessonsOf(m) {
			rec := p.Lessons[l.ID]
			lr := LessonReport{ID: l.ID, Title: l.Title, Status: rec.Status.Label(), Attempts: rec.Attempts}
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
	fmt.Fprintf(&b, "Streak: %d %s\n", r.Streak, plural(r.Streak, "day", "days"))
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
