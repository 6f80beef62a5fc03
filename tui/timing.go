package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/progress"
)

// IdleLimit is the longest gap between a learner's key presses (or mouse
// use) that counts as time spent: a longer gap is someone away from the
// keyboard, and none of it is counted.
const IdleLimit = 5 * time.Minute

// timing is what the learner's time is being spent on: reading a lesson,
// taking its quiz, or reviewing. The zero value is nothing counted.
type timing struct {
	what   progress.Activity
	lesson progress.LessonKey
}

// stopwatch adds up active time on one timing, from the learner's input.
type stopwatch struct {
	on      timing
	last    time.Time     // the last input, or when the timing began
	counted time.Duration // active time not yet written
}

// isInput reports whether a message is the learner doing something.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseWheelMsg, tea.MouseClickMsg:
		return true
	}
	return false
}

// clock counts a message's part in the time spent, and when the screen
// has moved on to something else, writes the time counted so far.
func (m *Model) clock(msg tea.Msg, before timing) tea.Cmd {
	w := &m.c.stopwatch
	now := m.c.now()
	if isInput(msg) && w.on == before && before.what != "" {
		if gap := now.Sub(w.last); gap > 0 && gap <= IdleLimit {
			w.counted += gap
		}
		w.last = now
	}
	after := m.screens.top().timing()
	if after == w.on {
		return nil
	}
	cmd := m.flushTime()
	w.on, w.last, w.counted = after, now, 0
	return cmd
}

// flushTime writes the active time counted so far, and starts counting
// afresh.
func (m *Model) flushTime() tea.Cmd {
	w := &m.c.stopwatch
	on, d := w.on, w.counted
	w.counted = 0
	if on.what == "" || d <= 0 || m.c.learner == nil {
		return nil
	}
	store, pid, now := m.c.store, m.c.profileID(), m.c.now()
	return func() tea.Msg {
		if err := store.AddTime(pid, on.lesson, on.what, d, now); err != nil {
			return errMsg{err}
		}
		return nil
	}
}
