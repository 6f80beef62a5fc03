package learner

import (
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

func TestActivityCalendar(t *testing.T) {
	// Thursday 26 November 2026.
	today := time.Date(2026, time.November, 26, 15, 0, 0, 0, time.UTC)
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	p := &Progress{Days: []progress.Day{
		{Date: date(2026, time.August, 1), Events: 50, Counts: true},               // before the calendar
		{Date: date(2026, time.September, 7), Events: 3, Active: 10 * time.Minute}, // its first day, a Monday
		{Date: date(2026, time.November, 22), Events: 40, Counts: true, Active: time.Hour},
		{Date: date(2026, time.November, 23), Events: 6, Counts: true, Active: 20 * time.Minute},
		{Date: date(2026, time.November, 26), Events: 20, Counts: true, Active: 25 * time.Minute},
	}}
	a := p.Activity(today)
	if len(a.Calendar) != 84 {
		t.Fatalf("%d calendar days", len(a.Calendar))
	}
	first, last := a.Calendar[0], a.Calendar[83]
	if !first.Date.Equal(date(2026, time.September, 7)) || first.Level != 1 || !last.Date.Equal(date(2026, time.November, 29)) || !last.Future {
		t.Errorf("calendar runs %v (level %d) to %v (future %v)", first.Date, first.Level, last.Date, last.Future)
	}
	if a.ThisWeek != 45*time.Minute { // Monday 23rd and Thursday 26th, not Sunday 22nd
		t.Errorf("this week %v, want 45m", a.ThisWeek)
	}
	if a.Streak != 1 || a.LongestStreak != 2 {
		t.Errorf("streak %d, longest %d; want 1 and 2", a.Streak, a.LongestStreak)
	}
	lines := a.CalendarLines()
	if len(lines) != 7 || !strings.HasPrefix(lines[0], "Mon ░ · ·") || !strings.HasSuffix(lines[0], "▒") ||
		!strings.HasSuffix(lines[3], "▓") || !strings.HasSuffix(lines[4], " ") || !strings.HasSuffix(lines[6], "█  ") {
		t.Errorf("calendar:\n%s", strings.Join(lines, "\n"))
	}
	if got := Legend(); got != "Less · ░ ▒ ▓ █ More" {
		t.Errorf("legend %q", got)
	}
}

func TestLevelAndDuration(t *testing.T) {
	for events, want := range map[int]int{0: 0, 1: 1, 4: 1, 5: 2, 14: 2, 15: 3, 29: 3, 30: 4, 500: 4} {
		if got := Level(events); got != want {
			t.Errorf("Level(%d) = %d, want %d", events, got, want)
		}
	}
	for d, want := range map[time.Duration]string{0: "none", 20 * time.Second: "under a minute", 45 * time.Minute: "45 min",
		2 * time.Hour: "2 h", 80 * time.Minute: "1 h 20 min", 89*time.Minute + 40*time.Second: "1 h 30 min"} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
