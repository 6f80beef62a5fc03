package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// resultsModel shows a finished quiz: the score, whether it passed, badges
// it earned and a review of every mistake.
type resultsModel struct {
	plainScreen
	c       *common
	lesson  *lessons.Lesson
	attempt progress.Attempt
	awarded []lessons.Badge
	vp      viewport.Model
}

// retakeMsg asks the root to start a new attempt at a quiz.
type retakeMsg struct{ lessonID string }

func newResults(c *common, l *lessons.Lesson, a progress.Attempt, awarded []lessons.Badge) resultsModel {
	m := resultsModel{c: c, lesson: l, attempt: a, awarded: awarded, vp: viewport.New()}
	return m.layout()
}

// resize lays the results out again.
func (m resultsModel) resize() (screen, tea.Cmd) { return m.layout(), m.promptCmd() }

// promptCmd renders the Markdown prompts of the attempt's questions that
// are not yet rendered at this width.
func (m resultsModel) promptCmd() tea.Cmd {
	quiz := m.lesson.Quiz
	if quiz == nil {
		return nil
	}
	var texts []string
	for _, id := range m.attempt.Questions {
		if q, ok := quiz.Question(id); ok && q.Markdown {
			texts = append(texts, q.Prompt)
		}
	}
	return m.c.promptCmd(texts, m.c.bodyWidth()-packIndent)
}

// crumbs is the lesson's path, then "Results".
func (m resultsModel) crumbs() []string { return append(m.c.lessonCrumbs(m.lesson), "Results") }

// reopen shows the lesson again from a changed pack, from the top.
func (m resultsModel) reopen() reopenTo { return reopenTo{lessonID: m.lesson.ID} }

func (m resultsModel) layout() resultsModel {
	m.vp.SetWidth(m.c.bodyWidth())
	m.vp.SetHeight(m.c.bodyHeight())
	m.vp.SetContent(m.content())
	return m
}

// update handles scrolling, retaking and moving on.
func (m resultsModel) update(msg tea.Msg) (screen, tea.Cmd) {
	k := m.c.keys
	if scroll(&m.vp, msg, k) {
		return m, nil
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(msg, k.Retake):
			return m, send(retakeMsg{lessonID: m.lesson.ID})
		case key.Matches(msg, k.Open):
			if next := m.c.learner.Next(); next != nil {
				return m, send(continueMsg{lessonID: next.ID})
			}
			return m, send(showBadgesMsg{})
		case key.Matches(msg, k.Back):
			return m, send(backMsg{})
		}
	}
	return m, nil
}

// nextLabel says what enter does.
func (m resultsModel) nextLabel() string {
	next := m.c.learner.Next()
	switch {
	case next == nil:
		return "badges"
	case next.ID == m.lesson.ID:
		return "reread lesson"
	default:
		return "next lesson"
	}
}

func (m resultsModel) keys() helpKeys {
	k := m.c.keys
	next := relabel(k.Open, m.nextLabel())
	back := relabel(k.Back, "module")
	return helpKeys{
		short: fitHelp([]key.Binding{next, relabel(k.Retake, "retake"), k.Scroll, back, k.Help, k.Quit}, m.c.bodyWidth(), k),
		full:  [][]key.Binding{{next, k.Retake, back}, {k.Up, k.Down, k.PageUp, k.PageDown}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

func (m resultsModel) content() string {
	s := m.c.styles
	width := m.c.bodyWidth()
	a := m.attempt
	quiz := m.lesson.Quiz
	var b strings.Builder
	b.WriteString(s.Title.Render(truncate("Quiz results: "+m.lesson.Title, width)) + "\n\n")
	summary := fmt.Sprintf("You scored %s of %d (%d%%). The pass mark is %d%%.", score.Marks(a.Points), len(a.Questions), a.Percent, quiz.PassMark)
	if a.Passed {
		b.WriteString(wrap(s.Correct.Render(marks.Correct+" Passed.")+" "+summary, width) + "\n")
	} else {
		b.WriteString(wrap(s.Wrong.Render(marks.Wrong+" Not passed yet.")+" "+summary, width) + "\n")
		b.WriteString(wrap(s.Muted.Render("Read the explanations below, then press "+spoken(m.c.keys.Retake)+" to try again."), width) + "\n")
	}
	if rec := m.c.learner.Lessons[m.lesson.ID]; rec.Scored {
		b.WriteString(s.Muted.Render(fmt.Sprintf("Your best score: %d%% · attempts: %d", rec.BestScore, rec.Attempts)) + "\n")
	}
	for _, badge := range m.awarded {
		b.WriteString("\n" + s.Badge.Render(truncate(marks.Earned+" New badge: "+badge.Title, width)) + "\n")
		b.WriteString(indent(s.Muted.Render(badge.Description), 2, width) + "\n")
	}
	mistakes := 0
	for _, ans := range a.Answers {
		if !ans.Correct {
			mistakes++
		}
	}
	if mistakes == 0 && len(a.Answers) == len(a.Questions) {
		b.WriteString("\n" + s.Correct.Render(marks.Correct+" No mistakes to review.") + "\n")
		return b.String()
	}
	b.WriteString("\n" + s.Subtitle.Render("Review your mistakes") + "\n")
	for i, id := range a.Questions {
		q, ok := quiz.Question(id)
		if !ok {
			continue
		}
		ans, answered := answerTo(a, id)
		if answered && ans.Correct {
			continue
		}
		// Upskill's mark heads each mistake at the left edge; the pack's
		// text and the learner's answer are indented under it.
		head := s.Wrong.Render(fmt.Sprintf("%s Question %d", marks.Wrong, i+1))
		if answered && ans.Points() > 0 {
			head = s.Progress.Render(fmt.Sprintf("%s Question %d (%d%% of the marks)", marks.Partly, i+1, score.Share(ans.Points())))
		}
		prompt := q.Prompt
		if q.Markdown {
			prompt = m.c.markdownPrompt(q.Prompt, width-packIndent)
		}
		b.WriteString("\n" + head + "\n" + indent(prompt, packIndent, width) + "\n")
		r := lessons.Response{Choices: ans.Choices, Text: ans.Text}
		switch {
		case !answered:
			b.WriteString(indent(s.Muted.Render("Your answer: ")+"(not answered)", packIndent, width) + "\n")
			b.WriteString(indent(s.Muted.Render("The right answer: ")+q.CorrectAnswer(), packIndent, width) + "\n")
		case q.Type == lessons.Matching:
			b.WriteString(matchTable(s, q, r, width))
		default:
			b.WriteString(indent(s.Muted.Render("Your answer: ")+q.Describe(r), packIndent, width) + "\n")
			b.WriteString(indent(s.Muted.Render("The right answer: ")+q.CorrectAnswer(), packIndent, width) + "\n")
		}
		if q.Explanation != "" {
			b.WriteString(indent(s.Muted.Render("Why: ")+q.Explanation, packIndent, width) + "\n")
		}
	}
	return b.String()
}

func answerTo(a progress.Attempt, question string) (progress.Answer, bool) {
	for _, ans := range a.Answers {
		if ans.Question == question {
			return ans, true
		}
	}
	return progress.Answer{}, false
}

// view draws the results.
func (m resultsModel) view() string { return viewportView(m.c.styles, m.vp) }
