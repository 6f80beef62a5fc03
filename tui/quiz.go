package tui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// quizPhase is where the quiz screen is with the question on screen.
type quizPhase int

const (
	answering quizPhase = iota // waiting for the learner's answer
	saving                     // the answer is being written; nothing shown yet
	reviewing                  // the answer is saved; feedback is on screen
	finishing                  // the last answer is in; the score is being written
)

// quizModel asks questions one at a time: a lesson's quiz, or a review of
// due cards. Each answer is written to the store, in its own transaction,
// before its feedback is shown: once the learner sees "Correct" or "Not
// quite", the answer is on disk.
type quizModel struct {
	plainScreen
	c   *common
	src quizSource
	// lesson is the lesson of the question on screen: always the same in
	// a quiz, the card's own in a review.
	lesson *lessons.Lesson
	index  int   // position in src of the question on screen
	order  []int // display order of the question's choices
	cursor cursor
	ticked map[int]bool // ticked choices of a multiple-choice question, by pack index
	// matches holds, for each pair of a matching question, the position in
	// order of the answer given, or -1.
	matches []int
	// arrangement holds an ordering question's items as the learner has
	// arranged them, top first; grabbed says the item under the cursor is
	// picked up and moves with it.
	arrangement []int
	grabbed     bool
	input       textinput.Model
	phase       quizPhase
	last        progress.Answer // the answer whose feedback is on screen
	onRecord    bool            // last was given before, not just now
	// confirmQuit says the learner pressed quit mid-quiz and is being
	// asked whether to leave.
	confirmQuit bool
	problem     string    // why the last submission was not accepted
	shownAt     time.Time // when the question on screen appeared
	vp          viewport.Model
}

// quizReadyMsg carries a new or resumed attempt to the root.
type quizReadyMsg struct {
	lessonID string
	attempt  progress.Attempt
}

// answerSavedMsg reports that an answer is on disk (or why it is not).
// onRecord says the question had been answered before (the learner's
// earlier answer, from a run that ended before its feedback was left):
// answer is then the one on record, which is the one that counts.
type answerSavedMsg struct {
	answer   progress.Answer
	onRecord bool
	err      error
}

// quizFinishedMsg carries a finished, scored attempt to the root.
type quizFinishedMsg struct {
	lessonID string
	attempt  progress.Attempt
}

func newQuiz(c *common, l *lessons.Lesson, a progress.Attempt) quizModel {
	return newQuizOn(c, attemptSource{lesson: l, attempt: a})
}

// newQuizOn asks the questions of src, from the first unanswered one.
func newQuizOn(c *common, src quizSource) quizModel {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 200
	in.SetStyles(c.styles.TextInput)
	vp := viewport.New()
	q := quizModel{c: c, src: src, input: in, vp: vp}
	return q.goTo(src.next()).layout()
}

// isReview reports whether the screen is a review session.
func (m quizModel) isReview() bool {
	_, ok := m.src.(reviewSource)
	return ok
}

// question is the question on screen.
func (m quizModel) question() *lessons.Question {
	_, q := m.src.item(m.index)
	return q
}

// goTo puts question i on screen, ready for an answer.
func (m quizModel) goTo(i int) quizModel {
	m.index = min(i, m.src.size()-1)
	m.lesson, _ = m.src.item(m.index)
	m.phase, m.problem = answering, ""
	m.shownAt = m.c.now()
	m.ticked = map[int]bool{}
	q := m.question()
	m.order = displayOrder(q, m.src.seed())
	m.cursor = cursor{n: len(m.order)}
	m.matches, m.arrangement, m.grabbed = nil, nil, false
	switch q.Type {
	case lessons.Matching:
		m.cursor = cursor{n: len(q.Pairs)}
		m.matches = make([]int, len(q.Pairs))
		for i := range m.matches {
			m.matches[i] = -1
		}
	case lessons.Ordering:
		m.arrangement = m.order
		m.cursor = cursor{n: len(q.Items)}
	}
	m.input.Reset()
	m.input.Placeholder = "your answer"
	if q.Type == lessons.NumberAnswer {
		m.input.Placeholder = "a number"
	}
	if q.Type.Typed() {
		m.input.Focus()
	} else {
		m.input.Blur()
	}
	m.vp.GotoTop()
	return m
}

// capturesKeys reports whether typed keys belong to the answer box, so that
// q, ? and the rest must not act as commands.
func (m quizModel) capturesKeys() bool {
	return m.phase == answering && m.question().Type.Typed()
}

// resize lays the question out again, in the current styles.
func (m quizModel) resize() (screen, tea.Cmd) { return m.layout(), m.promptCmd() }

// promptCmd renders the question's prompt if it is Markdown and not yet
// rendered at this width.
func (m quizModel) promptCmd() tea.Cmd {
	if q := m.question(); q.Markdown {
		return m.c.promptCmd([]string{q.Prompt}, m.c.bodyWidth()-packIndent)
	}
	return nil
}

// crumbs is the lesson's path, then "Quiz"; a review is "Review".
func (m quizModel) crumbs() []string {
	if m.isReview() {
		return []string{"Review"}
	}
	return append(m.c.lessonCrumbs(m.lesson), "Quiz")
}

// timing counts the time as the lesson's quiz, or as reviewing.
func (m quizModel) timing() timing {
	if m.isReview() {
		return timing{what: progress.Reviewing}
	}
	return timing{what: progress.QuizTime, lesson: m.c.lessonKey(m.lesson.ID)}
}

// asksBeforeQuit says quit should ask first, mid-quiz: the learner may
// have pressed it by mistake, and should hear that nothing is lost.
func (m quizModel) asksBeforeQuit() bool { return m.phase == answering || m.phase == reviewing }

// leave has nothing to save: every answer is saved as it is given.
func (m quizModel) leave() tea.Cmd { return nil }

// reopen shows the quiz's lesson again from a changed pack; a review,
// which asks the stored packs, not the one previewed, stays.
func (m quizModel) reopen() reopenTo {
	if m.isReview() {
		return reopenTo{keep: true}
	}
	return reopenTo{lessonID: m.lesson.ID}
}

func (m quizModel) layout() quizModel {
	m.input.SetStyles(m.c.styles.TextInput)
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.input.SetWidth(min(40, m.c.bodyWidth()-20))
	return m.refresh()
}

// update handles answering, feedback and moving on.
func (m quizModel) update(msg tea.Msg) (screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case answerSavedMsg:
		m = m.saved(msg)
	case tea.KeyPressMsg:
		m, cmd = m.key(msg)
	case tea.MouseWheelMsg:
		m.vp, _ = m.vp.Update(msg)
		return m, nil
	default:
		if m.capturesKeys() {
			m.input, cmd = m.input.Update(msg)
		}
	}
	m = m.refresh()
	return m, tea.Batch(cmd, m.promptCmd())
}

func (m quizModel) key(msg tea.KeyPressMsg) (quizModel, tea.Cmd) {
	k := m.c.keys
	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes):
			return m, send(quitMsg{})
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.confirmQuit = false
		}
		return m, nil
	}
	if key.Matches(msg, k.Quit) && !m.capturesKeys() {
		m.confirmQuit = true
		return m, nil
	}
	if key.Matches(msg, k.Back) && m.phase != saving && m.phase != finishing {
		return m, send(backMsg{})
	}
	switch m.phase {
	case reviewing:
		if key.Matches(msg, k.Open) {
			return m.advance()
		}
		scroll(&m.vp, msg, k)
	case answering:
		return m.answerKey(msg)
	}
	return m, nil
}

// saved shows feedback once the answer is on disk: the feedback for the
// answer the record holds, so the screen never contradicts it.
func (m quizModel) saved(msg answerSavedMsg) quizModel {
	if msg.err != nil {
		m.phase = answering
		m.problem = "Your answer could not be saved, so it does not count yet: " + msg.err.Error()
		if m.question().Type.Typed() {
			m.input.Focus()
		}
		return m
	}
	m.src = m.src.withAnswer(m.index, msg.answer)
	m.last, m.onRecord = msg.answer, msg.onRecord
	m.phase = reviewing
	m.vp.GotoTop()
	return m
}

// advance moves to the next unanswered question, or finishes the attempt
// or review.
func (m quizModel) advance() (quizModel, tea.Cmd) {
	if next := m.src.next(); next < m.src.size() {
		return m.goTo(next), nil
	}
	m.phase = finishing
	return m, m.src.finish(m.c)
}

func (m quizModel) keys() helpKeys {
	k := m.c.keys
	q := m.question()
	if m.confirmQuit {
		yes, no := relabel(k.Yes, "leave Upskill"), relabel(k.No, "stay")
		return helpKeys{short: []key.Binding{yes, no}, full: [][]key.Binding{{yes, no, k.ForceQuit}}}
	}
	var short []key.Binding
	switch {
	case m.phase == reviewing:
		next := relabel(k.Open, "next question")
		if m.src.next() >= m.src.size() {
			next = relabel(k.Open, "see your results")
		}
		short = []key.Binding{next, k.Scroll}
	case q.Type == lessons.MultipleChoice:
		short = []key.Binding{k.Move, k.Toggle, relabel(k.Open, "submit")}
	case q.Type == lessons.Matching:
		short = []key.Binding{k.Move, withHelp(k.Right, spoken(k.Left)+"/"+spoken(k.Right), "answer"), relabel(k.Open, "submit")}
	case q.Type == lessons.Ordering:
		grab := relabel(k.Toggle, "pick up")
		if m.grabbed {
			grab = relabel(k.Toggle, "put down")
		}
		short = []key.Binding{k.Move, grab, relabel(k.Open, "submit")}
	case q.Type.HasChoices():
		short = []key.Binding{k.Move, relabel(k.Open, "answer")}
	default:
		short = []key.Binding{relabel(k.Open, "submit")}
	}
	short = append(short, relabel(k.Back, "leave"))
	full := [][]key.Binding{short, {k.ForceQuit}}
	if m.phase == answering && q.Type.HasChoices() {
		full[0] = append([]key.Binding{k.Pick}, short...)
	}
	if !m.capturesKeys() {
		short = append(short, k.Help, k.Quit)
		full[1] = []key.Binding{k.Help, k.Quit, k.ForceQuit}
	}
	return helpKeys{short: fitHelp(short, m.c.bodyWidth(), k), full: full}
}

// fitHelp drops the keys a narrow help line can best spare (the arrows,
// then esc) until it fits width; enter, q and the rest stay, and the help
// overlay still lists every key.
func fitHelp(short []key.Binding, width int, k keyMap) []key.Binding {
	for _, spare := range []key.Binding{k.Scroll, k.Move, k.Back} {
		if helpWidth(short) <= width {
			break
		}
		short = slices.DeleteFunc(slices.Clone(short), func(b key.Binding) bool {
			return slices.Equal(b.Keys(), spare.Keys()) && b.Help().Key == spare.Help().Key
		})
	}
	return short
}

// helpWidth is how wide the help line draws short: "key desc" pairs
// joined by " • ".
func helpWidth(short []key.Binding) int {
	w := 0
	for i, b := range short {
		if i > 0 {
			w += 3
		}
		w += lipgloss.Width(b.Help().Key) + 1 + lipgloss.Width(b.Help().Desc)
	}
	return w
}
