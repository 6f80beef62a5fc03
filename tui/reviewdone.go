package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/marks"
	pluralpkg "github.com/upskill-council/upskill/internal/plural"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// reviewDoneModel shows a finished review session: how it went, and the
// cards to look at again.
type reviewDoneModel struct {
	plainScreen
	c      *common
	review progress.Review
	cards  []review.Card
	vp     viewport.Model
}

func newReviewDone(c *common, r progress.Review, cards []review.Card) reviewDoneModel {
	m := reviewDoneModel{c: c, review: r, cards: cards, vp: viewport.New()}
	return m.layout()
}

// resize lays the summary out again: the count of cards still due may
// have changed.
func (m reviewDoneModel) resize() (screen, tea.Cmd) { return m.layout(), nil }

// crumbs names the screen.
func (m reviewDoneModel) crumbs() []string { return []string{"Review"} }

func (m reviewDoneModel) layout() reviewDoneModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.vp.SetContent(m.content())
	return m
}

// update handles scrolling and moving on: enter reviews the next due
// cards, if there are any, else goes home.
func (m reviewDoneModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Open):
			if m.c.due.Today > 0 {
				return m, send(startReviewMsg{})
			}
			return m, send(backMsg{})
		case key.Matches(msg, k.Back):
			return m, send(backMsg{})
		}
	}
	return m, nil
}

func (m reviewDoneModel) keys() helpKeys {
	k := m.c.keys
	next := relabel(k.Open, "home")
	if m.c.due.Today > 0 {
		next = relabel(k.Open, "review more")
	}
	back := relabel(k.Back, "home")
	return helpKeys{
		short: []key.Binding{next, k.Scroll, back, k.Help, k.Quit},
		full:  [][]key.Binding{{next, back}, {k.Up, k.Down, k.PageUp, k.PageDown}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

func (m reviewDoneModel) content() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	r := m.review
	right, partly := 0, 0
	for _, a := range r.Answers {
		switch {
		case a.Correct:
			right++
		case a.Score > 0:
			partly++
		}
	}
	wrong := len(r.Answers) - right - partly
	var b strings.Builder
	b.WriteString(s.Title.Render("Review finished") + "\n\n")
	b.WriteString(wrap(fmt.Sprintf("You reviewed %s: %s, %s, %s.", plural(len(r.Answers), "card", "cards"),
		s.Correct.Render(fmt.Sprintf("%s %d right", marks.Correct, right)),
		s.Progress.Render(fmt.Sprintf("%s %d partly right", marks.InProgress, partly)),
		s.Wrong.Render(fmt.Sprintf("%s %d to see again soon", marks.Wrong, wrong))), width) + "\n")
	b.WriteString(wrap(s.Muted.Render("Each card comes back when you are about to forget it: soon if you got it wrong, later each time you get it right."), width) + "\n")
	if m.c.due.Today > 0 {
		b.WriteString("\n" + wrap(fmt.Sprintf("%s %s still due today. Press %s to review %s.", marks.Review, plural(m.c.due.Today, "card is", "cards are"), spoken(m.c.keys.Open), pluralpkg.Form(m.c.due.Today, "it", "them")), width) + "\n")
	} else {
		b.WriteString("\n" + s.Correct.Render(marks.Done+" No more cards are due today.") + "\n")
	}
	first := true
	for _, a := range r.Answers {
		if a.Correct {
			continue
		}
		c, ok := m.card(a.Card)
		if !ok {
			continue
		}
		if first {
			b.WriteString("\n" + s.Subtitle.Render("Look at these again") + "\n")
			first = false
		}
		q := c.Question
		b.WriteString("\n" + wrap(s.Wrong.Render(marks.Wrong+" ")+q.Prompt, width) + "\n")
		b.WriteString(indent(s.Muted.Render("From: ")+c.Lesson.Title, 2, width) + "\n")
		b.WriteString(indent(s.Muted.Render("Your answer: ")+q.Describe(lessons.Response{Choices: a.Choices, Text: a.Text}), 2, width) + "\n")
		b.WriteString(indent(s.Muted.Render("The right answer: ")+q.CorrectAnswer(), 2, width) + "\n")
		if q.Explanation != "" {
			b.WriteString(indent(s.Muted.Render("Why: ")+q.Explanation, 2, width) + "\n")
		}
	}
	return b.String()
}

// card finds a card of the session by its key.
func (m reviewDoneModel) card(k progress.CardKey) (review.Card, bool) {
	for _, c := range m.cards {
		if c.Key == k {
			return c, true
		}
	}
	return review.Card{}, false
}

// view draws the summary.
func (m reviewDoneModel) view() string { return viewportView(m.c.styles, m.vp) }
