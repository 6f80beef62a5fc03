package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// lessonModel shows a lesson's rendered text in a scrollable viewport and
// remembers how far through it the learner is.
type lessonModel struct {
	plainScreen
	c      *common
	lesson *lessons.Lesson
	vp     viewport.Model
	// position is where to scroll once the text is rendered, from 0 to 1;
	// it carries the reading position across re-renders.
	position float64
	shown    renderKey // the rendering on screen; zero before the first
	lines    []string  // the rendering, split into lines
	scroll   int       // counts scrolls, to tell when scrolling stops
	saved    float64   // the position last saved
}

// startQuizMsg asks the root to start (or resume) a lesson's quiz.
type startQuizMsg struct{ lessonID string }

// completeLessonMsg asks the root to mark a lesson without a quiz
// complete, read as far as position.
type completeLessonMsg struct {
	lessonID string
	position float64
}

func newLesson(c *common, l *lessons.Lesson, position float64) lessonModel {
	vp := viewport.New()
	vp.SoftWrap = false
	vp.MouseWheelDelta = 3
	m := lessonModel{c: c, lesson: l, vp: vp, position: position, saved: position}
	return m.layout()
}

// resize fits the lesson to the window and style, asking for a rendering
// when none in the cache fits.
func (m lessonModel) resize() (screen, tea.Cmd) {
	m = m.layout()
	if m.needsRender() {
		return m, renderLessonCmd(m.c.pack, m.lesson, m.wanted(), m.c.styles, spoken(m.c.keys.Open))
	}
	return m, nil
}

// crumbs is the lesson's module, then the lesson.
func (m lessonModel) crumbs() []string { return m.c.lessonCrumbs(m.lesson) }

// capturesKeys is false: a lesson has no text box.
func (m lessonModel) capturesKeys() bool { return false }

// timing counts the time as reading this lesson.
func (m lessonModel) timing() timing {
	return timing{what: progress.Reading, lesson: m.c.lessonKey(m.lesson.ID)}
}

// leave saves how far the lesson was read.
func (m lessonModel) leave() tea.Cmd { return m.saveCmd() }

// reopen shows the lesson again from a changed pack, at the same place.
func (m lessonModel) reopen() reopenTo {
	return reopenTo{lessonID: m.lesson.ID, position: m.Position()}
}

// saveCmd stores how far the lesson is read, then refreshes the learner's
// progress (opening a lesson starts it, and makes it the one to continue).
func (m lessonModel) saveCmd() tea.Cmd {
	c := m.c
	store, pid, lk, pos, now := c.store, c.profileID(), c.lessonKey(m.lesson.ID), m.Position(), c.now()
	refresh := c.refreshCmd()
	return func() tea.Msg {
		if err := store.SaveReading(pid, lk, pos, now); err != nil {
			return errMsg{err}
		}
		return refresh()
	}
}

// wanted is the rendering the lesson needs at the current size and style.
func (m lessonModel) wanted() renderKey {
	return renderKey{pack: m.c.pack.ID, lesson: m.lesson.ID, width: min(m.c.bodyWidth(), readingWidth), style: m.c.styles.GlamourName}
}

// layout fits the viewport to the body and shows the cached rendering for
// the new width if there is one.
func (m lessonModel) layout() lessonModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight() - 1) // one line for the reading status
	if content, ok := m.c.renders[m.wanted()]; ok && m.shown != m.wanted() {
		m = m.show(m.wanted(), content)
	}
	return m
}

// needsRender reports whether the rendering on screen does not fit.
func (m lessonModel) needsRender() bool {
	_, cached := m.c.renders[m.wanted()]
	return m.shown != m.wanted() && !cached
}

func (m lessonModel) show(k renderKey, content string) lessonModel {
	if m.shown != (renderKey{}) {
		m.position = m.Position()
	}
	m.vp.SetContent(content)
	m.lines = strings.Split(content, "\n")
	m.shown = k
	m.vp.SetYOffset(int(m.position*float64(m.maxOffset()) + 0.5))
	return m
}

func (m lessonModel) maxOffset() int { return max(m.vp.TotalLineCount()-m.vp.Height(), 0) }

// Position is how far through the text the learner has scrolled, 0 to 1.
func (m lessonModel) Position() float64 {
	if m.shown == (renderKey{}) {
		return m.position
	}
	if m.maxOffset() == 0 {
		return 1
	}
	return float64(m.vp.YOffset()) / float64(m.maxOffset())
}

// update handles scrolling, and enter to go on to the quiz.
func (m lessonModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	switch msg := msg.(type) {
	case lessonRenderedMsg:
		if msg.key == m.wanted() {
			m = m.show(msg.key, msg.content)
		}
		return m, nil
	case readingIdleMsg:
		// Only the last scroll of this lesson counts: a tick from an
		// earlier scroll, or from another lesson, is stale.
		if msg.lessonID != m.lesson.ID || msg.scroll != m.scroll {
			return m, nil
		}
		m.saved = m.Position()
		return m, m.saveCmd()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Back):
			return m, send(backMsg{})
		case key.Matches(msg, k.Open):
			if m.lesson.Quiz != nil {
				return m, tea.Sequence(m.saveCmd(), send(startQuizMsg{lessonID: m.lesson.ID}))
			}
			return m, send(completeLessonMsg{lessonID: m.lesson.ID, position: m.Position()})
		}
	}
	if scroll(&m.vp, msg, k) {
		return m.scrolled()
	}
	return m, nil
}

// readingIdleMsg fires a moment after the learner last scrolled; if they
// have not scrolled since, the lesson saves its reading position, so that
// even a crash while reading keeps it.
type readingIdleMsg struct {
	lessonID string
	scroll   int
}

// nextStep is what enter does at the end of the lesson.
func (m lessonModel) nextStep() string {
	if m.lesson.Quiz != nil {
		return "take the quiz"
	}
	return "mark it complete"
}

// scrolled notes a scroll and asks to be told when scrolling stops.
func (m lessonModel) scrolled() (lessonModel, tea.Cmd) {
	if m.Position() == m.saved {
		return m, nil
	}
	m.scroll++
	msg := readingIdleMsg{lessonID: m.lesson.ID, scroll: m.scroll}
	return m, tea.Tick(m.c.saveDelay, func(time.Time) tea.Msg { return msg })
}

func (m lessonModel) keys() helpKeys {
	k := m.c.keys
	next := relabel(k.Open, "mark complete")
	if m.lesson.Quiz != nil {
		next = relabel(k.Open, "quiz")
	}
	return helpKeys{
		short: []key.Binding{k.Scroll, relabel(k.PageDown, "page"), next, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {next, k.Back}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

// view draws the text, or a waiting line while it renders, and a status
// line saying how far through the learner is.
func (m lessonModel) view() string {
	s := m.c.styles
	if m.shown == (renderKey{}) {
		return s.Muted.Render("Preparing the lesson…")
	}
	status := fmt.Sprintf("%d%% read", int(m.Position()*100+0.5))
	if m.vp.AtBottom() {
		status = "End of the lesson · press " + spoken(m.c.keys.Open) + " to " + m.nextStep()
	}
	return m.visible() + "\n" + s.Muted.Render(truncate(status, m.c.bodyWidth()))
}

// visible is the part of the text in the window. It slices the rendered
// lines directly: they are already wrapped to the width, and passing a
// screenful of Glamour output through the viewport's Lip Gloss styling
// would cost several milliseconds a key press.
func (m lessonModel) visible() string {
	top := min(m.vp.YOffset(), len(m.lines))
	end := min(top+m.vp.Height(), len(m.lines))
	return strings.Join(m.lines[top:end], "\n")
}
