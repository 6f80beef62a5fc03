package learner

import (
	"cmp"
	"slices"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// ReportSchema is the version of the progress report's JSON form,
// docs/progress-report.schema.json. Adding a field keeps the version;
// removing or renaming one, or changing what a value means, raises it.
const ReportSchema = 1

// ProgressReport is the whole of `upskill progress --json`: a schema
// version, then the learners. Its values are stable ids, never words for
// display.
type ProgressReport struct {
	Schema   int             `json:"schema"`
	Learners []LearnerReport `json:"learners"`
}

// NewProgressReport is a report with no learners yet.
func NewProgressReport() ProgressReport {
	return ProgressReport{Schema: ReportSchema, Learners: []LearnerReport{}}
}

// LearnerReport is one learner's standing: what is theirs across every
// pack (streak, review cards, time, activity), then each pack they have
// started, or their current pack.
type LearnerReport struct {
	Name         string           `json:"name"`
	Role         lessons.Audience `json:"role"`
	Streak       int              `json:"streak_days"`
	Longest      int              `json:"longest_streak_days"`
	DueToday     int              `json:"cards_due_today"`
	DueWeek      int              `json:"cards_due_this_week"`
	MinutesWeek  int              `json:"minutes_this_week"`
	MinutesTotal int              `json:"minutes_total"`
	// Activity is the last CalendarWeeks weeks, a day each, Monday first,
	// up to today.
	Activity []DayReport  `json:"activity"`
	Packs    []PackReport `json:"packs"`

	calendar Activity
	spent    progress.TimeSpent
}

// DayReport is one day of the activity calendar.
type DayReport struct {
	Date    string `json:"date"` // YYYY-MM-DD, the learner's local date
	Level   int    `json:"level"`
	Events  int    `json:"events"`
	Minutes int    `json:"minutes"`
	Counts  bool   `json:"counts_for_streak"`
}

// PackReport is a learner's standing in one pack.
type PackReport struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Title    string `json:"title"`
	Language string `json:"language"` // a BCP 47 tag, such as en-GB
	// Path is the pack's path for the learner's role; nil when the pack
	// has none and the learner follows every module.
	Path         *PathReport    `json:"path,omitempty"`
	LessonsDone  int            `json:"lessons_completed"`
	LessonsTotal int            `json:"lessons_total"`
	Next         *NextLesson    `json:"next,omitempty"`
	Modules      []ModuleReport `json:"modules"`
	Badges       []BadgeReport  `json:"badges"`
}

// PathReport is the learning path a learner follows in a pack.
type PathReport struct {
	Audience lessons.Audience `json:"audience"`
	Title    string           `json:"title"`
}

// NextLesson is the lesson to continue with.
type NextLesson struct {
	Lesson      string `json:"lesson"`
	Title       string `json:"title"`
	Module      string `json:"module"`
	ModuleTitle string `json:"module_title"`
	// Question is the 1-based number of the next question of an
	// unfinished quiz, 0 when no quiz is under way.
	Question int `json:"resume_question,omitempty"`
}

// ModuleReport is one module of the learner's path.
type ModuleReport struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Status    Status         `json:"status"`
	Completed int            `json:"lessons_completed"`
	Total     int            `json:"lessons_total"`
	Lessons   []LessonReport `json:"lessons"`
}

// LessonReport is one lesson's state.
type LessonReport struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Status    Status    `json:"status"`
	Quiz      QuizState `json:"quiz"`
	BestScore *int      `json:"best_score,omitempty"`
	Attempts  int       `json:"attempts"`
	// ReadingMinutes and QuizMinutes are the active time spent.
	ReadingMinutes int `json:"reading_minutes"`
	QuizMinutes    int `json:"quiz_minutes"`
}

// BadgeReport is one badge, earned or not.
type BadgeReport struct {
	ID     string     `json:"id"`
	Title  string     `json:"title"`
	State  BadgeState `json:"state"`
	Earned *time.Time `json:"earned,omitempty"`
	Rule   RuleReport `json:"rule"`
	// EarnsBy says in English what earns the badge, for display.
	EarnsBy string `json:"requirement"`
}

// RuleReport is what earns a badge, as the pack states it.
type RuleReport struct {
	Type     lessons.RuleType `json:"type"`
	Module   string           `json:"module,omitempty"`
	MinScore int              `json:"min_score,omitempty"`
	Lesson   string           `json:"lesson,omitempty"`
	Path     lessons.Audience `json:"path,omitempty"`
	Days     int              `json:"days,omitempty"`
}

// ReportInputs is what a learner's report needs beyond their progress.
type ReportInputs struct {
	Today time.Time // a time in the learner's time zone
	Due   review.Counts
	Spent progress.TimeSpent
}

// NewLearnerReport starts a learner's report, with no packs yet, from
// their progress in any pack: streaks and activity are the learner's own,
// across packs.
func NewLearnerReport(p *Progress, in ReportInputs) LearnerReport {
	act := p.Activity(in.Today)
	r := LearnerReport{
		Name: p.Profile.Name, Role: p.Audience(),
		Streak: act.Streak, Longest: act.LongestStreak,
		DueToday: in.Due.Today, DueWeek: in.Due.Week,
		MinutesWeek: minutes(act.ThisWeek), MinutesTotal: minutes(in.Spent.Total()),
		Activity: []DayReport{}, Packs: []PackReport{}, calendar: act, spent: in.Spent,
	}
	for _, d := range act.Calendar {
		if d.Future {
			break
		}
		r.Activity = append(r.Activity, DayReport{Date: d.Date.Format(time.DateOnly), Level: d.Level, Events: d.Events,
			Minutes: minutes(d.Active), Counts: d.Counts})
	}
	return r
}

// AddPack adds the learner's standing in p's pack. resume is the next
// question (1-based) of an unfinished quiz on the next lesson, or 0.
func (r *LearnerReport) AddPack(p *Progress, resume int) {
	done, total := p.PathProgress()
	pr := PackReport{ID: p.Pack.ID, Version: p.Pack.Version, Title: p.Pack.Title, Language: p.Pack.Language,
		LessonsDone: done, LessonsTotal: total, Modules: []ModuleReport{}, Badges: []BadgeReport{}}
	if path, ok := p.Pack.Path(p.Audience()); ok {
		pr.Path = &PathReport{Audience: path.Audience, Title: path.Title}
	}
	if next := p.Next(); next != nil {
		mod, _ := p.Pack.Module(next.ModuleID)
		pr.Next = &NextLesson{Lesson: next.ID, Title: next.Title, Module: mod.ID, ModuleTitle: mod.Title, Question: resume}
	}
	for _, m := range p.Modules() {
		d, t := p.ModuleProgress(m)
		mr := ModuleReport{ID: m.ID, Title: m.Title, Status: StatusOf(p.ModuleStatus(m)), Completed: d, Total: t,
			Lessons: []LessonReport{}}
		for _, l := range p.Pack.LessonsOf(m) {
			mr.Lessons = append(mr.Lessons, r.lessonReport(p, l))
		}
		pr.Modules = append(pr.Modules, mr)
	}
	for _, b := range p.Pack.Badges {
		br := BadgeReport{ID: b.ID, Title: b.Title, State: BadgeLocked, EarnsBy: Requirement(p.Pack, b.Rule),
			Rule: RuleReport{Type: b.Rule.Type, Module: b.Rule.Module, MinScore: b.Rule.MinScore, Lesson: b.Rule.Lesson,
				Path: b.Rule.Path, Days: b.Rule.Days}}
		if at, ok := p.Earned(b.ID); ok {
			br.State, br.Earned = BadgeEarned, &at
		}
		pr.Badges = append(pr.Badges, br)
	}
	// Earned first, as the app lists them; each group in the pack's order.
	slices.SortStableFunc(pr.Badges, func(a, b BadgeReport) int {
		return cmp.Compare(badgeOrder[a.State], badgeOrder[b.State])
	})
	r.Packs = append(r.Packs, pr)
}

// badgeOrder puts earned badges before locked ones in a report.
var badgeOrder = map[BadgeState]int{BadgeEarned: 0, BadgeLocked: 1}

// lessonReport is one lesson's state in the learner's report.
func (r *LearnerReport) lessonReport(p *Progress, l *lessons.Lesson) LessonReport {
	rec := p.Lessons[l.ID]
	key := progress.LessonKey{Pack: p.Pack.ID, Lesson: l.ID}
	lr := LessonReport{ID: l.ID, Title: l.Title, Status: StatusOf(rec.Status), Quiz: QuizNone, Attempts: rec.Attempts,
		ReadingMinutes: minutes(r.spent.Reading[key]), QuizMinutes: minutes(r.spent.Quizzes[key])}
	if rec.Scored {
		score := rec.BestScore
		lr.BestScore = &score
	}
	switch {
	case l.Quiz == nil:
	case !rec.Scored:
		lr.Quiz = QuizNotTaken
	case l.Quiz.Passed(rec.BestScore):
		lr.Quiz = QuizPassed
	default:
		lr.Quiz = QuizNotPassed
	}
	return lr
}

// minutes rounds a duration to whole minutes.
func minutes(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) }
