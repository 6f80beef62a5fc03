// Package accounts is the work behind the "learners" commands: inviting,
// enrolling, importing, listing and removing learners, and setting their
// learning role, team and access level. The command line runs it on a
// local progress file, and the SSH server runs the same functions for
// admins' commands over SSH, so both say and check the same things.
//
// Every function takes the caller's access level (the command line, which
// holds the file, acts as an admin) and refuses what that level may not do
// with ErrNotAllowed, before reading or changing anything.
package accounts

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Store is what this package needs of a progress file; *progress.Store
// has it.
type Store interface {
	CreateProfile(name, role string, at time.Time) (progress.Profile, error)
	Profiles() ([]progress.Profile, error)
	ProfileByName(name string) (progress.Profile, error)
	SetAccess(profile uint64, a progress.Access) error
	SetTeam(profile uint64, team string) error
	SetRole(profile uint64, role string) error
	SetTimeZone(profile uint64, zone string) error
	SetManager(profile, manager uint64) error
	EnrolLearners(batch []progress.Enrolment, at time.Time) ([]progress.Profile, error)
	AddKey(profile uint64, fingerprint, authorizedKey, label string, at time.Time) error
	ProfileByKey(fingerprint string) (progress.Profile, error)
	Keys(profile uint64) ([]progress.Key, error)
	InviteSecret() ([]byte, error)
	CreateInvite(inv progress.Invite, codeHash []byte) error
	RedeemInvite(codeHash []byte, fingerprint, authorizedKey string, at time.Time) (progress.Profile, error)
	RemoveLearner(profile uint64, purge bool) (int, error)
	Days(profile uint64) ([]progress.Day, error)
}

var _ Store = (*progress.Store)(nil)

// Errors of this package. Test for them with errors.Is.
var (
	// ErrNotAllowed: the caller's access level does not allow the command.
	ErrNotAllowed = errors.New("not allowed")
	// ErrBadRole: not a learning role.
	ErrBadRole = errors.New("unknown learning role: use staff (council staff), graduate, or manager (managers and leaders)")
	// ErrBadAccess: not an access level.
	ErrBadAccess = errors.New("unknown access level: use learner, trainer, manager or admin")
	// ErrLastAdmin: the change would leave no admin to manage learners.
	ErrLastAdmin = errors.New("that would leave no admin: make someone else an admin first")
)

// Op is one of the learners commands, for checking access.
type Op string

// The learners commands.
const (
	OpList      Op = "list"
	OpInvite    Op = "invite"
	OpAdd       Op = "add"
	OpImport    Op = "import"
	OpRemove    Op = "remove"
	OpSetRole   Op = "set-role"
	OpSetTeam   Op = "set-team"
	OpSetAccess Op = "set-access"
	// OpSetTimeZone sets the zone a learner's days are counted in.
	OpSetTimeZone Op = "set-timezone"
	// OpSetManager sets who manages a learner.
	OpSetManager Op = "set-manager"
)

// Ops lists every learners command, for tables of who may do what.
var Ops = []Op{OpList, OpInvite, OpAdd, OpImport, OpRemove, OpSetRole, OpSetTeam, OpSetAccess, OpSetTimeZone, OpSetManager}

// Allowed says whether a caller with access by may run op, giving access
// grant to the learners it enrols (grant matters for invite, add and
// import). Admins may do everything. Trainers may list learners, set a
// learner's time zone, and enrol learners (invite, add, import) with a
// learner's access only. Managers may list learners. Learners may do none
// of it.
func Allowed(by progress.Access, op Op, grant progress.Access) error {
	ok := false
	switch {
	case by == progress.AccessAdmin:
		ok = true
	case op == OpList:
		ok = by == progress.AccessTrainer || by == progress.AccessManager
	case op == OpSetTimeZone:
		ok = by == progress.AccessTrainer
	case op == OpInvite || op == OpAdd || op == OpImport:
		ok = by == progress.AccessTrainer && grant.Covers(progress.AccessLearner) && progress.AccessLearner.Covers(grant)
	}
	if !ok {
		if grant != "" && grant != progress.AccessLearner && by == progress.AccessTrainer {
			return fmt.Errorf("learners %s with %s access: %w for a trainer; ask an admin", op, grant, ErrNotAllowed)
		}
		return fmt.Errorf("learners %s: %w with %s access; ask an admin", op, ErrNotAllowed, orLearner(by))
	}
	return nil
}

func orLearner(a progress.Access) progress.Access {
	if a == "" {
		return progress.AccessLearner
	}
	return a
}

// roleWords are the words accepted for each learning role, besides its id
// and its label.
var roleWords = map[string]lessons.Audience{
	"council staff":        lessons.Staff,
	"graduates":            lessons.Graduate,
	"managers":             lessons.Manager,
	"managers and leaders": lessons.Manager,
	"leaders":              lessons.Manager,
}

// ParseRole reads a learning role as an id ("staff") or in words ("council
// staff", "managers and leaders"), in any case.
func ParseRole(s string) (lessons.Audience, error) {
	want := strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, a := range lessons.Audiences {
		if want == string(a) || want == strings.ToLower(a.Label()) {
			return a, nil
		}
	}
	if a, ok := roleWords[want]; ok {
		return a, nil
	}
	return "", fmt.Errorf("%q: %w", termsafe.Line(s), ErrBadRole)
}

// ParseAccess reads an access level, in any case; empty is a learner's.
func ParseAccess(s string) (progress.Access, error) {
	a := progress.Access(strings.ToLower(strings.TrimSpace(s)))
	if a == "" {
		return progress.AccessLearner, nil
	}
	if !a.Valid() {
		return "", fmt.Errorf("%q: %w", termsafe.Line(s), ErrBadAccess)
	}
	return a, nil
}

// Enrolment is who a learner is: the details an invite, an added key or a
// row of a staff list gives.
type Enrolment struct {
	Name   string
	Role   lessons.Audience
	Team   string
	Access progress.Access
	// Email is where an invite is to be sent, from a staff list; it is
	// shown with the code, not stored.
	Email string
	// TimeZone is the learner's IANA time zone (see [ParseTimeZone]);
	// empty keeps theirs, or the server's for a new learner.
	TimeZone string
	// Manager names the learner's manager, another learner; empty keeps
	// theirs.
	Manager string
}

// ParseTimeZone checks an IANA time zone name as typed ("Europe/London");
// empty is no zone (the server's).
func ParseTimeZone(s string) (string, error) {
	zone := strings.TrimSpace(s)
	if zone == "" {
		return "", nil
	}
	if _, err := progress.LoadTimeZone(zone); err != nil {
		return "", fmt.Errorf("%q is not a time zone: give its IANA name, such as Europe/London or Pacific/Auckland: %w", termsafe.Line(s), progress.ErrInvalidTimeZone)
	}
	return zone, nil
}

// NewEnrolment checks and cleans the details of a learner as typed: a
// name, a learning role (see [ParseRole]), a team (may be empty) and an
// access level (see [ParseAccess]). Set a time zone with
// [Enrolment.SetTimeZone].
func NewEnrolment(name, role, team, access string) (Enrolment, error) {
	e := Enrolment{Name: termsafe.Line(name), Team: termsafe.Line(team)}
	if e.Name == "" {
		return Enrolment{}, errors.New("the learner needs a name")
	}
	var err error
	if e.Role, err = ParseRole(role); err != nil {
		return Enrolment{}, err
	}
	if e.Access, err = ParseAccess(access); err != nil {
		return Enrolment{}, err
	}
	return e, nil
}

// SetTimeZone checks and sets the learner's time zone, as typed (see
// [ParseTimeZone]).
func (e *Enrolment) SetTimeZone(typed string) error {
	zone, err := ParseTimeZone(typed)
	if err != nil {
		return err
	}
	e.TimeZone = zone
	return nil
}

// batchEntry is e as one learner of a progress batch.
func (e Enrolment) batchEntry() progress.Enrolment {
	return progress.Enrolment{Name: e.Name, Role: string(e.Role), Team: e.Team, Access: e.Access,
		TimeZone: e.TimeZone, Manager: e.Manager}
}

// findLearner finds a learner by name, saying what to do when there is none.
func findLearner(s Store, name string) (progress.Profile, error) {
	p, err := s.ProfileByName(name)
	if errors.Is(err, progress.ErrNotFound) {
		return p, fmt.Errorf("no learner is called %q: see upskill learners list: %w", termsafe.Line(name), progress.ErrNotFound)
	}
	return p, err
}

// checkNotLastAdmin refuses to take admin access from p when p is the
// only admin.
func checkNotLastAdmin(s Store, p progress.Profile) error {
	if p.Access != progress.AccessAdmin {
		return nil
	}
	all, err := s.Profiles()
	if err != nil {
		return err
	}
	for _, other := range all {
		if other.ID != p.ID && other.Access == progress.AccessAdmin {
			return nil
		}
	}
	return fmt.Errorf("%s is the only admin: %w", p.Name, ErrLastAdmin)
}
