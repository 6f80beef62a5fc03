package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// pickerModel asks who is learning when several people share a computer.
type pickerModel struct {
	plainScreen
	c        *common
	profiles []progress.Profile
	cursor   cursor // the last row is "New learner"
}

// newProfileMsg asks the root for the welcome form.
type newProfileMsg struct{}

func newPicker(c *common, profiles []progress.Profile) pickerModel {
	return pickerModel{c: c, profiles: profiles, cursor: cursor{n: len(profiles) + 1}}
}

// update handles choosing a profile.
func (m pickerModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if m.cursor.update(msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.NewUser):
			return m, send(newProfileMsg{})
		case key.Matches(msg, k.Back) && m.c.learner != nil:
			return m, send(backMsg{})
		case key.Matches(msg, k.Open):
			if m.cursor.index == len(m.profiles) {
				return m, send(newProfileMsg{})
			}
			return m, send(profileChosenMsg{profile: m.profiles[m.cursor.index]})
		}
	}
	return m, nil
}

func (m pickerModel) keys() helpKeys {
	k := m.c.keys
	choose := relabel(k.Open, "choose")
	short := []key.Binding{k.Move, choose, k.NewUser}
	if m.c.learner != nil {
		short = append(short, k.Back)
	}
	return helpKeys{
		short: append(short, k.Help, k.Quit),
		full:  [][]key.Binding{{k.Up, k.Down}, short[1:], {k.Help, k.Quit, k.ForceQuit}},
	}
}

// resize has nothing to lay out.
func (m pickerModel) resize() (screen, tea.Cmd) { return m, nil }

// crumbs is empty: no learner is chosen yet.
func (m pickerModel) crumbs() []string { return nil }

// showsLearner is false: the header does not name whoever used Upskill
// before, while someone is choosing or creating a learner.
func (m pickerModel) showsLearner() bool { return false }

// reopen keeps the picker: it shows no pack.
func (m pickerModel) reopen() reopenTo { return reopenTo{keep: true} }

// view lists the profiles.
func (m pickerModel) view() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Title.Render("Who is learning?") + "\n")
	b.WriteString(wrap(s.Muted.Render("Choose your name. Each person's progress is kept separately."), width) + "\n\n")
	nameWidth := max(width-24, 12)
	var lines []string
	for i, p := range m.profiles {
		line := pad(p.Name, nameWidth) + "  " + s.Muted.Render(lessons.Audience(p.Role).Label())
		lines = append(lines, row(s, i == m.cursor.index, line, width))
	}
	lines = append(lines, row(s, m.cursor.index == len(m.profiles), "+ New learner", width))
	head := strings.Count(b.String(), "\n")
	b.WriteString(windowLines(s, lines, m.cursor.index, m.cursor.index, max(m.c.bodyHeight()-head, 3)))
	return b.String()
}
