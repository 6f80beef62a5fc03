package trainingreport

import (
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
)

// addCompliance fills the compliance overview and learner detail. Until
// the compliance engine is merged, nothing is required of anyone.
func addCompliance(r *Report, cat *catalog.Catalog, profiles []progress.Profile, asOf time.Time) error {
	_, _, _ = cat, profiles, asOf
	for _, p := range profiles {
		r.Learners = append(r.Learners, LearnerDetail{Name: p.Name, Team: p.Team, Role: p.Role, Items: []ItemDetail{}})
	}
	return nil
}
