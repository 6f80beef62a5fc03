package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"

	"github.com/upskill-council/upskill/internal/badge"
	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// badgesModel lists the badges earned, with their dates, and the badges
// still locked, with what earns them. One earned badge is chosen (tab
// moves on), and x exports it as a signed Open Badges credential.
type badgesModel struct {
	plainScreen
	c   *common
	vp  viewport.Model
	sel int // the chosen earned badge, an index into earned()
}

func newBadges(c *common) badgesModel {
	return badgesModel{c: c, vp: viewport.New()}.layout()
}

// resize lays the badges out again.
func (m badgesModel) resize() (screen, tea.Cmd) { return m.layout(), nil }

// crumbs names the screen.
func (m badgesModel) crumbs() []string { return []string{"Badges"} }

// reopen rebuilds the badges from a changed pack.
func (m badgesModel) reopen() reopenTo { return reopenTo{screen: newBadges(m.c)} }

func (m badgesModel) layout() badgesModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.vp.SetContent(m.content())
	return m
}

// update handles scrolling, choosing and exporting a badge, and going back.
func (m badgesModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	press, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	earned := m.earned()
	switch {
	case key.Matches(press, k.Back, k.Open):
		return m, send(backMsg{})
	case key.Matches(press, k.Next) && len(earned) > 1:
		m.sel = (m.sel + 1) % len(earned)
		m.vp.SetContent(m.content())
		return m, nil
	case key.Matches(press, k.Export) && len(earned) > 0:
		return m, m.export(earned[m.sel])
	}
	return m, nil
}

func (m badgesModel) keys() helpKeys {
	k := m.c.keys
	short := []key.Binding{k.Scroll}
	var act []key.Binding
	if n := len(m.earned()); n > 0 {
		if n > 1 {
			act = append(act, relabel(k.Next, "next badge"))
		}
		act = append(act, relabel(k.Export, "export this badge"))
	}
	short = append(append(short, act...), k.Back, k.Help, k.Quit)
	return helpKeys{
		short: short,
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, append(act, k.Back), {k.Help, k.Quit, k.ForceQuit}},
	}
}

// earned lists the learner's earned badges in the order the screen shows
// them: those on their path, then the others.
func (m badgesModel) earned() []lessons.Badge {
	onPath, others := m.c.learner.PathBadges()
	var out []lessons.Badge
	for _, b := range append(append([]lessons.Badge{}, onPath...), others...) {
		if _, ok := m.c.learner.Earned(b.ID); ok {
			out = append(out, b)
		}
	}
	return out
}

func (m badgesModel) content() string {
	c, s := m.c, m.c.styles
	width := c.bodyWidth()
	pathBadges, others := c.learner.PathBadges()
	earnedList := m.earned()
	chosen := ""
	if len(earnedList) > 0 {
		chosen = earnedList[m.sel].ID
	}
	var earned, locked strings.Builder
	nEarned := 0
	for _, b := range pathBadges {
		if at, ok := c.learner.Earned(b.ID); ok {
			nEarned++
			earned.WriteString(m.earnedView(b, at, b.ID == chosen) + "\n")
			continue
		}
		locked.WriteString(m.lockedView(b) + "\n")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render("Badges") + "\n")
	b.WriteString(s.Muted.Render(fmt.Sprintf("%d of %s on your path earned", nEarned, plural(len(pathBadges), "badge", "badges"))) + "\n\n")
	if nEarned > 0 {
		b.WriteString(s.Subtitle.Render("Earned") + "\n" + earned.String() + "\n")
	}
	if nEarned < len(pathBadges) {
		b.WriteString(s.Subtitle.Render("Still to earn") + "\n" + locked.String())
	}
	if len(others) > 0 {
		b.WriteString("\n" + s.Subtitle.Render("Other badges in this pack") + "\n")
		b.WriteString(wrap(s.Muted.Render("These are for modules or paths that are not on yours. You can still earn them."), width) + "\n")
		for _, o := range others {
			if at, ok := c.learner.Earned(o.ID); ok {
				b.WriteString(m.earnedView(o, at, o.ID == chosen) + "\n")
			} else {
				b.WriteString(m.lockedView(o) + "\n")
			}
		}
	}
	if len(earnedList) > 0 {
		b.WriteString("\n" + wrap(s.Muted.Render(fmt.Sprintf("Press %s to export the chosen badge (%s) as a signed Open Badges credential for your CV or an employer.",
			spoken(c.keys.Export), marks.Cursor)), width) + "\n")
	}
	return b.String()
}

// earnedView is an earned badge: its title, when, and what it is for;
// the chosen one is marked.
func (m badgesModel) earnedView(b lessons.Badge, at time.Time, chosen bool) string {
	s, width := m.c.styles, m.c.bodyWidth()
	mark := "  "
	if chosen {
		mark = s.Cursor.Render(marks.Cursor) + " "
	}
	return mark + s.Badge.Render(marks.Earned+" "+b.Title) + s.Muted.Render(" · earned "+at.Format("2 January 2006")) + "\n" +
		indent(b.Description, 4, width)
}

// lockedView is a badge still to earn: its title, and what earns it,
// said once.
func (m badgesModel) lockedView(b lessons.Badge) string {
	s, width := m.c.styles, m.c.bodyWidth()
	return s.Locked.Render(marks.Locked+" "+b.Title) + s.Muted.Render(" · locked") + "\n" +
		indent(s.Muted.Render("To earn it: ")+learner.Requirement(m.c.pack, b.Rule)+".", 2, width)
}

// view draws the badges.
func (m badgesModel) view() string { return viewportView(m.c.styles, m.vp) }

// badgeExportDir is where the Badges screen writes credentials: the
// folder "Upskill badges" in the learner's documents. Tests change it.
var badgeExportDir = func() string { return filepath.Join(xdg.UserDirs.Documents, "Upskill badges") }

// export is the command that exports badge b. Over SSH the server cannot
// write on the learner's computer, so it says which ssh command does.
func (m badgesModel) export(b lessons.Badge) tea.Cmd {
	if m.c.sshCommand != nil {
		return send(noticeMsg{fmt.Sprintf("To save this badge on your own computer, run there: %s > %s.json", m.c.sshCommand("badges export "+b.ID), b.ID)})
	}
	if m.c.oneLearner {
		return send(noticeMsg{fmt.Sprintf("To save this badge on your own computer, run there: ssh HOST badges export %s > %s.json (HOST: the address you connect to)", b.ID, b.ID)})
	}
	at, _ := m.c.learner.Earned(b.ID)
	return exportBadgeCmd(m.c.store, m.c.pack, m.c.learner.Profile, b, at, m.c.now(), badgeExportDir())
}

// exportBadgeCmd signs badge b for learner p and writes it, readable by
// them only, into dir; its message says where.
func exportBadgeCmd(store *progress.Store, pack *lessons.Pack, p progress.Profile, b lessons.Badge, at, now time.Time, dir string) tea.Cmd {
	return func() tea.Msg {
		is, err := badgeissuer.Load(badgeissuer.DirFor(store.Path()))
		if errors.Is(err, badgeissuer.ErrNoIssuer) {
			return noticeMsg{"Badges cannot be exported yet: your council has not set up its badge issuer (upskill issuer init)."}
		}
		if err != nil {
			return errMsg{fmt.Errorf("export the badge: %w", err)}
		}
		uid, err := store.LearnerUID(p.ID)
		if err != nil {
			return errMsg{fmt.Errorf("export the badge: %w", err)}
		}
		a := badge.Award{Pack: pack, Badge: b, Earned: at, ValidUntil: badge.ValidUntil(pack, b, p.Role, at), LearnerUID: uid, Name: p.Name}
		data, err := badge.Export(is, a, badge.FormatJSON, now)
		if err != nil {
			return errMsg{fmt.Errorf("export the badge: %w", err)}
		}
		path := filepath.Join(dir, badge.FileName(a, badge.FormatJSON))
		if err := writeOwnerOnly(path, data); err != nil {
			return errMsg{fmt.Errorf("export the badge: %w", err)}
		}
		return noticeMsg{fmt.Sprintf("%s Saved %q to %s (only you can read it).", marks.Done, b.Title, path)}
	}
}

// writeOwnerOnly writes data to path, making its folder, with the file
// readable by its owner only.
func writeOwnerOnly(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
