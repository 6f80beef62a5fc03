package tui

import (
	"errors"

	"github.com/upskill-council/upskill/progress"
)

// seesTeam reports whether a learner may open the Team screen: managers,
// trainers and admins. Home offers the key to them alone.
func seesTeam(p progress.Profile) bool {
	switch p.Access {
	case progress.AccessManager, progress.AccessTrainer, progress.AccessAdmin:
		return true
	}
	return false
}

// teamScope is what a learner's Team screen may cover, by the rules of
// `ssh HOST report`: trainers and admins every team, managers their own
// team only.
type teamScope struct {
	// own is a manager's team: the only one they see. Empty for trainers
	// and admins, who may choose any team or all of them.
	own string
}

// errNoTeam is why a manager with no team sees no figures.
var errNoTeam = errors.New("you have no team yet; ask an admin to set it")

// errNotTeamViewer is why a learner without the access sees nothing.
var errNotTeamViewer = errors.New("the Team screen is for managers, trainers and admins")

// scopeFor is the scope of p's Team screen, or why they have none.
func scopeFor(p progress.Profile) (teamScope, error) {
	switch {
	case !seesTeam(p):
		return teamScope{}, errNotTeamViewer
	case p.Access != progress.AccessManager:
		return teamScope{}, nil
	case p.Team == "":
		return teamScope{}, errNoTeam
	}
	return teamScope{own: p.Team}, nil
}

// fixed reports whether the scope is one team that cannot be changed.
func (s teamScope) fixed() bool { return s.own != "" }
