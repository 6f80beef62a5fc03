package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// teamModel is the Team screen, for managers, trainers and admins: a
// team's required training as compliance tiles, then who is overdue and
// who is due within 30 days, and a key to write the HTML report. A
// manager sees their own team; trainers and admins every team, or one
// chosen with ← and →.
type teamModel struct {
	plainScreen
	c  *common
	vp viewport.Model
	// asked is the team last asked for ("" for every team); a load for
	// another is stale and dropped.
	asked string
	// data is what was read, once loaded is set; err is why it could not
	// be.
	data   teamData
	loaded bool
	err    error
	// report is where the report key last wrote, or the command it gave.
	report *teamReportMsg
}

// showTeamMsg asks the root for the Team screen.
type showTeamMsg struct{}

func newTeam(c *common) teamModel {
	return teamModel{c: c, vp: viewport.New()}.layout()
}

// resize lays the screen out again.
func (m teamModel) resize() (screen, tea.Cmd) { return m.layout(), nil }

// crumbs names the screen.
func (m teamModel) crumbs() []string { return []string{"Team"} }

func (m teamModel) layout() teamModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.vp.SetContent(m.content())
	return m
}

// update takes in the data read, scrolls, chooses another team, writes
// the report and goes back.
func (m teamModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	switch msg := msg.(type) {
	case teamLoadedMsg:
		if msg.asked != m.asked {
			return m, nil // the learner has moved on to another team
		}
		m.data, m.err, m.loaded = msg.data, msg.err, true
		return m.layout(), nil
	case teamReportMsg:
		m.report = &msg
		m = m.layout()
		m.vp.GotoTop()
		return m, nil
	}
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	press, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(press, k.Back, k.Team):
		return m, send(backMsg{})
	case key.Matches(press, k.Report) && m.ready():
		return m, m.c.reportCmd(m.data.team)
	case key.Matches(press, k.Left) && m.choosable():
		return m.choose(-1)
	case key.Matches(press, k.Right) && m.choosable():
		return m.choose(1)
	}
	return m, nil
}

// ready reports whether figures are on view: the report key works then.
func (m teamModel) ready() bool { return m.loaded && m.err == nil }

// choosable reports whether the learner may choose another team: a
// trainer or admin, once the teams are known.
func (m teamModel) choosable() bool { return m.ready() && !m.data.fixed && len(m.data.teams) > 0 }

// choices are the views a trainer or admin steps through: every team,
// then each team.
func (m teamModel) choices() []string { return append([]string{""}, m.data.teams...) }

// choose asks for the team by steps along the choices, round the ends.
func (m teamModel) choose(by int) (screen, tea.Cmd) {
	choices := m.choices()
	at := 0
	for i, t := range choices {
		if strings.EqualFold(t, m.data.team) {
			at = i
		}
	}
	m.asked = choices[(at+by+len(choices))%len(choices)]
	m.loaded, m.report = false, nil
	return m.layout(), m.c.teamLoadCmd(m.asked)
}

func (m teamModel) keys() helpKeys {
	k := m.c.keys
	back := relabel(k.Back, "home")
	report := relabel(k.Report, "write report")
	if m.c.reportCommand != nil {
		report = relabel(k.Report, "how to save the report")
	}
	own := []key.Binding{back}
	full := [][]key.Binding{{back, k.Up, k.Down, k.PageUp, k.PageDown}, nil, {k.Help, k.Quit, k.ForceQuit}}
	if m.ready() {
		own, full[1] = append(own, report), []key.Binding{report}
	}
	if m.choosable() {
		other := withHelp(k.Left, spoken(k.Left)+"/"+spoken(k.Right), "another team")
		own = append(own, other)
		full[1] = append(full[1], relabel(k.Left, "previous team"), relabel(k.Right, "next team"))
	}
	return helpKeys{short: append(own, k.Scroll, k.Help, k.Quit), full: full}
}

// title says whose figures these are: "Team: Housing" or "All teams";
// "Your team" for a manager with none.
func (m teamModel) title() string {
	team := m.asked
	switch p := m.c.learner.Profile; {
	case m.ready():
		team = m.data.team
	case p.Access == progress.AccessManager:
		team = p.Team
		if team == "" {
			return "Your team"
		}
	}
	if team == "" {
		return "All teams"
	}
	return "Team: " + termsafe.Line(team)
}

func (m teamModel) content() string {
	c, s := m.c, m.c.styles
	width := c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Title.Render(truncate(m.title(), width)) + "\n")
	switch {
	case !m.loaded:
		b.WriteString(s.Muted.Render("Reading the team's training…"))
		return b.String()
	case m.err != nil:
		b.WriteString(wrap(s.Error.Render(marks.Wrong+" "+termsafe.Line(m.err.Error())), width))
		return b.String()
	}
	d := m.data
	about := fmt.Sprintf("As of %s · %s", d.asOf.Format(compliance.DateLayout), plural(d.learners, "learner", "learners"))
	b.WriteString(wrap(s.Muted.Render(about), width) + "\n")
	if m.choosable() {
		at := 0
		for i, t := range m.choices() {
			if strings.EqualFold(t, d.team) {
				at = i
			}
		}
		b.WriteString(wrap(s.Muted.Render(fmt.Sprintf("%s %s another team (%d of %d views)", spoken(c.keys.Left), spoken(c.keys.Right), at+1, len(m.choices()))), width) + "\n")
	}
	if note := m.reportNote(); note != "" {
		b.WriteString("\n" + note + "\n")
	}
	b.WriteString("\n" + m.tiles() + "\n\n")
	b.WriteString(m.rows("Overdue", d.overdue, s.Wrong.Render(marks.Wrong), "No one is overdue.") + "\n\n")
	b.WriteString(m.rows("Due within 30 days", d.dueSoon, s.Badge.Render(marks.InProgress), "No one is due within 30 days."))
	return b.String()
}

// tiles are the team's figures, each a number and its words with a mark
// that is a shape, never colour alone.
func (m teamModel) tiles() string {
	c, s, d := m.c, m.c.styles, m.data
	width := c.bodyWidth()
	const labelWidth = 22
	line := func(mark, label, figure string) string {
		return truncate(mark+" "+s.Muted.Render(pad(label, labelWidth))+figure, width)
	}
	modules := func(n int) string { return plural(n, "required module", "required modules") }
	lines := []string{
		s.Subtitle.Render("Required training"),
		line(" ", "Learners", fmt.Sprint(d.learners)),
		line(s.Correct.Render(marks.Done), "Done and in date", fmt.Sprintf("%d%% (%d of %s)", d.compliantPercent(), d.counts[compliance.Compliant], modules(d.items))),
		line(s.Badge.Render(marks.InProgress), "Due within 30 days", fmt.Sprint(d.counts[compliance.DueSoon])),
		line(s.Wrong.Render(marks.Wrong), "Overdue", fmt.Sprint(d.counts[compliance.Overdue])),
		line(s.Muted.Render(marks.NotStarted), "Not started", fmt.Sprint(d.counts[compliance.NotStarted])),
	}
	if d.items == 0 {
		lines = append(lines, wrap(s.Muted.Render("No required modules apply to these learners."), width))
	}
	return strings.Join(lines, "\n")
}

// rows lists the learners' modules in one state under a heading with
// their count: who (and their team, when every team is shown), which
// module, and the standing in words.
func (m teamModel) rows(heading string, rows []teamRow, mark, none string) string {
	s, width := m.c.styles, m.c.bodyWidth()
	lines := []string{s.Subtitle.Render(fmt.Sprintf("%s (%d)", heading, len(rows)))}
	if len(rows) == 0 {
		return strings.Join(append(lines, s.Muted.Render(none)), "\n")
	}
	for _, r := range rows {
		who := r.learner
		if m.data.team == "" {
			who += " (" + r.team + ")" // every team: say whose
		}
		text := wrap(who+" · "+r.module+" · "+r.words, width-2)
		for i, l := range strings.Split(text, "\n") {
			if i == 0 {
				lines = append(lines, mark+" "+l)
			} else {
				lines = append(lines, "  "+l)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// reportNote says where the report key wrote, or what to run to save the
// report; nothing before the key is pressed.
func (m teamModel) reportNote() string {
	s, width := m.c.styles, m.c.bodyWidth()
	switch {
	case m.report == nil:
		return ""
	case m.report.command != "":
		return wrap(s.Text.Render("To save this report on your own computer, run this there:"), width) + "\n" +
			wrap(s.Subtitle.Render(termsafe.Line(m.report.command)), width) + "\n" +
			wrap(s.Muted.Render("It names people: keep the file to yourself and delete it when done."), width)
	}
	return wrap(s.Correct.Render(marks.Done+" Report written to "+termsafe.Line(m.report.path)), width) + "\n" +
		wrap(s.Muted.Render("Only you can read it. It names people: delete it when done."), width)
}

// view draws the screen.
func (m teamModel) view() string { return viewportView(m.c.styles, m.vp) }
