package progress

import (
	"fmt"
	"strings"
	"time"
)

// maxZoneName bounds a time zone name: the longest IANA name
// ("America/Argentina/ComodRivadavia") has 32 characters.
const maxZoneName = 64

// ErrInvalidTimeZone is returned for a time zone that is not an IANA
// zone name that time.LoadLocation knows.
var ErrInvalidTimeZone = fmt.Errorf("%w: the time zone must be an IANA name such as Europe/London", ErrInvalid)

// plausibleZoneName reports whether a stored time zone could be a zone
// name: empty, or short printable ASCII of letters, digits and "/_+-".
// Reading a profile checks only this; [LoadTimeZone] finds the zone.
func plausibleZoneName(name string) bool {
	if len(name) > maxZoneName {
		return false
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/_+-", r)
		if !ok {
			return false
		}
	}
	return true
}

// LoadTimeZone finds an IANA time zone by name. Empty, "Local" and names
// that are not zone names are refused with ErrInvalidTimeZone: a learner's
// zone is always a named place, never the machine's own setting.
func LoadTimeZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || !plausibleZoneName(name) {
		return nil, fmt.Errorf("time zone %q: %w", name, ErrInvalidTimeZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w (%v)", name, ErrInvalidTimeZone, err)
	}
	return loc, nil
}

// SetTimeZone sets the time zone (an IANA name, checked with
// [LoadTimeZone]) in which a learner's days are counted; an empty zone
// makes them count in the server's zone again.
func (s *Store) SetTimeZone(profile uint64, zone string) error {
	if zone != "" {
		if _, err := LoadTimeZone(zone); err != nil {
			return fmt.Errorf("set time zone: %w", err)
		}
	}
	return s.editProfile(profile, "set time zone", func(rec *profileRecord) { rec.TimeZone = zone })
}
