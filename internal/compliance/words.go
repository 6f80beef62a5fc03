package compliance

import (
	"fmt"
	"time"
)

// DateLayout is how dates are shown to people: "31 March 2027".
const DateLayout = "2 January 2006"

// Words says an item's standing on asOf in words, not colour: "Overdue
// since 2 January 2027", "Due by 31 March 2027, in 12 days", "Due by 31
// March 2027", "Done, valid until 14 March 2028" or "Done". Dates are in
// asOf's location.
func (it Item) Words(asOf time.Time) string {
	loc := asOf.Location()
	switch it.Status {
	case Overdue:
		return "Overdue since " + it.Due.In(loc).AddDate(0, 0, 1).Format(DateLayout)
	case DueSoon:
		return "Due by " + it.Due.In(loc).Format(DateLayout) + ", " + inDays(daysBetween(asOf, it.Due))
	case NotStarted:
		return "Due by " + it.Due.In(loc).Format(DateLayout)
	}
	if it.ValidUntil.IsZero() {
		return "Done"
	}
	return "Done, valid until " + it.ValidUntil.In(loc).Format(DateLayout)
}

// inDays says how far away a day is: "today", "tomorrow", "in 12 days".
func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	default:
		return fmt.Sprintf("in %d days", n)
	}
}
