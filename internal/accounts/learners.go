package accounts

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/upskill-council/upskill/internal/invite"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// dateFormat is how dates are shown to people.
const dateFormat = "2 January 2006"

// Issued is an invite just made, with the only copy of its code.
type Issued struct {
	Name    string
	Email   string // from a staff list; may be empty
	Code    string // in display form, K7QM-4XPR-2D
	Expires time.Time
}

// Text says what to pass on to the learner.
func (i Issued) Text() string {
	to := i.Name
	if i.Email != "" {
		to += " <" + i.Email + ">"
	}
	return fmt.Sprintf("Invite for %s: %s\nIt works once, until %s. It is shown only now: send it to them, and they type it when they first connect.\n",
		to, i.Code, i.Expires.Format(dateFormat))
}

// Invite makes a one-time invite for a learner and returns its code,
// which is shown now and never again (the file keeps only its hash). The
// learner need not exist yet; see progress.Store.RedeemInvite for what
// happens when the code is used.
func Invite(s Store, by progress.Access, e Enrolment, now time.Time) (Issued, error) {
	if err := Allowed(by, OpInvite, e.Access); err != nil {
		return Issued{}, err
	}
	return makeInvite(s, e, now)
}

// newCode makes an invite code and its hash under the file's secret.
func newCode(s Store) (code string, hash []byte, err error) {
	secret, err := s.InviteSecret()
	if err != nil {
		return "", nil, err
	}
	code = invite.Generate()
	hash, err = invite.Hash(secret, code)
	if err != nil {
		return "", nil, fmt.Errorf("hash the new code: %w", err)
	}
	return code, hash, nil
}

func makeInvite(s Store, e Enrolment, now time.Time) (Issued, error) {
	code, hash, err := newCode(s)
	if err != nil {
		return Issued{}, err
	}
	inv := progress.Invite{Name: e.Name, Role: string(e.Role), Team: e.Team, Access: e.Access,
		TimeZone: e.TimeZone, Created: now, Expires: now.Add(invite.Validity)}
	if err := s.CreateInvite(inv, hash); err != nil {
		return Issued{}, err
	}
	return Issued{Name: e.Name, Email: e.Email, Code: code, Expires: inv.Expires}, nil
}

// Redeem enrols the holder of a key with a code as they typed it: the
// enrolment screen's work. Errors wrap invite.ErrBadCode,
// progress.ErrNotFound (no such code), ErrInviteUsed, ErrInviteExpired,
// ErrInviteAccess or ErrKeyInUse.
func Redeem(s Store, typed string, key PublicKey, now time.Time) (progress.Profile, error) {
	secret, err := s.InviteSecret()
	if err != nil {
		return progress.Profile{}, err
	}
	hash, err := invite.Hash(secret, typed)
	if err != nil {
		return progress.Profile{}, err
	}
	p, err := s.RedeemInvite(hash, key.Fingerprint, key.Line, now)
	if errors.Is(err, progress.ErrNotFound) {
		return p, fmt.Errorf("that code is not right: check it, or ask your trainer for a new one: %w", err)
	}
	return p, err
}

// Add enrols a learner with a key directly, in one transaction: the
// learner is made if there is none of that name; one who exists takes the
// role, team, access and time zone given, unless they have access that is
// not covered (an admin is not handed to whoever holds a trainer's key
// file). It returns the learner.
func Add(s Store, by progress.Access, e Enrolment, key PublicKey, now time.Time) (progress.Profile, error) {
	if err := Allowed(by, OpAdd, e.Access); err != nil {
		return progress.Profile{}, err
	}
	if owner, err := s.ProfileByKey(key.Fingerprint); err == nil && !strings.EqualFold(owner.Name, e.Name) {
		return progress.Profile{}, fmt.Errorf("key %s belongs to %s: %w", key.Fingerprint, owner.Name, progress.ErrKeyInUse)
	} else if err != nil && !errors.Is(err, progress.ErrNotFound) {
		return progress.Profile{}, err
	}
	entry := e.batchEntry()
	entry.KeyFingerprint, entry.KeyLine, entry.KeyLabel = key.Fingerprint, key.Line, key.Comment
	out, err := s.EnrolLearners([]progress.Enrolment{entry}, now)
	if errors.Is(err, progress.ErrInviteAccess) {
		return progress.Profile{}, fmt.Errorf("%s has more access than %s, which does not cover it: %w", e.Name, e.Access, err)
	} else if err != nil {
		return progress.Profile{}, err
	}
	return out[0], nil
}

// Learner is one line of the list of learners.
type Learner struct {
	Name   string          `json:"name"`
	Role   string          `json:"role"`
	Team   string          `json:"team,omitempty"`
	Access progress.Access `json:"access"`
	// TimeZone is the zone their days are counted in; empty: the server's.
	TimeZone string `json:"time_zone,omitempty"`
	// Manager is the name of the learner who manages them; empty if none.
	Manager string `json:"manager,omitempty"`
	Keys    int    `json:"keys"`
	// LastActive is the last day they learnt (YYYY-MM-DD, their local
	// date); empty if never.
	LastActive string `json:"last_active,omitempty"`
}

// List lists every learner, oldest first.
func List(s Store, by progress.Access) ([]Learner, error) {
	if err := Allowed(by, OpList, ""); err != nil {
		return nil, err
	}
	profiles, err := s.Profiles()
	if err != nil {
		return nil, err
	}
	names := make(map[uint64]string, len(profiles))
	for _, p := range profiles {
		names[p.ID] = p.Name
	}
	out := make([]Learner, 0, len(profiles))
	for _, p := range profiles {
		keys, err := s.Keys(p.ID)
		if err != nil {
			return nil, err
		}
		days, err := s.Days(p.ID)
		if err != nil {
			return nil, err
		}
		l := Learner{Name: p.Name, Role: p.Role, Team: p.Team, Access: p.Access, TimeZone: p.TimeZone,
			Manager: names[p.Manager], Keys: len(keys)}
		for _, d := range days {
			if day := d.Date.Format(time.DateOnly); day > l.LastActive {
				l.LastActive = day
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// WriteList writes learners as a table for people.
func WriteList(w io.Writer, learners []Learner) error {
	if len(learners) == 0 {
		_, err := fmt.Fprintln(w, "No learners yet. Invite one with: upskill learners invite NAME --role staff")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tTEAM\tMANAGER\tACCESS\tTIME ZONE\tKEYS\tLAST ACTIVE")
	for _, l := range learners {
		last := l.LastActive
		if last == "" {
			last = "never"
		}
		zone := l.TimeZone
		if zone == "" {
			zone = "server's"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", termsafe.Line(l.Name), termsafe.Line(l.Role),
			orDash(l.Team), orDash(l.Manager), l.Access, termsafe.Line(zone), l.Keys, last)
	}
	return tw.Flush()
}

// orDash is s, safe for a terminal, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return termsafe.Line(s)
}

// Removed says what removing a learner did.
type Removed struct {
	Name   string
	Keys   int  // keys unbound
	Purged bool // their records were deleted too
}

// Text says it in a sentence.
func (r Removed) Text() string {
	kept := "Their progress is kept."
	if r.Purged {
		kept = "Their progress was deleted."
	}
	return fmt.Sprintf("Removed %s: %d %s no longer let anyone in, and unused invites for them were cancelled. %s\n",
		r.Name, r.Keys, plural(r.Keys, "key", "keys"), kept)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Remove takes a learner's keys, access and unused invites away; their
// records are kept unless purge. The last admin cannot be removed.
func Remove(s Store, by progress.Access, name string, purge bool) (Removed, error) {
	if err := Allowed(by, OpRemove, ""); err != nil {
		return Removed{}, err
	}
	p, err := findLearner(s, name)
	if err != nil {
		return Removed{}, err
	}
	if err := checkNotLastAdmin(s, p); err != nil {
		return Removed{}, err
	}
	n, err := s.RemoveLearner(p.ID, purge)
	if err != nil {
		return Removed{}, err
	}
	return Removed{Name: p.Name, Keys: n, Purged: purge}, nil
}

// SetRole changes a learner's learning role, given as an id or in words.
func SetRole(s Store, by progress.Access, name, role string) (progress.Profile, error) {
	if err := Allowed(by, OpSetRole, ""); err != nil {
		return progress.Profile{}, err
	}
	r, err := ParseRole(role)
	if err != nil {
		return progress.Profile{}, err
	}
	p, err := findLearner(s, name)
	if err != nil {
		return p, err
	}
	if err := s.SetRole(p.ID, string(r)); err != nil {
		return p, err
	}
	p.Role = string(r)
	return p, nil
}

// SetTeam puts a learner in a team; an empty team takes them out of any.
func SetTeam(s Store, by progress.Access, name, team string) (progress.Profile, error) {
	if err := Allowed(by, OpSetTeam, ""); err != nil {
		return progress.Profile{}, err
	}
	p, err := findLearner(s, name)
	if err != nil {
		return p, err
	}
	if err := s.SetTeam(p.ID, team); err != nil {
		return p, err
	}
	p.Team = termsafe.Line(team)
	return p, nil
}

// SetAccess gives a learner an access level. The last admin keeps theirs.
func SetAccess(s Store, by progress.Access, name, level string) (progress.Profile, error) {
	if err := Allowed(by, OpSetAccess, ""); err != nil {
		return progress.Profile{}, err
	}
	a, err := ParseAccess(level)
	if err != nil {
		return progress.Profile{}, err
	}
	p, err := findLearner(s, name)
	if err != nil {
		return p, err
	}
	if a != progress.AccessAdmin {
		if err := checkNotLastAdmin(s, p); err != nil {
			return p, err
		}
	}
	if err := s.SetAccess(p.ID, a); err != nil {
		return p, err
	}
	p.Access = a
	return p, nil
}

// Clear is the value that clears a learner's time zone or manager in
// set-timezone and set-manager.
const Clear = "-"

// SetTimeZone sets the zone a learner's days, streaks and due cards are
// counted in: an IANA name ("Europe/London"), or Clear for the server's.
func SetTimeZone(s Store, by progress.Access, name, zone string) (progress.Profile, error) {
	if err := Allowed(by, OpSetTimeZone, ""); err != nil {
		return progress.Profile{}, err
	}
	if strings.TrimSpace(zone) == Clear {
		zone = ""
	} else {
		var err error
		if zone, err = ParseTimeZone(zone); err != nil {
			return progress.Profile{}, err
		}
		if zone == "" {
			return progress.Profile{}, fmt.Errorf("give a time zone such as Europe/London, or %s for the server's", Clear)
		}
	}
	p, err := findLearner(s, name)
	if err != nil {
		return p, err
	}
	if err := s.SetTimeZone(p.ID, zone); err != nil {
		return p, err
	}
	p.TimeZone = zone
	return p, nil
}

// SetManager makes the learner called manager the manager of the learner
// called name, or, with Clear, leaves them with none. A learner cannot
// manage themselves, nor anyone above them.
func SetManager(s Store, by progress.Access, name, manager string) (progress.Profile, error) {
	if err := Allowed(by, OpSetManager, ""); err != nil {
		return progress.Profile{}, err
	}
	p, err := findLearner(s, name)
	if err != nil {
		return p, err
	}
	var id uint64
	if strings.TrimSpace(manager) != Clear {
		m, err := findLearner(s, manager)
		if err != nil {
			return p, fmt.Errorf("the manager: %w", err)
		}
		id = m.ID
	}
	if err := s.SetManager(p.ID, id); err != nil {
		if errors.Is(err, progress.ErrManagerLoop) {
			return p, fmt.Errorf("%s cannot be managed by %s: %w", p.Name, termsafe.Line(manager), err)
		}
		return p, err
	}
	p.Manager = id
	return p, nil
}

// Describe says in a line what a learner's details are now, after a change.
func Describe(s Store, p progress.Profile) string {
	team, zone, manager := p.Team, p.TimeZone, "no manager"
	if team == "" {
		team = "no team"
	}
	if zone == "" {
		zone = "the server's time zone"
	}
	if p.Manager != 0 {
		if m, err := s.Profiles(); err == nil {
			for _, other := range m {
				if other.ID == p.Manager {
					manager = "managed by " + other.Name
				}
			}
		}
	}
	return fmt.Sprintf("%s: role %s, team %s, %s access, %s, %s.\n", termsafe.Line(p.Name), p.Role, termsafe.Line(team), p.Access, manager, zone)
}
