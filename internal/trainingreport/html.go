package trainingreport

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"

	"github.com/upskill-council/upskill/internal/plural"

	_ "embed"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"team":    TeamName,
	"status":  StatusWords,
	"flags":   FlagWords,
	"score":   scoreWords,
	"disc":    discriminationWords,
	"dash":    dash,
	"orID":    orID,
	"hasItem": hasItems,
	"plural":  plural.Form,
}).Parse(htmlSource))

// maxChartQuestions is how many flagged questions the question chart
// shows, the hardest first; the table lists them all.
const maxChartQuestions = 25

// htmlPage is what the HTML template reads.
type htmlPage struct {
	*Report
	Scope         string
	TeamChart     template.HTML
	QuestionChart template.HTML
	ChartedFlags  int
	Flagged       []QuestionStat
	Actions       []ModuleCompliance // rows with someone overdue, due soon or not started
}

// WriteHTML writes the report as one self-contained HTML page: no script,
// nothing fetched, styles inline, charts as inline SVG. It prints on A4,
// reflows down to 320 CSS pixels (400% zoom), and puts every figure of
// the charts in tables with headers.
func WriteHTML(w io.Writer, r *Report) error {
	p := htmlPage{Report: r, Scope: scopeWords(r)}
	if teams := teamShares(r); len(teams) > 0 {
		p.TeamChart = barChart("team-chart", "Required training done and in date, by team",
			fmt.Sprintf("Horizontal bars, one per team, from 0 to 100%%: the share of the team's required modules that are done and in date. %d teams; the table below gives every figure.", len(teams)), teams)
	}
	for _, q := range r.Questions {
		if len(q.Flags) > 0 {
			p.Flagged = append(p.Flagged, q)
		}
	}
	if len(p.Flagged) > 0 {
		charted := slices.Clone(p.Flagged)
		slices.SortStableFunc(charted, func(a, b QuestionStat) int { return cmp.Compare(a.Facility, b.Facility) })
		charted = charted[:min(len(charted), maxChartQuestions)]
		bars := make([]bar, len(charted))
		for i, q := range charted {
			bars[i] = bar{Label: orID(q.LessonTitle, q.Lesson) + " " + q.Question, Value: q.Facility}
		}
		p.ChartedFlags = len(bars)
		p.QuestionChart = barChart("question-chart", "Facility of the questions flagged for rewriting",
			fmt.Sprintf("Horizontal bars, one per flagged question, hardest first, from 0 to 100%%: the mean mark of learners' first attempts. %d of %d flagged questions shown; the table below gives every figure.", len(bars), len(p.Flagged)), bars)
	}
	for _, c := range r.Compliance {
		if c.Overdue.Count+c.DueSoon.Count+c.NotStarted.Count > 0 {
			p.Actions = append(p.Actions, c)
		}
	}
	if err := htmlTemplate.Execute(w, p); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

// teamShares is each team's share of required modules done and in date,
// in the report's team order.
func teamShares(r *Report) []bar {
	var out []bar
	index := map[string]int{}
	type tally struct{ done, all int }
	var tallies []tally
	for _, c := range r.Compliance {
		i, ok := index[c.Team]
		if !ok {
			i = len(out)
			index[c.Team] = i
			out = append(out, bar{Label: TeamName(c.Team)})
			tallies = append(tallies, tally{})
		}
		tallies[i].done += c.Compliant.Count
		tallies[i].all += c.Learners
	}
	for i, t := range tallies {
		if t.all > 0 {
			out[i].Value = t.done * 100 / t.all
		}
	}
	return out
}
