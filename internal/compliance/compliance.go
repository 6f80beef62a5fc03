// Package compliance works out where learners stand on their mandatory
// training: which modules the packs on offer require of their role, when
// each learner completed them (every time), until when a completion is
// valid, and what is due, due soon or overdue on a given day. Screens show
// a learner's own standing; reports count many learners'.
//
// Stable string ids (Status) are for machine output; [Item.Words] and
// [Status.Label] are for people.
package compliance

import (
	"time"

	"github.com/upskill-council/upskill/lessons"
)

// Status of one learner against one requirement on a given day.
type Status string

// The statuses, from the most urgent.
const (
	Overdue    Status = "overdue"     // past its due date: never completed after the grace period, or its completion expired
	DueSoon    Status = "due_soon"    // due (first time or renewal) within DueSoonWindow (30 days), not yet overdue
	NotStarted Status = "not_started" // never completed, due date still more than DueSoonWindow away (e.g. a new starter in grace)
	Compliant  Status = "compliant"   // completed and valid for more than DueSoonWindow
)

// Statuses lists every status, most urgent first.
var Statuses = []Status{Overdue, DueSoon, NotStarted, Compliant}

// DueSoonWindow is how long before its due date a requirement is due soon,
// and learners are reminded of it. Counted in whole days of the learner's
// calendar: due in 30 days or fewer is due soon.
const DueSoonWindow = 30 * 24 * time.Hour

// dueSoonDays is DueSoonWindow in days.
const dueSoonDays = int(DueSoonWindow / (24 * time.Hour))

// Label is the status as people read it.
func (s Status) Label() string {
	switch s {
	case Overdue:
		return "Overdue"
	case DueSoon:
		return "Due soon"
	case NotStarted:
		return "Not started"
	case Compliant:
		return "Done"
	default:
		return string(s)
	}
}

// rank orders statuses, most urgent first.
func (s Status) rank() int {
	for i, x := range Statuses {
		if x == s {
			return i
		}
	}
	return len(Statuses)
}

// Requirement is one module a pack marks as required for some roles.
type Requirement struct {
	Pack          string // pack id
	PackTitle     string
	Module        string // module id
	ModuleTitle   string
	Roles         []string // learning-role ids it applies to; empty = every role
	RenewalMonths int      // 0 = never expires
	GraceDays     int      // days from the learner joining (Profile.Created) before a first completion is due
}

// AppliesTo reports whether the requirement is for a learner in role.
func (r Requirement) AppliesTo(role string) bool {
	if len(r.Roles) == 0 {
		return true
	}
	for _, x := range r.Roles {
		if x == role {
			return true
		}
	}
	return false
}

// Requirements lists what pack requires of a learner in role (all roles if
// role is ""), in manifest order. A module required both by itself and by
// paths is listed once (see [lessons.Pack.Requirements]).
func Requirements(pack *lessons.Pack, role string) []Requirement {
	var out []Requirement
	for _, mr := range pack.Requirements() {
		r := Requirement{Pack: pack.ID, PackTitle: pack.Title, Module: mr.Module.ID, ModuleTitle: mr.Module.Title,
			RenewalMonths: mr.RenewMonths, GraceDays: mr.GraceDays}
		for _, a := range mr.Roles {
			r.Roles = append(r.Roles, string(a))
		}
		if role == "" || r.AppliesTo(role) {
			out = append(out, r)
		}
	}
	return out
}
