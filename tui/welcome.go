package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// welcomeModel creates a profile: the learner's name and role.
type welcomeModel struct {
	plainScreen
	c        *common
	name     textinput.Model
	roles    cursor
	focus    int  // 0: name, 1: role
	canLeave bool // other profiles exist, so esc goes back to the picker
	saving   bool
	problem  string
}

// profileChosenMsg says which learner is using Upskill now.
type profileChosenMsg struct{ profile progress.Profile }

// profileProblemMsg reports why a profile could not be created.
type profileProblemMsg struct{ err error }

func newWelcome(c *common, name string, canLeave bool) welcomeModel {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "your name"
	in.CharLimit = 60
	in.SetStyles(c.styles.TextInput)
	in.SetValue(name)
	in.SetWidth(40)
	in.Focus()
	return welcomeModel{c: c, name: in, roles: cursor{n: len(lessons.Audiences)}, canLeave: canLeave}
}

// capturesKeys reports whether typed keys belong to the name box.
func (m welcomeModel) capturesKeys() bool { return m.focus == 0 }

// update handles typing, choosing a role and creating the profile.
func (m welcomeModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	switch msg := msg.(type) {
	case profileProblemMsg:
		m.saving = false
		m.problem = "Could not save your profile: " + msg.err.Error()
		if errors.Is(msg.err, progress.ErrProfileExists) {
			name := strings.Join(strings.Fields(m.name.Value()), " ")
			m.problem = fmt.Sprintf("Someone here is already called %s. Add something that tells you apart, such as your team: for example, %s (Housing).", name, name)
			m.focus = 0
			m.name.Focus()
		}
		return m, nil
	case tea.KeyPressMsg:
		if m.saving {
			return m, nil
		}
		switch {
		case key.Matches(msg, k.Back):
			if m.focus == 1 {
				return m.setFocus(0), nil
			}
			if m.canLeave {
				return m, send(backMsg{})
			}
			return m, nil
		case key.Matches(msg, k.Next):
			return m.setFocus(1 - m.focus), nil
		case key.Matches(msg, k.Accessible):
			return m, send(switchToAccessibleMsg{})
		case key.Matches(msg, k.Open):
			return m.submit()
		}
		if m.focus == 1 {
			switch {
			case key.Matches(msg, k.Up):
				m.roles.up()
			case key.Matches(msg, k.Down):
				m.roles.down()
			}
			return m, nil
		}
	}
	if m.focus == 0 {
		var cmd tea.Cmd
		m.name, cmd = m.name.Update(msg)
		if _, ok := msg.(tea.KeyPressMsg); ok {
			m.problem = ""
		}
		return m, cmd
	}
	return m, nil
}

func (m welcomeModel) setFocus(f int) welcomeModel {
	m.focus = f
	if f == 0 {
		m.name.Focus()
	} else {
		m.name.Blur()
	}
	return m
}

func (m welcomeModel) submit() (welcomeModel, tea.Cmd) {
	name := strings.Join(strings.Fields(m.name.Value()), " ")
	if name == "" {
		m.problem = "Type your name first."
		return m.setFocus(0), nil
	}
	if m.focus == 0 {
		return m.setFocus(1), nil
	}
	m.saving = true
	store, role, now := m.c.store, lessons.Audiences[m.roles.index], m.c.now()
	return m, func() tea.Msg {
		p, err := store.CreateProfile(name, string(role), now)
		if err != nil {
			return profileProblemMsg{err}
		}
		return profileChosenMsg{profile: p}
	}
}

func (m welcomeModel) keys() helpKeys {
	k := m.c.keys
	short := []key.Binding{relabel(k.Open, "continue"), k.Next}
	if m.focus == 1 {
		short = append(short, k.Up, k.Down)
	}
	if m.canLeave {
		short = append(short, k.Back)
	}
	short = append(short, relabel(k.Accessible, "screen reader"), k.ForceQuit)
	return helpKeys{short: short, full: [][]key.Binding{short}}
}

// resize takes the styles, which may have changed, into the name box.
func (m welcomeModel) resize() (screen, tea.Cmd) {
	m.name.SetStyles(m.c.styles.TextInput)
	return m, nil
}

// crumbs is empty: no learner is chosen yet.
func (m welcomeModel) crumbs() []string { return nil }

// showsLearner is false: the header does not name whoever used Upskill
// before, while someone is choosing or creating a learner.
func (m welcomeModel) showsLearner() bool { return false }

// reopen keeps the form: it shows no pack.
func (m welcomeModel) reopen() reopenTo { return reopenTo{keep: true} }

// view draws the welcome form.
func (m welcomeModel) view() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Title.Render("Welcome to Upskill") + "\n")
	b.WriteString(wrap(s.Subtitle.Render("Using a screen reader? Press "+spoken(m.c.keys.Accessible)+" for the accessible mode."), width) + "\n\n")
	label := func(text string, focused bool) string {
		if focused {
			return s.Subtitle.Render(text)
		}
		return s.Muted.Render(text)
	}
	nameAt := strings.Count(b.String(), "\n")
	b.WriteString(label("What is your name?", m.focus == 0) + "\n")
	b.WriteString(m.name.View() + "\n\n")
	rolesAt := strings.Count(b.String(), "\n")
	b.WriteString(label("What is your role?", m.focus == 1) + "\n")
	for i, a := range lessons.Audiences {
		radio := "( ) "
		if i == m.roles.index {
			radio = "(•) "
		}
		b.WriteString(row(s, m.focus == 1 && i == m.roles.index, radio+a.Label(), width) + "\n")
	}
	b.WriteString("\n")
	switch {
	case m.saving:
		b.WriteString(s.Muted.Render("Saving…"))
	case m.problem != "":
		b.WriteString(wrap(s.Error.Render(m.problem), width))
	case m.focus == 0:
		b.WriteString(s.Muted.Render("Press " + spoken(m.c.keys.Open) + " when you have typed your name."))
	default:
		b.WriteString(s.Muted.Render("Choose with " + spoken(m.c.keys.Up) + " and " + spoken(m.c.keys.Down) + ", then press " + spoken(m.c.keys.Open) + " to start."))
	}
	end := strings.Count(b.String(), "\n")
	b.WriteString("\n\n" + wrap(s.Muted.Render("Short lessons and quizzes on the digital skills councils need. Your progress is saved on this computer as you go."), width))
	// On a small window, the field in focus and the line under the form
	// stay in sight.
	lines := strings.Split(b.String(), "\n")
	from := nameAt
	if m.focus == 1 {
		from = rolesAt
	}
	return windowLines(s, lines, from, end, m.c.bodyHeight())
}
