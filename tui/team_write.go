package tui

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/trainingreport"
	"github.com/upskill-council/upskill/progress"
)

// teamReportMsg says where the Team screen's report key wrote the HTML
// report (locally), or what to run to save it (over SSH).
type teamReportMsg struct {
	// path is the absolute path of the file written; empty over SSH.
	path string
	// command is the command that saves the report on the learner's own
	// computer; empty when the file was written here.
	command string
}

// reportCmd writes team's HTML report ("" for every team), as `upskill
// report --format html --team T` writes it, to a new file in the report
// folder; or, when a server runs the UI, says the command that saves it
// on the learner's own computer instead.
func (c *common) reportCmd(team string) tea.Cmd {
	if c.reportCommand != nil {
		return send(teamReportMsg{command: c.reportCommand(team)})
	}
	store, cat, id, dir, now := c.store, c.catalog, c.profileID(), c.reportDir, c.now()
	return func() tea.Msg {
		path, err := writeTeamReport(store, cat, id, team, dir, now)
		if err != nil {
			return errMsg{err}
		}
		return teamReportMsg{path: path}
	}
}

// writeTeamReport checks the viewer may see team, builds its report and
// writes it as HTML to a new file in dir; it returns the file's absolute
// path. It reads the store: call it only from a command.
func writeTeamReport(store *progress.Store, cat *catalog.Catalog, viewer uint64, team, dir string, now time.Time) (string, error) {
	me, err := store.Profile(viewer)
	if err != nil {
		return "", fmt.Errorf("team report: %w", err)
	}
	scope, err := scopeFor(me)
	if err != nil {
		return "", fmt.Errorf("team report: %w", err)
	}
	if scope.fixed() {
		team = scope.own
	}
	r, err := trainingreport.Build(cat, trainingreport.Options{Team: team, AsOf: now, Generated: now})
	if err != nil {
		return "", fmt.Errorf("team report: %w", err)
	}
	f, err := createReportFile(dir, now)
	if err != nil {
		return "", err
	}
	if err := trainingreport.WriteHTML(f, r); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("team report: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("team report: %w", err)
	}
	return f.Name(), nil
}

// maxReportFiles is how many reports of one day a folder may hold
// before writing another gives up.
const maxReportFiles = 1000

// createReportFile makes a new file in dir ("" for the current folder),
// readable by its owner alone: upskill-team-report-2026-12-03.html, or
// -2, -3... when that exists. It never replaces a file. Its name is
// absolute.
func createReportFile(dir string, now time.Time) (*os.File, error) {
	dir, err := filepath.Abs(cmp.Or(dir, "."))
	if err != nil {
		return nil, fmt.Errorf("team report: %w", err)
	}
	base := "upskill-team-report-" + now.Format(time.DateOnly)
	for n := 1; n <= maxReportFiles; n++ {
		name := base + ".html"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.html", base, n)
		}
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, trainingreport.FileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("team report: %w", err)
		}
		return f, nil
	}
	return nil, fmt.Errorf("team report: %s already holds %d reports named %s*.html; move some away", dir, maxReportFiles, base)
}
