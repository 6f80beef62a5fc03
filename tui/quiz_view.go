package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/lessons"
)

// refresh lays out the screen's text in the viewport, keeping the cursor in
// sight. The text is small, so doing this on each update is cheap, and
// view only draws the viewport.
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
	fmt.Fprintf(&b, "%s%s\n", s.Subtitle.Render(m.src.heading(m.index)),
		s.Muted.Render(fmt.Sprintf(" · %s · %s so far", q.Type.Label(), markCount(m.src.points()))))
	if m.isReview() {
		b.WriteString(s.Muted.Render(truncate("From: "+m.lesson.Title, width)) + "\n")
	}
	b.WriteString("\n" + wrap(s.Text.Render(q.Prompt), width) + "\n\n")
	cursorLine := -1
	switch m.phase {
	case answering, saving:
		switch {
		case q.Type.HasChoices():
			cursorLine = strings.Count(b.String(), "\n")
			b.WriteString(m.choicesView(width, &cursorLine))
		case q.Type == lessons.Matching:
			cursorLine = strings.Count(b.String(), "\n")
			b.WriteString(m.matchingView(width, &cursorLine))
		case q.Type == lessons.Ordering:
			cursorLine = strings.Count(b.String(), "\n")
			b.WriteString(m.orderingView(width, &cursorLine))
		default:
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
			b.WriteString(s.Cursor.Render(marks.Cursor) + " " + s.Selected.Render(label+parts[0]) + "\n")
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
	switch {
	case a.Correct:
		b.WriteString(s.Correct.Render(marks.Correct+" Correct") + "\n")
	case a.Points() > 0:
		b.WriteString(s.Progress.Render(fmt.Sprintf("%s Partly right: %.0f%% of the marks", marks.InProgress, a.Points()*100)) + "\n")
	default:
		b.WriteString(s.Wrong.Render(marks.Wrong+" Not quite") + "\n")
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
	if q.Explanation != "" {
		b.WriteString("\n" + wrap(s.Subtitle.Render("Why: ")+s.Text.Render(q.Explanation), width) + "\n")
	}
	return b.String()
}

// feedback is a note on one choice (or on the whole answer when choice is
// empty).
type feedback struct{ choice, text string }

// feedbackFor returns the feedback that applies to a response: for a
// choice question, the feedback of every choice the learner chose and of
// every right choice they missed; for a text or number question, that of
// the answer it matched; for the others, the wrong-answer feedback when
// the answer was wrong.
func feedbackFor(q *lessons.Question, r lessons.Response, correct bool) []feedback {
	switch {
	case q.Type.Typed():
		if fb := q.AnswerFeedback(r.Text); fb != "" {
			return []feedback{{text: fb}}
		}
		return nil
	case !q.Type.HasChoices():
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

// view draws the quiz.
func (m quizModel) view() string { return m.vp.View() }

// matchingView lists a matching question's prompts, each with the answer
// given so far; it moves cursorLine to the prompt under the cursor.
func (m quizModel) matchingView(width int, cursorLine *int) string {
	s := m.c.styles
	q := m.question()
	options := q.MatchOptions()
	promptWidth := 0
	for _, p := range q.Pairs {
		promptWidth = max(promptWidth, lipgloss.Width(p.Prompt))
	}
	// Prompts that fit in a third of the width sit beside their answers;
	// longer ones go on their own lines, with the answer below, so that
	// no prompt is cut short.
	stacked := promptWidth > width/3
	var b strings.Builder
	line := 0
	for i, p := range q.Pairs {
		answer := s.Muted.Render("choose with " + spoken(m.c.keys.Left) + " " + spoken(m.c.keys.Right))
		if pos := m.matches[i]; pos >= 0 {
			answer = options[m.order[pos]]
		}
		number := fmt.Sprintf("%d. ", i+1)
		// head is the part of the first row that shows as selected.
		var head string
		var rows []string
		if stacked {
			indent := strings.Repeat(" ", lipgloss.Width(number))
			prompt := strings.Split(wrap(p.Prompt, width-2-len(indent)), "\n")
			head, rows = number+prompt[0], []string{""}
			for _, part := range prompt[1:] {
				rows = append(rows, indent+part)
			}
			for _, part := range strings.Split(wrap("→ ‹ "+answer+" ›", width-2-len(indent)), "\n") {
				rows = append(rows, indent+part)
			}
		} else {
			head = number + pad(p.Prompt, promptWidth) + " → "
			indent := strings.Repeat(" ", lipgloss.Width(head))
			for j, part := range strings.Split(wrap("‹ "+answer+" ›", width-lipgloss.Width(head)-2), "\n") {
				if j == 0 {
					rows = append(rows, part)
				} else {
					rows = append(rows, indent+part)
				}
			}
		}
		if i == m.cursor.index {
			*cursorLine += line
			b.WriteString(s.Cursor.Render(marks.Cursor) + " " + s.Selected.Render(head) + rows[0] + "\n")
		} else {
			b.WriteString("  " + head + rows[0] + "\n")
		}
		for _, row := range rows[1:] {
			b.WriteString("  " + row + "\n")
		}
		line += len(rows)
	}
	b.WriteString("\n" + s.Muted.Render(fmt.Sprintf("%d answers to choose from; each is used once at most.", len(options))) + "\n")
	return b.String()
}

// orderingView lists an ordering question's items as arranged so far; it
// moves cursorLine to the item under the cursor.
func (m quizModel) orderingView(width int, cursorLine *int) string {
	s := m.c.styles
	q := m.question()
	var b strings.Builder
	k := m.c.keys
	help := wrap(s.Muted.Render("First at the top. Press "+spoken(k.Toggle)+" to pick an item up, "+spoken(k.Up)+" "+spoken(k.Down)+" to move it, "+spoken(k.Toggle)+" to put it down."), width)
	b.WriteString(help + "\n\n")
	*cursorLine += strings.Count(help, "\n") + 2
	for pos, item := range m.arrangement {
		text := fmt.Sprintf("%d. %s", pos+1, q.Items[item])
		if pos == m.cursor.index && m.grabbed {
			text = fmt.Sprintf("%d. ⇅ %s (moving)", pos+1, q.Items[item])
		}
		if pos == m.cursor.index {
			*cursorLine += pos
		}
		b.WriteString(row(s, pos == m.cursor.index, text, width) + "\n")
	}
	return b.String()
}

// markCount says how many marks, as "1 mark" or "2.5 marks".
func markCount(p float64) string {
	if p == 1 {
		return "1 mark"
	}
	return formatPoints(p) + " marks"
}

// formatPoints writes a score without a needless decimal: 3, or 2.5.
func formatPoints(p float64) string {
	if p == float64(int(p)) {
		return fmt.Sprintf("%d", int(p))
	}
	return fmt.Sprintf("%.1f", p)
}
