package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/quizorder"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

func (m quizModel) answerKey(msg tea.KeyPressMsg) (quizModel, tea.Cmd) {
	k := m.c.keys
	q := m.question()
	if key.Matches(msg, k.Open) {
		return m.submit()
	}
	switch q.Type {
	case lessons.TextAnswer, lessons.NumberAnswer:
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		m.problem = ""
		return m, cmd
	case lessons.Matching:
		return m.matchingKey(msg), nil
	case lessons.Ordering:
		return m.orderingKey(msg), nil
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
	q, k := m.question(), m.c.keys
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
			m.problem = "Tick at least one choice with " + spoken(k.Toggle) + ", then press " + spoken(k.Open) + "."
			return m, nil
		}
	case lessons.TextAnswer:
		r.Text = strings.TrimSpace(m.input.Value())
		if r.Text == "" {
			m.problem = "Type an answer, then press " + spoken(k.Open) + "."
			return m, nil
		}
	case lessons.NumberAnswer:
		r.Text = strings.TrimSpace(m.input.Value())
		if _, err := lessons.ParseNumber(r.Text, q.Unit); err != nil {
			m.problem = "Type a number, such as 72, then press " + spoken(k.Open) + "."
			return m, nil
		}
	case lessons.Matching:
		if slices.Contains(m.matches, -1) {
			m.problem = "Choose an answer for each one with " + spoken(k.Left) + " and " + spoken(k.Right) + ", then press " + spoken(k.Open) + "."
			return m, nil
		}
		r.Choices = make([]int, len(m.matches))
		for i, pos := range m.matches {
			r.Choices[i] = m.order[pos]
		}
	case lessons.Ordering:
		r.Choices = slices.Clone(m.arrangement)
	}
	// A text answer one slip from a long accepted answer is marked right,
	// with full points; the feedback shows the spelling.
	mark := q.Mark(r)
	now := m.c.now()
	took := now.Sub(m.shownAt)
	ans := progress.Answer{Question: q.ID, Choices: r.Choices, Text: r.Text, Correct: mark.Right(), At: now,
		Rating: review.Rate(q, mark.Score, took), Seconds: took.Seconds()}
	if !ans.Correct {
		ans.Score = mark.Score
	}
	m.phase = saving
	m.input.Blur()
	return m, m.src.save(m.c, m.index, ans)
}

// matchingKey moves between a matching question's prompts and changes the
// answer given for the one under the cursor.
func (m quizModel) matchingKey(msg tea.KeyPressMsg) quizModel {
	k := m.c.keys
	i := m.cursor.index
	switch {
	case key.Matches(msg, k.Up):
		m.cursor.up()
	case key.Matches(msg, k.Down):
		m.cursor.down()
	case key.Matches(msg, k.Right), key.Matches(msg, k.Toggle):
		m.matches = slices.Clone(m.matches)
		m.matches[i] = m.nextMatch(i, +1)
		m.problem = ""
	case key.Matches(msg, k.Left):
		m.matches = slices.Clone(m.matches)
		m.matches[i] = m.nextMatch(i, -1)
		m.problem = ""
	case key.Matches(msg, k.Pick):
		if n, _ := strconv.Atoi(msg.String()); n <= len(m.order) && m.matchFree(i, n-1) {
			m.matches = slices.Clone(m.matches)
			m.matches[i] = n - 1
			m.problem = ""
		}
	}
	return m
}

// nextMatch is the answer after (step +1) or before (step -1) the one
// given for prompt i, going round through blank (-1), and passing over
// answers other prompts have when each answer is used once at most.
func (m quizModel) nextMatch(i, step int) int {
	n := len(m.order)
	pos := m.matches[i]
	for range n + 1 {
		// Positions -1 (blank) to n-1, round in a ring of n+1.
		pos = (pos+1+step+n+1)%(n+1) - 1
		if pos < 0 || m.matchFree(i, pos) {
			return pos
		}
	}
	return -1
}

// matchFree reports whether the answer at position pos may be given to
// prompt i: always when the question's answers repeat, else only when no
// other prompt has it.
func (m quizModel) matchFree(i, pos int) bool {
	if m.question().AnswersRepeat() {
		return true
	}
	for j, other := range m.matches {
		if j != i && other == pos {
			return false
		}
	}
	return true
}

// orderingKey moves the cursor, or, with an item picked up, moves the item.
func (m quizModel) orderingKey(msg tea.KeyPressMsg) quizModel {
	k := m.c.keys
	i := m.cursor.index
	switch {
	case key.Matches(msg, k.Toggle):
		m.grabbed = !m.grabbed
	case key.Matches(msg, k.Up) && m.grabbed && i > 0:
		m.arrangement = slices.Clone(m.arrangement)
		m.arrangement[i], m.arrangement[i-1] = m.arrangement[i-1], m.arrangement[i]
		m.cursor.up()
	case key.Matches(msg, k.Down) && m.grabbed && i < len(m.arrangement)-1:
		m.arrangement = slices.Clone(m.arrangement)
		m.arrangement[i], m.arrangement[i+1] = m.arrangement[i+1], m.arrangement[i]
		m.cursor.down()
	case key.Matches(msg, k.Up):
		m.cursor.up()
	case key.Matches(msg, k.Down):
		m.cursor.down()
	}
	return m
}

// displayOrder is the order to show a question's options in, from the
// attempt's seed (see quizorder.Options).
func displayOrder(q *lessons.Question, seed int64) []int { return quizorder.Options(q, seed) }
