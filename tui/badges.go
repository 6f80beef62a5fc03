package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/marks"
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
	var earned, locked strings.Builder
	nEarned := 0
	for _, b := range c.pack.Badges {
		if at, ok := c.learner.Earned(b.ID); ok {
			nEarned++
			earned.WriteString(s.Badge.Render(marks.Earned+" "+b.Title) + s.Muted.Render(" · earned "+at.Format("2 January 2006")) + "\n")
			earned.WriteString(indent(b.Description, 2, width) + "\n")
			continue
		}
		locked.WriteString(s.Locked.Render(marks.Locked+" "+b.Title) + s.Muted.Render(" · locked") + "\n")
		locked.WriteString(indent(b.Description+" "+s.Muted.Render("To earn it: "+learner.Requirement(c.pack, b.Rule)+"."), 2, width) + "\n")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render("Badges") + "\n")
	b.WriteString(s.Muted.Render(fmt.Sprintf("%d of %d earned", nEarned, len(c.pack.Badges))) + "\n\n")
	if nEarned > 0 {
		b.WriteString(s.Subtitle.Render("Earned") + "\n" + earned.String() + "\n")
	}
	if nEarned < len(c.pack.Badges) {
		b.WriteString(s.Subtitle.Render("Still to earn") + "\n" + locked.String())
	}
	return b.String()
}

// view draws the badges.
func (m badgesModel) view() string { return m.vp.View() }
