package tui

import (
	"time"

	"github.com/upskill-council/upskill/progress"
)

// clockFor is the clock in a learner's time zone, in which their days,
// streaks and due cards are counted: their own zone (progress.Profile
// TimeZone), or else the server's (Options.Zone), or else the clock's own.
// A stored zone this machine does not know falls back the same way.
func (c *common) clockFor(p progress.Profile) func() time.Time {
	base, zone := c.baseNow, c.zone
	if p.TimeZone != "" {
		if loc, err := progress.LoadTimeZone(p.TimeZone); err == nil {
			zone = loc
		}
	}
	if zone == nil {
		return base
	}
	return func() time.Time { return base().In(zone) }
}
