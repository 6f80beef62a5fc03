package trainingreport

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/progress"
)

// addCompliance fills the compliance overview and the learner detail
// from the compliance engine, for profiles (sorted by team, then name).
func addCompliance(r *Report, cat *catalog.Catalog, profiles []progress.Profile, asOf time.Time) error {
	standings, err := compliance.Evaluate(cat.Store(), cat, profiles, asOf)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	type rowKey struct{ team, pack, module string }
	rows := map[rowKey]int{}
	loc := asOf.Location()
	for _, l := range standings {
		d := LearnerDetail{Name: l.Profile.Name, Team: l.Profile.Team, Role: l.Profile.Role, Items: make([]ItemDetail, 0, len(l.Items))}
		for _, it := range l.Items {
			item := ItemDetail{Pack: it.Pack, Module: it.Module, ModuleTitle: it.ModuleTitle, Status: string(it.Status),
				Due: day(it.Due, loc), Completed: day(it.Completed, loc), ValidUntil: day(it.ValidUntil, loc), Attempts: it.Attempts}
			if it.BestScore >= 0 {
				score := it.BestScore
				item.BestScore = &score
			}
			d.Items = append(d.Items, item)

			key := rowKey{l.Profile.Team, it.Pack, it.Module}
			i, ok := rows[key]
			if !ok {
				i = len(r.Compliance)
				rows[key] = i
				r.Compliance = append(r.Compliance, ModuleCompliance{Team: key.team, Pack: it.Pack, Module: it.Module,
					ModuleTitle: it.ModuleTitle, Compliant: emptyGroup(), DueSoon: emptyGroup(), Overdue: emptyGroup(),
					NotStarted: emptyGroup()})
			}
			row := &r.Compliance[i]
			row.Learners++
			switch it.Status {
			case compliance.Compliant:
				row.Compliant.add(l.Profile.Name)
			case compliance.DueSoon:
				row.DueSoon.add(l.Profile.Name)
			case compliance.Overdue:
				row.Overdue.add(l.Profile.Name)
			default:
				row.NotStarted.add(l.Profile.Name)
			}
		}
		r.Learners = append(r.Learners, d)
	}
	slices.SortStableFunc(r.Compliance, func(a, b ModuleCompliance) int {
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.Pack, b.Pack), cmp.Compare(a.Module, b.Module))
	})
	return nil
}

func emptyGroup() Group { return Group{Learners: []string{}} }

// day is t's date in loc, YYYY-MM-DD, or empty for the zero time.
func day(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.DateOnly)
}
