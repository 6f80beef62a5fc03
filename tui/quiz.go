package tui

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

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

// quizModel asks a lesson's questions one at a time. Each answer is
// written to the store, in its own transaction, before its feedback is
// shown: once the learner sees "Correct" or "Not quite", the answer is on
// disk.
type quizModel struct {
	c       *common
	lesson  *lessons.Lesson
	attempt progress.Attempt
	index   int   // position in attempt.Questions of the question on screen
	order   []int // display order of the question's choices
	cursor  cursor
	ticked  map[int]bool // ticked choices of a multiple-choice question, by pack index
	input   textinput.Model
	phase   quizPhase
	last    progress.Answer // the answer whose feedback is on screen
	problem string          // why the last submission was not accepted
	vp      viewport.Model
}

// quizReadyMsg carries a new or resumed attempt to the root.
type quizReadyMsg struct {
	lessonID string
	attempt  progress.Attempt
}

// answerSavedMsg reports that an answer is on disk (or why it is not).
type answerSavedMsg struct {
	answer progress.Answer
	err    error
}

// quizFinishedMsg carries a finished, scored attempt to the root.
type quizFinishedMsg struct {
	lessonID string
	attempt  progress.Attempt
}

func newQuiz(c *common, l *lessons.Lesson, a progress.Attempt) quizModel {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 200
	in.SetStyles(c.styles.TextInput)
	vp := viewport.New()
	q := quizModel{c: c, lesson: l, attempt: a, input: in, vp: vp}
	return q.goTo(a.Next()).resize()
}

// question is the question on screen.
func (m quizModel) question() *lessons.Question {
	q, _ := m.lesson.Quiz.Question(m.attempt.Questions[m.index])
	return q
}

// goTo puts question i on screen, ready for an answer.
func (m quizModel) goTo(i int) quizModel {
	m.index = min(i, len(m.attempt.Questions)-1)
	m.phase, m.problem = answering, ""
	m.ticked = map[int]bool{}
	q := m.question()
	m.order = choiceOrder(q, m.attempt.Seed, m.lesson.Quiz.ShuffleChoices)
	m.cursor = cursor{n: len(m.order)}
	m.input.Reset()
	m.input.Placeholder = "your answer"
	if q.Type == lessons.NumberAnswer {
		m.input.Placeholder = "a number"
	}
	if q.Type.HasChoices() {
		m.input.Blur()
	} else {
		m.input.Focus()
	}
	m.vp.GotoTop()
	return m
}

// choiceOrder is the order to show a question's choices in. Shuffled
// orders come from the attempt's seed, so a resumed attempt shows the
// choices as before.
func choiceOrder(q *lessons.Question, seed int64, shuffle bool) []int {
	order := make([]int, len(q.Choices))
	for i := range order {
		order[i] = i
	}
	if shuffle && q.Type != lessons.TrueFalse {
		h := fnv.New64a()
		h.Write([]byte(q.ID))
		rng := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return order
}

// capturesKeys reports whether typed keys belong to the answer box, so that
// q, ? and the rest must not act as commands.
func (m quizModel) capturesKeys() bool {
	return m.phase == answering && !m.question().Type.HasChoices()
}

func (m quizModel) resize() quizModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.input.SetWidth(min(40, m.c.bodyWidth()-20))
	return m.refresh()
}

// Update handles answering, feedback and moving on.
func (m quizModel) Update(msg tea.Msg) (quizModel, tea.Cmd) {
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
	return m.refresh(), cmd
}

func (m quizModel) key(msg tea.KeyPressMsg) (quizModel, tea.Cmd) {
	k := m.c.keys
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

func (m quizModel) answerKey(msg tea.KeyPressMsg) (quizModel, tea.Cmd) {
	k := m.c.keys
	q := m.question()
	if key.Matches(msg, k.Open) {
		return m.submit()
	}
	if !q.Type.HasChoices() {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.problem = ""
		return m, cmd
	}
	switch {
	case key.Matches(msg, k.Up):
		m.cursor.up()
	case key.Matches(msg, k.Down):
		m.cursor.down()
	case key.Matches(msg, k.Toggle) && q.Type == lessons.MultipleChoice:
		i := m.order[m.cursor.index]
		m.ticked[i] = !m.ticked[i]
		m.problem = ""
	case key.Matches(msg, k.Pick):
		if n, _ := strconv.Atoi(msg.String()); n <= len(m.order) {
			m.cursor.index = n - 1
		}
	}
	return m, nil
}

// submit checks that an answer was given, grades it and starts writing it.
func (m quizModel) submit() (quizModel, tea.Cmd) {
	q := m.question()
	var r lessons.Response
	switch q.Type {
	case lessons.SingleChoice, lessons.TrueFalse:
		r.Choices = []int{m.order[m.cursor.index]}
	case lessons.MultipleChoice:
		for i, on := range m.ticked {
			if on {
				r.Choices = append(r.Choices, i)
			}
		}
		slices.Sort(r.Choices)
		if len(r.Choices) == 0 {
			m.problem = "Tick at least one choice with space, then press enter."
			return m, nil
		}
	case lessons.TextAnswer:
		r.Text = strings.TrimSpace(m.input.Value())
		if r.Text == "" {
			m.problem = "Type an answer, then press enter."
			return m, nil
		}
	case lessons.NumberAnswer:
		r.Text = strings.TrimSpace(m.input.Value())
		if _, err := lessons.ParseNumber(r.Text, q.Unit); err != nil {
			m.problem = "Type a number, such as 72, then press enter."
			return m, nil
		}
	}
	ans := progress.Answer{Question: q.ID, Choices: r.Choices, Text: r.Text, Correct: q.Grade(r), At: m.c.now()}
	m.phase = saving
	m.input.Blur()
	store, pid, lk, attempt := m.c.store, m.c.profileID(), m.c.lessonKey(m.lesson.ID), m.attempt.ID
	return m, func() tea.Msg {
		return answerSavedMsg{answer: ans, err: store.RecordAnswer(pid, lk, attempt, ans)}
	}
}

// saved shows feedback once the answer is on disk.
func (m quizModel) saved(msg answerSavedMsg) quizModel {
	if msg.err != nil && !errors.Is(msg.err, progress.ErrAlreadyAnswered) {
		m.phase = answering
		m.problem = "Your answer could not be saved, so it does not count yet: " + msg.err.Error()
		if !m.question().Type.HasChoices() {
			m.input.Focus()
		}
		return m
	}
	m.attempt.Answers = append(m.attempt.Answers, msg.answer)
	m.last = msg.answer
	m.phase = reviewing
	m.vp.GotoTop()
	return m
}

// advance moves to the next unanswered question, or finishes the attempt.
func (m quizModel) advance() (quizModel, tea.Cmd) {
	if next := m.attempt.Next(); next < len(m.attempt.Questions) {
		return m.goTo(next), nil
	}
	m.phase = finishing
	store, pid, lk, id, pass, now := m.c.store, m.c.profileID(), m.c.lessonKey(m.lesson.ID), m.attempt.ID, m.lesson.Quiz.PassMark, m.c.now()
	lessonID := m.lesson.ID
	return m, func() tea.Msg {
		a, err := store.FinishAttempt(pid, lk, id, pass, now)
		if err != nil {
			return errMsg{err}
		}
		return quizFinishedMsg{lessonID: lessonID, attempt: a}
	}
}

func (m quizModel) keys() helpKeys {
	k := m.c.keys
	q := m.question()
	var short []key.Binding
	switch {
	case m.phase == reviewing:
		next := withHelp(k.Open, "enter", "next question")
		if m.attempt.Next() >= len(m.attempt.Questions) {
			next = withHelp(k.Open, "enter", "see your results")
		}
		short = []key.Binding{next, k.Scroll}
	case q.Type == lessons.MultipleChoice:
		short = []key.Binding{k.Move, k.Toggle, withHelp(k.Open, "enter", "submit")}
	case q.Type.HasChoices():
		short = []key.Binding{k.Move, withHelp(k.Open, "enter", "answer")}
	default:
		short = []key.Binding{withHelp(k.Open, "enter", "submit")}
	}
	short = append(short, withHelp(k.Back, "esc", "leave (answers kept)"))
	full := [][]key.Binding{short, {k.ForceQuit}}
	if m.phase == answering && q.Type.HasChoices() {
		full[0] = append([]key.Binding{k.Pick}, short...)
	}
	if !m.capturesKeys() {
		short = append(short, k.Help)
		full[1] = []key.Binding{k.Help, k.Quit, k.ForceQuit}
	}
	return helpKeys{short: short, full: full}
}

// refresh lays out the screen's text in the viewport, keeping the cursor in
// sight. The text is small, so doing this on each update is cheap, and
// View only draws the viewport.
func (m quizModel) refresh() quizModel {
	content, cursorLine := m.content()
	m.vp.SetContent(content)
	if m.phase == answering && cursorLine >= 0 {
		m.vp.EnsureVisible(cursorLine, 0, 0)
	}
	return m
}

// content is the screen's text and the line of the choice cursor (-1 when
// there is none).
func (m quizModel) content() (string, int) {
	s := m.c.styles
	width := m.c.bodyWidth()
	q := m.question()
	var b strings.Builder
	right := 0
	for _, a := range m.attempt.Answers {
		if a.Correct {
			right++
		}
	}
	fmt.Fprintf(&b, "%s%s\n", s.Subtitle.Render(fmt.Sprintf("Question %d of %d", m.index+1, len(m.attempt.Questions))),
		s.Muted.Render(fmt.Sprintf(" · %s · %d right so far", q.Type.Label(), right)))
	b.WriteString("\n" + wrap(s.Text.Render(q.Prompt), width) + "\n\n")
	cursorLine := -1
	switch m.phase {
	case answering, saving:
		if q.Type.HasChoices() {
			cursorLine = strings.Count(b.String(), "\n")
			b.WriteString(m.choicesView(width, &cursorLine))
		} else {
			b.WriteString(m.input.View())
			if q.Type == lessons.NumberAnswer && q.Unit != "" {
				b.WriteString(" " + s.Muted.Render(q.Unit))
			}
			b.WriteString("\n")
		}
		if m.phase == saving {
			b.WriteString("\n" + s.Muted.Render("Saving your answer…") + "\n")
		}
		if m.problem != "" {
			b.WriteString("\n" + wrap(s.Error.Render(m.problem), width) + "\n")
		}
	case reviewing, finishing:
		b.WriteString(m.feedbackView(width))
	}
	return b.String(), cursorLine
}

// choicesView lists the choices in display order; it moves cursorLine down
// to the line of the selected choice.
func (m quizModel) choicesView(width int, cursorLine *int) string {
	s := m.c.styles
	q := m.question()
	var b strings.Builder
	line := 0
	for row, i := range m.order {
		box := "( )"
		if q.Type == lessons.MultipleChoice {
			box = "[ ]"
			if m.ticked[i] {
				box = "[x]"
			}
		}
		label := fmt.Sprintf("%d. %s ", row+1, box)
		text := wrap(q.Choices[i].Text, width-len(label)-2)
		parts := strings.Split(text, "\n")
		if row == m.cursor.index {
			*cursorLine += line
			b.WriteString(s.Cursor.Render(markCursor) + " " + s.Selected.Render(label+parts[0]) + "\n")
		} else {
			b.WriteString("  " + label + parts[0] + "\n")
		}
		for _, p := range parts[1:] {
			b.WriteString("  " + strings.Repeat(" ", len(label)) + p + "\n")
		}
		line += len(parts)
	}
	return b.String()
}

// feedbackView says whether the answer was right, what the right answer
// is, the feedback for the choices the learner got wrong, and why.
func (m quizModel) feedbackView(width int) string {
	s := m.c.styles
	q := m.question()
	a := m.last
	var b strings.Builder
	r := lessons.Response{Choices: a.Choices, Text: a.Text}
	if a.Correct {
		b.WriteString(s.Correct.Render(markCorrect+" Correct") + "\n")
	} else {
		b.WriteString(s.Wrong.Render(markWrong+" Not quite") + "\n")
	}
	b.WriteString(wrap(s.Muted.Render("Your answer: ")+q.Describe(r), width) + "\n")
	if !a.Correct {
		b.WriteString(wrap(s.Muted.Render("The right answer: ")+q.CorrectAnswer(), width) + "\n")
	}
	for _, fb := range feedbackFor(q, r, a.Correct) {
		if fb.choice != "" && q.Type == lessons.MultipleChoice {
			b.WriteString("\n" + wrap(s.Subtitle.Render(fb.choice), width) + "\n" + indent(fb.text, 2, width) + "\n")
		} else {
			b.WriteString("\n" + wrap(fb.text, width) + "\n")
		}
	}
	b.WriteString("\n" + wrap(s.Subtitle.Render("Why: ")+s.Text.Render(q.Explanation), width) + "\n")
	return b.String()
}

// feedback is a note on one choice (or on the whole answer when choice is
// empty).
type feedback struct{ choice, text string }

// feedbackFor returns the feedback that applies to a response: for a
// choice question, the feedback of every choice the learner chose and of
// every right choice they missed; for other questions, the wrong-answer
// feedback when the answer was wrong.
func feedbackFor(q *lessons.Question, r lessons.Response, correct bool) []feedback {
	if !q.Type.HasChoices() {
		if !correct && q.WrongFeedback != "" {
			return []feedback{{text: q.WrongFeedback}}
		}
		return nil
	}
	var out []feedback
	for i, c := range q.Choices {
		chosen := slices.Contains(r.Choices, i)
		missed := q.Type == lessons.MultipleChoice && c.Correct && !chosen
		if c.Feedback != "" && (chosen || missed) {
			out = append(out, feedback{choice: c.Text, text: c.Feedback})
		}
	}
	return out
}

// View draws the quiz.
func (m quizModel) View() string { return m.vp.View() }
