package tui

import (
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/progress"
)

// teamMember is a learner of teamFile.
type teamMember struct {
	name, role, team string
	access           progress.Access
	daysAgo          int  // when they joined
	safeDone         bool // Staying safe completed 60 days ago
}

// teamMembers are the learners of teamFile. On the test clock, Housing
// (Mo, Alex, Sam, Priya, Lee) has six required modules: Priya's done
// and in date; Sam's and Lee's Staying safe due within 30 days; Mo's and
// Alex's overdue; Sam's Information rights (graduates only) not started.
// Elin in Waste is overdue; Tess the trainer and Ann the admin have no
// team and joined long ago: overdue too.
var teamMembers = []teamMember{
	{"Mo Khan", "staff", "Housing", progress.AccessManager, 100, false},
	{"Alex Jones", "staff", "Housing", progress.AccessLearner, 400, false},
	{"Sam Patel", "graduate", "Housing", progress.AccessLearner, 10, false},
	{"Priya Shah", "staff", "Housing", progress.AccessLearner, 400, true},
	{"Lee Evans", "staff", "housing", progress.AccessLearner, 5, false},
	{"Elin Hughes", "staff", "Waste", progress.AccessLearner, 400, false},
	{"Tess Trainer", "staff", "", progress.AccessTrainer, 400, false},
	{"Ann Admin", "staff", "", progress.AccessAdmin, 400, false},
	{"Nia Manager", "staff", "", progress.AccessManager, 400, false},
}

// teamFile is a progress file of teamMembers.
func teamFile(t testing.TB) *progress.Store {
	t.Helper()
	store := openStore(t)
	for _, m := range teamMembers {
		p, err := store.CreateProfile(m.name, m.role, testNow.AddDate(0, 0, -m.daysAgo))
		if err != nil {
			t.Fatal(err)
		}
		if err := store.SetAccess(p.ID, m.access); err != nil {
			t.Fatal(err)
		}
		if m.team != "" {
			if err := store.SetTeam(p.ID, m.team); err != nil {
				t.Fatal(err)
			}
		}
		if m.safeDone {
			for _, l := range []string{"passwords", "scams"} {
				if err := store.CompleteLesson(p.ID, progress.LessonKey{Pack: "test-pack", Lesson: l}, testNow.AddDate(0, 0, -60)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return store
}

// teamHarness starts the UI on teamFile as name, writing reports to a
// new temporary folder.
func teamHarness(t *testing.T, w, h int, name string) *harness {
	t.Helper()
	hs := newHarness(t, w, h, teamFile(t), name)
	hs.m.c.reportDir = t.TempDir()
	return hs
}

// TestTeamKeyOnlyForManagersTrainersAdmins: home offers the Team key,
// on its help line and in the help overlay, to managers, trainers and
// admins only; for a learner the key is not advertised and does nothing.
func TestTeamKeyOnlyForManagersTrainersAdmins(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sees  bool
		title string
	}{
		{"Mo Khan", true, "Team: Housing"},
		{"Tess Trainer", true, "All teams"},
		{"Ann Admin", true, "All teams"},
		{"Alex Jones", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := teamHarness(t, 100, 30, tc.name)
			footer := lastLine(h.screen())
			if got := strings.Contains(footer, "t team"); got != tc.sees {
				t.Errorf("help line %q: shows the team key %v, want %v", footer, got, tc.sees)
			}
			h.keys("?")
			if got := strings.Contains(h.screen(), "team"); got != tc.sees {
				t.Errorf("help overlay shows the team key %v, want %v:\n%s", got, tc.sees, h.screen())
			}
			h.keys("esc", "t")
			if !tc.sees {
				if h.active() != homeScreen {
					t.Fatalf("t took a learner to %s", h.active())
				}
				h.send(showTeamMsg{}) // nor does the message, from anywhere
				if h.active() != homeScreen {
					t.Fatalf("showTeamMsg took a learner to %s", h.active())
				}
				return
			}
			if h.active() != teamScreen {
				t.Fatalf("t took %s to %s", tc.name, h.active())
			}
			h.requireScreen(tc.title, "Required training", "Overdue (")
			h.keys("esc")
			if h.active() != homeScreen {
				t.Errorf("esc from the Team screen went to %s", h.active())
			}
		})
	}
}

// lastLine is the frame's last line: the help line.
func lastLine(frame string) string {
	lines := strings.Split(frame, "\n")
	return lines[len(lines)-1]
}

// TestTeamScreenFigures: a manager sees their own team's figures (in any
// case of its name) and names, and no one else's; a trainer sees every
// learner, and steps through the teams with → and ←.
func TestTeamScreenFigures(t *testing.T) {
	h := teamHarness(t, 100, 60, "Mo Khan")
	h.keys("t")
	team := onTop[teamModel](h)
	d := team.data
	if d.team != "Housing" || !d.fixed || d.learners != 5 || d.items != 6 {
		t.Fatalf("manager's data: team %q fixed %v, %d learners, %d items; want Housing, fixed, 5, 6", d.team, d.fixed, d.learners, d.items)
	}
	want := map[compliance.Status]int{compliance.Compliant: 1, compliance.DueSoon: 2, compliance.Overdue: 2, compliance.NotStarted: 1}
	for st, n := range want {
		if d.counts[st] != n {
			t.Errorf("%s: %d, want %d", st, d.counts[st], n)
		}
	}
	h.requireScreen("Team: Housing", "5 learners", "Done and in date", "16% (1 of 6 required modules)",
		"Overdue (2)", "Alex Jones · Staying safe · Overdue since", "Mo Khan · Staying safe · Overdue since 18 September 2026",
		"Due within 30 days (2)", "Lee Evans · Staying safe · Due by 21 December 2026, in 25 days",
		"Sam Patel · Staying safe · Due by 16 December 2026, in 20 days")
	screen := h.screen()
	if strings.Contains(screen, "Elin") || strings.Contains(screen, "Tess") || strings.Contains(screen, "another team") {
		t.Errorf("a manager sees beyond their team:\n%s", screen)
	}
	if strings.Index(screen, "✗ Alex Jones") > strings.Index(screen, "✗ Mo Khan") {
		t.Errorf("the longest overdue is not first:\n%s", screen)
	}
	h.keys("right", "left")
	if got := onTop[teamModel](h).data.team; got != "Housing" {
		t.Errorf("← → moved a manager to %q", got)
	}

	h = teamHarness(t, 100, 60, "Tess Trainer")
	h.keys("t")
	if d := onTop[teamModel](h).data; d.team != "" || d.learners != len(teamMembers) || !slices.Equal(d.teams, []string{"Housing", "Waste"}) {
		t.Fatalf("trainer's data: team %q, %d learners, teams %q", d.team, d.learners, d.teams)
	}
	h.requireScreen("All teams", "Elin Hughes", "another team (1 of 3 views)")
	h.keys("right")
	h.requireScreen("Team: Housing", "5 learners")
	h.keys("right")
	h.requireScreen("Team: Waste", "1 learner", "Elin Hughes")
	if strings.Contains(h.screen(), "Alex") {
		t.Errorf("Waste shows Housing's learners:\n%s", h.screen())
	}
	h.keys("right")
	h.requireScreen("All teams")
	h.keys("left")
	h.requireScreen("Team: Waste")
}

// TestTeamScreenStaleLoadDropped: figures read for a team the learner
// has since moved on from are not shown as the new team's.
func TestTeamScreenStaleLoadDropped(t *testing.T) {
	h := teamHarness(t, 100, 40, "Tess Trainer")
	h.keys("t")
	stale := h.m.c.teamLoadCmd("Waste")() // read, then the learner moved on
	h.keys("right")                       // now on Housing
	h.send(stale)
	if d := onTop[teamModel](h).data; d.team != "Housing" {
		t.Errorf("a stale load for Waste replaced Housing: now %q", d.team)
	}
}

// TestTeamScreenManagerWithoutTeam: a manager with no team is told to
// ask an admin, and sees no one; the report key writes nothing.
func TestTeamScreenManagerWithoutTeam(t *testing.T) {
	h := teamHarness(t, 80, 24, "Nia Manager")
	h.keys("t")
	h.requireScreen("Your team", "you have no team yet; ask an admin to set it")
	if strings.Contains(h.screen(), "Alex") || strings.Contains(h.screen(), "Learners") {
		t.Errorf("a manager with no team sees figures:\n%s", h.screen())
	}
	h.keys("w")
	if files, _ := os.ReadDir(h.m.c.reportDir); len(files) != 0 {
		t.Errorf("the report key wrote %v", files)
	}
}

// TestTeamReportWritesFile: the report key writes the team's HTML report
// readable by its owner alone, with the team's figures and no one else's,
// says the file's absolute path, and never replaces a file: the next is
// -2, -3...
func TestTeamReportWritesFile(t *testing.T) {
	h := teamHarness(t, 80, 24, "Mo Khan")
	dir := h.m.c.reportDir
	first := filepath.Join(dir, "upskill-team-report-2026-11-26.html")
	if err := os.WriteFile(first, []byte("someone's own file"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.keys("t", "w")
	second := filepath.Join(dir, "upskill-team-report-2026-11-26-2.html")
	h.requireScreen("Report written to")
	if !strings.Contains(strings.Join(strings.Fields(h.screen()), ""), strings.Join(strings.Fields(second), "")) {
		t.Errorf("the screen does not name %s:\n%s", second, h.screen())
	}
	if got, _ := os.ReadFile(first); string(got) != "someone's own file" {
		t.Errorf("the existing file was replaced: %.60q", got)
	}
	info, err := os.Stat(second)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", info.Mode().Perm())
	}
	page, _ := os.ReadFile(second)
	html := string(page)
	for _, want := range []string{"<!DOCTYPE html>", "Housing", "Alex Jones", "Priya Shah", "Lee Evans", "16%"} {
		if !strings.Contains(html, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for _, other := range []string{"Elin Hughes", "Tess Trainer", "Waste"} {
		if strings.Contains(html, other) {
			t.Errorf("a manager's report names %q", other)
		}
	}
	h.keys("w")
	if _, err := os.Stat(filepath.Join(dir, "upskill-team-report-2026-11-26-3.html")); err != nil {
		t.Errorf("a second report: %v", err)
	}
	if got, _ := os.ReadFile(second); string(got) != html {
		t.Errorf("the second report replaced the first")
	}
}

// TestTeamReportOverSSH: when a server runs the UI the report key writes
// nothing on it, and shows the command that saves the report instead.
func TestTeamReportOverSSH(t *testing.T) {
	h := teamHarness(t, 80, 24, "Tess Trainer")
	var asked []string
	h.m.c.reportCommand = func(team string) string {
		asked = append(asked, team)
		return "ssh -p 2222 upskill.example report --team " + team + " --format html > team-report.html"
	}
	h.keys("t", "right", "w")
	h.requireScreen("To save this report on your own computer", "ssh -p 2222 upskill.example report --team Housing")
	if !slices.Equal(asked, []string{"Housing"}) {
		t.Errorf("asked for the command of %q, want Housing", asked)
	}
	if files, _ := os.ReadDir(h.m.c.reportDir); len(files) != 0 {
		t.Errorf("the report key wrote %v on the server", files)
	}
	if footer := lastLine(h.screen()); !strings.Contains(footer, "w how to save the report") {
		t.Errorf("help line %q", footer)
	}
}

// TestTeamAccessTakenAway: a manager demoted while on the Team screen
// sees no more figures and can write no report.
func TestTeamAccessTakenAway(t *testing.T) {
	h := teamHarness(t, 80, 24, "Mo Khan")
	h.keys("t")
	p, err := h.store.ProfileByName("Mo Khan")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetAccess(p.ID, progress.AccessLearner); err != nil {
		t.Fatal(err)
	}
	h.keys("w")
	if files, _ := os.ReadDir(h.m.c.reportDir); len(files) != 0 {
		t.Errorf("a learner's report key wrote %v", files)
	}
	h.requireScreen("for managers, trainers and admins")
}

// TestTeamScreenUsesOnlyTheThemesColours: the Team screen, styled, uses
// its theme's colours alone, in every theme (the goldens strip colour).
func TestTeamScreenUsesOnlyTheThemesColours(t *testing.T) {
	for _, theme := range []struct {
		name  string
		theme Theme
		bg    color.Color
	}{{"dark", ThemeAuto, color.Black}, {"light", ThemeAuto, color.White},
		{"high-contrast dark", ThemeHighContrast, color.Black}, {"high-contrast light", ThemeHighContrast, color.White}} {
		h := teamHarness(t, 80, 24, "Tess Trainer")
		h.m.c.theme = theme.theme
		h.send(tea.BackgroundColorMsg{Color: theme.bg})
		h.keys("t", "w")
		if h.active() != teamScreen {
			t.Fatalf("on %s", h.active())
		}
		allowed := themeColours(h.m.c.styles)
		for _, c := range frameColours(h.m.View().Content) {
			if !allowed[c] {
				t.Errorf("%s: colour %s is not one of the theme's", theme.name, c)
			}
		}
	}
}
