package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/lessons"
)

// moduleModel lists a module's lessons with their status and best score.
type moduleModel struct {
	plainScreen
	c       *common
	module  *lessons.Module
	lessons []*lessons.Lesson
	cursor  cursor
}

// openLessonMsg asks the root to show a lesson.
type openLessonMsg struct{ lessonID string }

// backMsg asks the root to go up one level.
type backMsg struct{}

func newModule(c *common, m *lessons.Module) moduleModel {
	ls := c.pack.LessonsOf(m)
	mm := moduleModel{c: c, module: m, lessons: ls, cursor: cursor{n: len(ls)}}
	// Start on the first lesson not yet completed.
	for i, l := range ls {
		if !c.learner.Completed(l.ID) {
			mm.cursor.index = i
			break
		}
	}
	return mm
}

// selectLesson moves the cursor to a lesson, if it is in the module.
func (m moduleModel) selectLesson(id string) moduleModel {
	for i, l := range m.lessons {
		if l.ID == id {
			m.cursor.index = i
		}
	}
	return m
}

// update handles keys and the mouse wheel.
func (m moduleModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if m.cursor.update(msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Open):
			return m, send(openLessonMsg{lessonID: m.lessons[m.cursor.index].ID})
		case key.Matches(msg, k.Back):
			return m, send(backMsg{})
		}
	}
	return m, nil
}

func (m moduleModel) keys() helpKeys {
	k := m.c.keys
	return listHelp(k, relabel(k.Open, "open lesson"))
}

// resize has nothing to lay out: the list is drawn from the progress.
func (m moduleModel) resize() (screen, tea.Cmd) { return m, nil }

// crumbs names the module.
func (m moduleModel) crumbs() []string { return []string{m.module.Title} }

// reopen rebuilds the module from a changed pack.
func (m moduleModel) reopen() reopenTo {
	if mod, ok := m.c.pack.Module(m.module.ID); ok {
		return reopenTo{screen: newModule(m.c, mod)}
	}
	return reopenTo{}
}

// view draws the module and its lessons.
func (m moduleModel) view() string {
	c, s := m.c, m.c.styles
	width := c.bodyWidth()
	done, total := c.learner.ModuleProgress(m.module)
	var lines []string
	add := func(text string) { lines = append(lines, strings.Split(text, "\n")...) }
	add(s.Title.Render(truncate(m.module.Title, width)))
	add(wrap(s.Text.Render(m.module.Summary), width))
	add(s.Muted.Render(fmt.Sprintf("%d of %s complete", done, plural(total, "lesson", "lessons"))))
	add("")
	// Two lines a lesson: the title in full, then its details.
	from, to := 0, 0
	for i, l := range m.lessons {
		rec := c.learner.Lessons[l.ID]
		mark, word := statusMark(s, rec.Status)
		score := "no quiz"
		if l.Quiz != nil {
			score = percent(rec)
		}
		if i == m.cursor.index {
			from = len(lines)
		}
		add(row(s, i == m.cursor.index, mark+" "+l.Title, width))
		details := s.Muted.Render(fmt.Sprintf("about %d min · %s · ", l.Minutes, score)) + word
		add("    " + truncate(details, width-4))
		if i == m.cursor.index {
			to = len(lines) - 1
		}
	}
	return windowLines(s, lines, from, to, c.bodyHeight())
}
