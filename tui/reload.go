package tui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
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

// packReopenedMsg carries a reloaded pack with its catalogue and the
// learner's progress in it, read off the UI loop.
type packReopenedMsg struct {
	pack     *lessons.Pack
	catalog  *catalog.Catalog
	progress *learner.Progress // nil before a learner is chosen
	required []compliance.Item // the learner's mandatory training in it
}

// reloadPack shows the problems of a pack that no longer loads, or reads
// the learner's progress in the changed pack.
func (m *Model) reloadPack(msg packReloadedMsg) tea.Cmd {
	if msg.err != nil {
		m.packProblems = problemLines(msg.err)
		return nil
	}
	m.packProblems = nil
	store, pack, now := m.c.store, msg.pack, m.c.now()
	var profile *progress.Profile
	if m.c.learner != nil {
		p := m.c.learner.Profile
		profile = &p
	}
	return func() tea.Msg {
		cat, err := catalog.Open(store, pack, nil)
		if err != nil {
			return errMsg{err}
		}
		out := packReopenedMsg{pack: pack, catalog: cat}
		if profile != nil {
			if out.progress, err = learner.Load(store, pack, *profile, now.Location()); err != nil {
				return errMsg{err}
			}
			if out.required, err = requiredTraining(store, cat, *profile, now); err != nil {
				return errMsg{err}
			}
		}
		return out
	}
}

// packReopened swaps in a changed pack and puts the learner back where
// they were, as near as the new pack allows.
func (m *Model) packReopened(msg packReopenedMsg) tea.Cmd {
	m.c.catalog, m.c.pack, m.c.renders = msg.catalog, msg.pack, nil
	if m.c.learner == nil || msg.progress == nil {
		return nil
	}
	m.c.learner, m.c.required = msg.progress, msg.required
	m.notice = "Reloaded " + msg.pack.Title + " " + msg.pack.Version
	r, ok := m.screens.top().(reopener)
	if !ok {
		m.screens = stack{newHome(m.c)}
		return m.resize()
	}
	to := r.reopen()
	switch {
	case to.keep:
		return nil
	case to.lessonID != "":
		if l, ok := m.c.pack.Lesson(to.lessonID); ok {
			m.screens = m.screens[:1]
			return m.atLesson(l, newLesson(m.c, l, to.position))
		}
	case to.screen != nil:
		m.screens = stack{newHome(m.c)}
		return m.push(to.screen)
	}
	m.screens = stack{newHome(m.c)}
	return m.resize()
}

// reopener is a screen that can be shown again from a changed pack, in
// `upskill pack preview`. A screen that is not one gives way to home.
type reopener interface {
	reopen() reopenTo
}

// reopenTo is where a reloaded pack puts the learner: nowhere new (keep),
// a lesson of the new pack at a reading position, or a rebuilt screen.
// With none of these, or a lesson the new pack lacks, home.
type reopenTo struct {
	keep     bool
	lessonID string
	position float64
	screen   screen
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
func (m *Model) problemsView() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Error.Render(marks.Wrong+" The pack has problems") + "\n")
	b.WriteString(wrap(s.Muted.Render("Fix them and save: the preview reloads by itself. Until then, this is what is wrong:"), width) + "\n\n")
	for _, l := range m.packProblems {
		b.WriteString(indent(l, 2, width) + "\n")
	}
	return b.String()
}
