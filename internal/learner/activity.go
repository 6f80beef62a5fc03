package learner

import (
	"fmt"
	"strings"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// CalendarWeeks is how many weeks the activity calendar shows.
const CalendarWeeks = 12

// CalendarDay is one day of the activity calendar.
type CalendarDay struct {
	Date   time.Time     `json:"date"` // midnight UTC of the learner's local date
	Level  int           `json:"level"`
	Events int           `json:"events"`
	Active time.Duration `json:"-"`
	Counts bool          `json:"counts"` // counts towards a streak
	Future bool          `json:"-"`      // after today: not yet lived
}

// Level shades a day of the calendar by how much the learner did: 0 for
// nothing, then 1 for 1 to 4 learning events (an answer, a finished quiz,
// reading saved), 2 for 5 to 14, 3 for 15 to 29 and 4 for 30 or more.
func Level(events int) int {
	switch {
	case events <= 0:
		return 0
	case events < 5:
		return 1
	case events < 15:
		return 2
	case events < 30:
		return 3
	}
	return 4
}

// LevelGlyphs are the calendar's cells, by level: shades of one block, so
// that the levels differ in shape as well as in any colour they are given.
var LevelGlyphs = [5]string{"·", "░", "▒", "▓", "█"}

// Activity is what a learner has done over time, for the dashboard and
// the progress command.
type Activity struct {
	Streak        int           // current streak, in days
	LongestStreak int           // longest streak ever
	ThisWeek      time.Duration // active time since Monday
	// Calendar holds CalendarWeeks whole weeks, Monday first, oldest
	// first, ending with the week of today.
	Calendar []CalendarDay
}

// Activity summarises the learner's days as of today, a time in their
// time zone.
func (p *Progress) Activity(today time.Time) Activity {
	a := Activity{Streak: p.Streak(today), LongestStreak: p.LongestStreak()}
	day := civil(today)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	start := monday.AddDate(0, 0, -7*(CalendarWeeks-1))
	byDate := make(map[time.Time]progress.Day, len(p.Days))
	for i := len(p.Days) - 1; i >= 0 && !p.Days[i].Date.Before(start); i-- {
		byDate[p.Days[i].Date] = p.Days[i]
	}
	a.Calendar = make([]CalendarDay, 7*CalendarWeeks)
	for i := range a.Calendar {
		date := start.AddDate(0, 0, i)
		d := byDate[date]
		a.Calendar[i] = CalendarDay{Date: date, Level: Level(d.Events), Events: d.Events, Active: d.Active,
			Counts: d.Counts, Future: date.After(day)}
		if !date.Before(monday) && !date.After(day) {
			a.ThisWeek += d.Active
		}
	}
	return a
}

// CalendarLines draws the calendar as text: a row for each weekday, a
// column for each week, oldest on the left, with each day's glyph; days
// still to come are blank.
func (a Activity) CalendarLines() []string {
	names := [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	lines := make([]string, 7)
	for row := range 7 {
		var b strings.Builder
		b.WriteString(names[row])
		for week := range len(a.Calendar) / 7 {
			d := a.Calendar[week*7+row]
			b.WriteByte(' ')
			if d.Future {
				b.WriteByte(' ')
			} else {
				b.WriteString(LevelGlyphs[d.Level])
			}
		}
		lines[row] = b.String()
	}
	return lines
}

// Legend explains the calendar's glyphs.
func Legend() string {
	return "Less " + strings.Join(LevelGlyphs[:], " ") + " More"
}

// FormatDuration writes a time spent the way people say it: "45 min",
// "1 h 20 min", "under a minute".
func FormatDuration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case d <= 0:
		return "none"
	case m == 0:
		return "under a minute"
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}
