// Package learner derives what a learner's records mean for one pack:
// lesson and module status, what to do next, which badges are earned and
// the day streak. The terminal UI and the progress command both show these
// facts, so they are worked out once, here.
package learner

import (
	"fmt"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Progress is a learner's standing in one pack at one moment.
type Progress struct {
	Pack    *lessons.Pack
	Profile progress.Profile
	Lessons map[string]progress.LessonRecord
	Badges  map[string]time.Time // awarded badges by id
	// Days are the dates the learner did anything, oldest first, with
	// what they did: on every pack, since a streak is the learner's own.
	Days []progress.Day
}

// Load reads a learner's records for a pack from the store.
func Load(store *progress.Store, pack *lessons.Pack, profile progress.Profile, loc *time.Location) (*Progress, error) {
	recs, err := store.Lessons(profile.ID, pack.ID)
	if err != nil {
		return nil, fmt.Errorf("read lessons: %w", err)
	}
	badges, err := store.Badges(profile.ID, pack.ID)
	if err != nil {
		return nil, fmt.Errorf("read badges: %w", err)
	}
	days, err := store.Days(profile.ID)
	if err != nil {
		return nil, fmt.Errorf("read activity: %w", err)
	}
	return &Progress{Pack: pack, Profile: profile, Lessons: recs, Badges: badges, Days: days}, nil
}

// Audience is the learner's role as a pack audience.
func (p *Progress) Audience() lessons.Audience { return lessons.Audience(p.Profile.Role) }

// Modules are the modules of the learner's path, in order.
func (p *Progress) Modules() []*lessons.Module { return p.Pack.ModulesFor(p.Audience()) }

// Status is the learner's status in a lesson.
func (p *Progress) Status(lessonID string) progress.Status { return p.Lessons[lessonID].Status }

// Completed reports whether the learner has completed a lesson.
func (p *Progress) Completed(lessonID string) bool { return p.Status(lessonID) == progress.Completed }

// ModuleProgress counts a module's completed lessons.
func (p *Progress) ModuleProgress(m *lessons.Module) (done, total int) {
	for _, id := range m.LessonIDs {
		if p.Completed(id) {
			done++
		}
	}
	return done, len(m.LessonIDs)
}

// ModuleStatus is completed when every lesson is, in progress when any
// lesson has been opened, and not started otherwise.
func (p *Progress) ModuleStatus(m *lessons.Module) progress.Status {
	done, total := p.ModuleProgress(m)
	if done == total {
		return progress.Completed
	}
	for _, id := range m.LessonIDs {
		if p.Status(id) != progress.NotStarted {
			return progress.InProgress
		}
	}
	return progress.NotStarted
}

// PathProgress counts the completed lessons of the learner's path.
func (p *Progress) PathProgress() (done, total int) {
	for _, m := range p.Modules() {
		d, t := p.ModuleProgress(m)
		done, total = done+d, total+t
	}
	return done, total
}

// Next is the lesson to continue with: the lesson the learner last opened
// if it is not complete, otherwise the first incomplete lesson of their
// path. It returns nil when the whole path is complete.
func (p *Progress) Next() *lessons.Lesson {
	if last := p.Profile.Last; last.Pack == p.Pack.ID {
		if l, ok := p.Pack.Lesson(last.Lesson); ok && !p.Completed(l.ID) {
			return l
		}
	}
	for _, m := range p.Modules() {
		for _, l := range p.Pack.LessonsOf(m) {
			if !p.Completed(l.ID) {
				return l
			}
		}
	}
	return nil
}

// Streak is the learner's current streak: the number of days in a row, up
// to today, that count (a lesson completed, a quiz finished or five review
// cards answered). A streak is still alive on a day that does not count
// yet, as long as yesterday did. today is a time in the learner's time
// zone; days are their local calendar dates.
func (p *Progress) Streak(today time.Time) int {
	counted := p.countedDates()
	day := civil(today)
	if !counted[day] {
		day = day.AddDate(0, 0, -1)
	}
	n := 0
	for counted[day] {
		n++
		day = day.AddDate(0, 0, -1)
	}
	return n
}

// LongestStreak is the most days in a row that ever counted.
func (p *Progress) LongestStreak() int {
	longest, run := 0, 0
	var prev time.Time
	for _, d := range p.Days {
		if !d.Counts {
			continue
		}
		if run > 0 && d.Date.Equal(prev.AddDate(0, 0, 1)) {
			run++
		} else {
			run = 1
		}
		prev = d.Date
		longest = max(longest, run)
	}
	return longest
}

// countedDates is the set of local dates that count towards a streak.
func (p *Progress) countedDates() map[time.Time]bool {
	out := make(map[time.Time]bool, len(p.Days))
	for _, d := range p.Days {
		if d.Counts {
			out[d.Date] = true
		}
	}
	return out
}

// civil is the calendar date of t, in t's own time zone, as midnight UTC:
// the form progress.Day dates take.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
