package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/lessons"
)

// badgesModel lists the badges earned, with their dates, and the badges
// still locked, with what earns them.
type badgesModel struct {
	plainScreen
	c  *common
	vp viewport.Model
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

// update handles scrolling and going back.
func (m badgesModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok && key.Matches(msg, k.Back, k.Open) {
		return m, send(backMsg{})
	}
	return m, nil
}

func (m badgesModel) keys() helpKeys {
	k := m.c.keys
	return helpKeys{
		short: []key.Binding{k.Scroll, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Back}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

func (m badgesModel) content() string {
	c, s := m.c, m.c.styles
	width := c.bodyWidth()
	pathBadges, others := c.learner.PathBadges()
	var earned, locked strings.Builder
	nEarned := 0
	for _, b := range pathBadges {
		if at, ok := c.learner.Earned(b.ID); ok {
			nEarned++
			earned.WriteString(m.earnedView(b, at) + "\n")
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
				b.WriteString(m.earnedView(o, at) + "\n")
			} else {
				b.WriteString(m.lockedView(o) + "\n")
			}
		}
	}
	return b.String()
}

// earnedView is an earned badge: its title, when, and what it is for.
func (m badgesModel) earnedView(b lessons.Badge, at time.Time) string {
	s, width := m.c.styles, m.c.bodyWidth()
	return s.Badge.Render(marks.Earned+" "+b.Title) + s.Muted.Render(" · earned "+at.Format("2 January 2006")) + "\n" +
		indent(b.Description, 2, width)
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
