package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/internal/trainingreport"
	"github.com/upskill-council/upskill/progress"
)

// teamData is what the Team screen shows, read in teamLoadCmd: the
// compliance tiles and the learners who need to act, as of one moment.
type teamData struct {
	// team is the team shown; empty for every team.
	team string
	// fixed is set for a manager, who sees their own team only.
	fixed bool
	// teams are the teams a trainer or admin may choose from, sorted;
	// nil for a manager.
	teams    []string
	asOf     time.Time
	learners int
	// items counts the learners' required modules (one learner with two
	// is two), and counts them by status, as the report does.
	items  int
	counts map[compliance.Status]int
	// overdue and dueSoon are the learners' modules in those states,
	// the longest overdue or soonest due first.
	overdue, dueSoon []teamRow
}

// teamRow is one learner's required module that needs acting on.
type teamRow struct {
	learner, team, module, words string
	due                          time.Time
}

// compliantPercent is the share of required modules done and in date,
// rounded down as the report rounds it (99.6% is never shown as 100%).
func (d teamData) compliantPercent() int {
	if d.items == 0 {
		return 0
	}
	return d.counts[compliance.Compliant] * 100 / d.items
}

// teamLoadedMsg carries the Team screen's data for the team asked for,
// or why it could not be read.
type teamLoadedMsg struct {
	asked string
	data  teamData
	err   error
}

// teamLoadCmd reads the Team screen's data for team ("" for every team)
// as of now. It reads the learner's profile again first, so that access
// taken away since they opened the screen shows nothing, and a manager
// always sees their own team whatever was asked.
func (c *common) teamLoadCmd(team string) tea.Cmd {
	store, cat, id, now := c.store, c.catalog, c.profileID(), c.now()
	return func() tea.Msg {
		data, err := loadTeam(store, cat, id, team, now)
		return teamLoadedMsg{asked: team, data: data, err: err}
	}
}

// loadTeam reads the store: call it only from a command.
func loadTeam(store *progress.Store, cat *catalog.Catalog, viewer uint64, team string, now time.Time) (teamData, error) {
	me, err := store.Profile(viewer)
	if err != nil {
		return teamData{}, fmt.Errorf("team: %w", err)
	}
	scope, err := scopeFor(me)
	if err != nil {
		return teamData{}, err
	}
	all, err := store.Profiles()
	if err != nil {
		return teamData{}, fmt.Errorf("team: %w", err)
	}
	d := teamData{team: strings.TrimSpace(team), asOf: now, counts: map[compliance.Status]int{}}
	if scope.fixed() {
		d.team, d.fixed = scope.own, true
	} else {
		d.teams = teamNames(all)
	}
	chosen := trainingreport.Select(all, d.team, "")
	learners, err := compliance.Evaluate(store, cat, chosen, now)
	if err != nil {
		return teamData{}, fmt.Errorf("team: %w", err)
	}
	d.learners = len(chosen)
	for _, l := range learners {
		for _, it := range l.Items {
			d.items++
			d.counts[it.Status]++
			row := teamRow{learner: termsafe.Line(l.Profile.Name), team: termsafe.Line(trainingreport.TeamName(l.Profile.Team)), module: termsafe.Line(it.ModuleTitle), due: it.Due,
				words: it.Words(now.In(it.Due.Location()))}
			switch it.Status {
			case compliance.Overdue:
				d.overdue = append(d.overdue, row)
			case compliance.DueSoon:
				d.dueSoon = append(d.dueSoon, row)
			}
		}
	}
	byDue := func(a, b teamRow) int { // by day, then name: join times differ by seconds
		return cmp.Or(strings.Compare(a.due.Format(time.DateOnly), b.due.Format(time.DateOnly)),
			strings.Compare(a.learner, b.learner), strings.Compare(a.module, b.module))
	}
	slices.SortFunc(d.overdue, byDue)
	slices.SortFunc(d.dueSoon, byDue)
	return d, nil
}

// teamNames lists the teams learners belong to, each once whatever its
// case, sorted; learners with no team belong to none.
func teamNames(profiles []progress.Profile) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range profiles {
		t := strings.TrimSpace(p.Team)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}
