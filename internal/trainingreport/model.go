package trainingreport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
)

// FormatName and FormatVersion identify the JSON form of a [Report]
// (docs/training-report.schema.json).
const (
	FormatName    = "upskill-training-report"
	FormatVersion = 1
)

// Options chooses what a report covers.
type Options struct {
	// Team keeps only the learners of this team (in any case); empty
	// means every team.
	Team string
	// Role keeps only the learners with this learning role; empty means
	// every role.
	Role string
	// AsOf is the day the report is for: statuses are worked out as at
	// this moment. Zero means now.
	AsOf time.Time
	// Generated is when the report was made; zero means now.
	Generated time.Time
	// NoQuestions leaves out the question analysis, for output that does
	// not show it (the learners' CSV): it is the slowest part.
	NoQuestions bool
}

// Report is everything a report holds; its JSON form is the --format
// json output. Values are stable ids; words are only in titles and names.
type Report struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	Generated time.Time `json:"generated"`
	// AsOf is the report's day, YYYY-MM-DD.
	AsOf string `json:"as_of"`
	// Team and Role are the report's filters; empty when not filtered.
	Team    string  `json:"team"`
	Role    string  `json:"role"`
	Summary Summary `json:"summary"`
	// Compliance has one entry per team and required module.
	Compliance []ModuleCompliance `json:"compliance"`
	// Learners has every learner covered, by team then name.
	Learners  []LearnerDetail `json:"learners"`
	Questions []QuestionStat  `json:"questions"`

	asOf time.Time
}

// Summary is the report's headline figures.
type Summary struct {
	Learners int `json:"learners"`
	Teams    int `json:"teams"`
	// RequiredItems counts each learner's required modules: one learner
	// with two required modules is two items. The four statuses below
	// add up to it.
	RequiredItems int `json:"required_items"`
	Compliant     int `json:"compliant"`
	DueSoon       int `json:"due_soon"`
	Overdue       int `json:"overdue"`
	NotStarted    int `json:"not_started"`
	// CompliantPercent is Compliant as a whole percentage of
	// RequiredItems (rounded down, so 99.6% is not shown as 100%); 0
	// when nothing is required.
	CompliantPercent int `json:"compliant_percent"`
	// QuestionsAnalysed and QuestionsFlagged count the question analysis.
	QuestionsAnalysed int `json:"questions_analysed"`
	QuestionsFlagged  int `json:"questions_flagged"`
}

// ModuleCompliance is one team's standing on one required module.
type ModuleCompliance struct {
	Team        string `json:"team"`
	Pack        string `json:"pack"`
	Module      string `json:"module"`
	ModuleTitle string `json:"module_title"`
	// Learners is how many of the team's learners it applies to.
	Learners   int   `json:"learners"`
	Compliant  Group `json:"compliant"`
	DueSoon    Group `json:"due_soon"`
	Overdue    Group `json:"overdue"`
	NotStarted Group `json:"not_started"`
}

// Group is a count and the learners behind it, by name.
type Group struct {
	Count    int      `json:"count"`
	Learners []string `json:"learners"`
}

func (g *Group) add(name string) {
	g.Count++
	g.Learners = append(g.Learners, name)
}

// LearnerDetail is one learner and their required modules.
type LearnerDetail struct {
	Name  string       `json:"name"`
	Team  string       `json:"team"`
	Role  string       `json:"role"`
	Items []ItemDetail `json:"items"`
}

// ItemDetail is one learner's standing on one required module. Dates are
// YYYY-MM-DD in the learner's day; empty when there is none.
type ItemDetail struct {
	Pack        string `json:"pack"`
	Module      string `json:"module"`
	ModuleTitle string `json:"module_title"`
	// Status is compliant, due_soon, overdue or not_started.
	Status     string `json:"status"`
	Due        string `json:"due"`
	Completed  string `json:"completed"`
	ValidUntil string `json:"valid_until"`
	// BestScore is the best quiz percentage over the module's lessons;
	// nil when no quiz was taken.
	BestScore *int `json:"best_score"`
	Attempts  int  `json:"attempts"`
}

// Statuses are the ids of ItemDetail.Status, from the best to the worst.
var Statuses = []string{"compliant", "due_soon", "not_started", "overdue"}

// Build reads the store behind cat and makes the report opts ask for.
func Build(cat *catalog.Catalog, opts Options) (*Report, error) {
	now := time.Now()
	if opts.AsOf.IsZero() {
		opts.AsOf = now
	}
	if opts.Generated.IsZero() {
		opts.Generated = now
	}
	all, err := cat.Store().Profiles()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	profiles := Select(all, opts.Team, opts.Role)
	r := &Report{Format: FormatName, Version: FormatVersion, Generated: opts.Generated.UTC().Truncate(time.Second),
		AsOf: opts.AsOf.Format(time.DateOnly), Team: strings.TrimSpace(opts.Team), Role: strings.TrimSpace(opts.Role),
		Compliance: []ModuleCompliance{}, Learners: []LearnerDetail{}, asOf: opts.AsOf}
	// The two parts read the file in their own read transactions, at the
	// same time: on two cores the report takes the longer of the two.
	r.Questions = []QuestionStat{}
	var questionsErr error
	var wg sync.WaitGroup
	if !opts.NoQuestions {
		wg.Go(func() { r.Questions, questionsErr = AnalyseQuestions(cat, profiles) })
	}
	complianceErr := addCompliance(r, cat, profiles, opts.AsOf)
	wg.Wait()
	if err := cmp.Or(complianceErr, questionsErr); err != nil {
		return nil, err
	}
	r.summarise(profiles)
	return r, nil
}

// Select keeps the profiles of team and role (each in any case; empty
// keeps all), sorted by team then name.
func Select(all []progress.Profile, team, role string) []progress.Profile {
	team, role = strings.TrimSpace(team), strings.TrimSpace(role)
	var out []progress.Profile
	for _, p := range all {
		if (team == "" || strings.EqualFold(p.Team, team)) && (role == "" || strings.EqualFold(p.Role, role)) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b progress.Profile) int {
		if c := strings.Compare(a.Team, b.Team); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// summarise fills the summary from the report's parts.
func (r *Report) summarise(profiles []progress.Profile) {
	s := Summary{Learners: len(profiles), QuestionsAnalysed: len(r.Questions)}
	teams := map[string]bool{}
	for _, p := range profiles {
		teams[p.Team] = true
	}
	s.Teams = len(teams)
	for _, l := range r.Learners {
		for _, it := range l.Items {
			s.RequiredItems++
			switch it.Status {
			case "compliant":
				s.Compliant++
			case "due_soon":
				s.DueSoon++
			case "overdue":
				s.Overdue++
			default:
				s.NotStarted++
			}
		}
	}
	if s.RequiredItems > 0 {
		s.CompliantPercent = s.Compliant * 100 / s.RequiredItems
	}
	for _, q := range r.Questions {
		if len(q.Flags) > 0 {
			s.QuestionsFlagged++
		}
	}
	r.Summary = s
}

// TeamName is how a team is shown: its name, or "No team".
func TeamName(team string) string {
	if team == "" {
		return "No team"
	}
	return team
}
