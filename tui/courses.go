package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/termsafe"
)

// coursesModel lists the packs on offer, with the learner's progress in
// each, so they can switch between them.
type coursesModel struct {
	plainScreen
	c       *common
	entries []catalog.Entry
	done    []pathDone // the learner's path in each entry, and how much is done
	cursor  cursor
}

// switchPackMsg asks the root to make a pack the learner's current one.
type switchPackMsg struct{ id string }

// pathDone is how many lessons of a learner's path in a pack they have
// completed, of how many.
type pathDone struct{ done, total int }

// newCourses lists entries, with the lessons the learner has completed in
// each (read by coursesCmd), the current pack selected.
func newCourses(c *common, entries []catalog.Entry, done []pathDone) coursesModel {
	m := coursesModel{c: c, entries: entries, done: done, cursor: cursor{n: len(entries)}}
	for i, e := range entries {
		if e.ID == c.pack.ID {
			m.cursor.index = i
		}
	}
	return m
}

// resize has nothing to lay out.
func (m coursesModel) resize() (screen, tea.Cmd) { return m, nil }

// crumbs names the screen.
func (m coursesModel) crumbs() []string { return []string{"Courses"} }

// update handles choosing a pack.
func (m coursesModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if m.cursor.update(msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Open):
			if id := m.entries[m.cursor.index].ID; id != m.c.pack.ID {
				return m, send(switchPackMsg{id: id})
			}
			return m, send(backMsg{})
		case key.Matches(msg, k.Back):
			return m, send(backMsg{})
		}
	}
	return m, nil
}

func (m coursesModel) keys() helpKeys {
	k := m.c.keys
	return listHelp(k, relabel(k.Open, "take this course"))
}

// view lists the courses, two lines each.
func (m coursesModel) view() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	var b strings.Builder
	b.WriteString(s.Title.Render("Courses") + "\n")
	b.WriteString(wrap(s.Muted.Render("Each course is a lesson pack. Your progress in each is kept when you switch."), width) + "\n\n")
	var lines []string
	from, to := 0, 0
	for i, e := range m.entries {
		title := e.Title
		if e.ID == m.c.pack.ID {
			title += " (current)"
		}
		if i == m.cursor.index {
			from = len(lines)
		}
		lines = append(lines, row(s, i == m.cursor.index, title, width))
		details := fmt.Sprintf("%d of %s on your path done · version %s · %s", m.done[i].done, plural(m.done[i].total, "lesson", "lessons"), e.Version, e.Source)
		lines = append(lines, "    "+s.Muted.Render(truncate(details, width-4)))
		if i == m.cursor.index {
			to = len(lines) - 1
		}
	}
	head := strings.Count(b.String(), "\n")
	b.WriteString(windowLines(s, lines, from, to, max(m.c.bodyHeight()-head, 3)) + "\n")
	if problems := m.c.catalog.Problems(); len(problems) > 0 {
		b.WriteString("\n" + s.Error.Render(fmt.Sprintf("%s could not be offered:", plural(len(problems), "system-wide pack", "system-wide packs"))) + "\n")
		for _, p := range problems {
			b.WriteString(indent(termsafe.Line(p.Path+": "+p.Err.Error()), 2, width) + "\n")
		}
	}
	return b.String()
}
