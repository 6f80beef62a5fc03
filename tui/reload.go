package tui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
)

// packReloadedMsg carries a pack read again after its files changed, for
// `upskill pack preview`, or why it could not be read.
type packReloadedMsg struct {
	pack *lessons.Pack
	err  error
}

// PackReloaded is the message a preview sends the program (with
// tea.Program.Send) when the pack it shows has changed on disk: the new
// pack, or the error that stops it loading. The UI shows the new pack in
// place, or the problems until they are fixed.
func PackReloaded(p *lessons.Pack, err error) tea.Msg { return packReloadedMsg{pack: p, err: err} }

// reloadPack swaps in a changed pack and puts the learner back where they
// were, as near as the new pack allows.
func (m Model) reloadPack(msg packReloadedMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.packProblems = problemLines(msg.err)
		return m, nil
	}
	m.packProblems = nil
	cat, err := catalog.Open(m.c.store, msg.pack, nil)
	if err != nil {
		return m, errCmd(err)
	}
	m.c.catalog, m.c.pack, m.c.renders = cat, msg.pack, nil
	if m.c.learner == nil {
		return m, nil
	}
	prog, err := learner.Load(m.c.store, msg.pack, m.c.learner.Profile, m.c.now().Location())
	if err != nil {
		return m, errCmd(err)
	}
	m.c.learner = prog
	m.notice = "Reloaded " + msg.pack.Title + " " + msg.pack.Version
	return m.reopen()
}

// reopen rebuilds the screen on view from the new pack.
func (m Model) reopen() (Model, tea.Cmd) {
	lessonID := ""
	switch m.active {
	case lessonScreen:
		lessonID = m.lesson.lesson.ID
	case quizScreen:
		if m.quiz.isReview() {
			return m, nil // a review is of stored packs, not the one previewed
		}
		lessonID = m.quiz.lesson.ID
	case resultsScreen:
		lessonID = m.results.lesson.ID
	case moduleScreen:
		if mod, ok := m.c.pack.Module(m.module.module.ID); ok {
			m.module = newModule(m.c, mod)
			return m, nil
		}
	case badgesScreen:
		m.badges = newBadges(m.c)
		return m, nil
	case welcomeScreen, pickerScreen:
		return m, nil
	}
	if l, ok := m.c.pack.Lesson(lessonID); ok {
		pos := m.lesson.Position()
		if m.active != lessonScreen {
			pos = 0
		}
		m.lesson, m.active = newLesson(m.c, l, pos), lessonScreen
		return m, renderLessonCmd(m.c.pack, l, m.lesson.wanted(), m.c.styles.Glamour)
	}
	m.home, m.active = newHome(m.c), homeScreen
	return m, nil
}

// problemLines lists a load error's problems, safe to show.
func problemLines(err error) []string {
	var invalid *lessons.ValidationError
	if errors.As(err, &invalid) {
		lines := make([]string, len(invalid.Problems))
		for i, p := range invalid.Problems {
			lines[i] = termsafe.Line(p.String())
		}
		return lines
	}
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		out = append(out, termsafe.Line(l))
	}
	return out
}

// problemsView shows why a reloaded pack could not be used.
func (m Model) problemsView() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Error.Render(markWrong+" The pack has problems") + "\n")
	b.WriteString(wrap(s.Muted.Render("Fix them and save: the preview reloads by itself. Until then, this is what is wrong:"), width) + "\n\n")
	for _, l := range m.packProblems {
		b.WriteString(indent(l, 2, width) + "\n")
	}
	return b.String()
}
