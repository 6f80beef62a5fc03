package trainingreport

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Formats lists the values of --format, the default first.
var Formats = []string{"table", "csv", "json", "html"}

// ErrFormat is returned for a --format that is not one of [Formats].
var ErrFormat = fmt.Errorf("the format must be one of %s", strings.Join(Formats, ", "))

// Render writes r in format, one of [Formats]. For csv, questions chooses
// the question analysis instead of the learners' rows (a CSV file holds
// one table).
func Render(w io.Writer, r *Report, format string, questions bool) error {
	switch format {
	case "", "table":
		return WriteTable(w, r)
	case "csv":
		if questions {
			return WriteQuestionsCSV(w, r)
		}
		return WriteLearnersCSV(w, r)
	case "json":
		return WriteJSON(w, r)
	case "html":
		return WriteHTML(w, r)
	}
	return fmt.Errorf("report format %q: %w", format, ErrFormat)
}

// NeedsQuestions reports whether Render shows the question analysis in
// format: all but the learners' CSV do.
func NeedsQuestions(format string, questions bool) bool { return format != "csv" || questions }

// CheckFormat refuses a format Render would refuse, before any work.
func CheckFormat(format string) error {
	for _, f := range append([]string{""}, Formats...) {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("report format %q: %w", format, ErrFormat)
}

// ParseAsOf reads --as-of, a date YYYY-MM-DD, as the last moment of that
// day in loc: a report as of a day counts everything done on it. Empty
// means now.
func ParseAsOf(s string, loc *time.Location, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	day, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of %q: want a date such as 2027-03-31: %w", s, err)
	}
	return day.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
}
