package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/score"
	"github.com/upskill-council/upskill/lessons"
)

// packIndent is how far the quiz screen indents the text a pack wrote
// (prompts, choices, feedback, explanations). Upskill's own verdicts (✓
// Correct, ✗ Not quite) start at the left edge, where pack text never
// does, so a line of feedback can never pass for one of them.
const packIndent = 2

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
		s.Muted.Render(fmt.Sprintf(" · %s · %s so far", q.Type.Label(), score.MarkCount(m.src.points()))))
	if m.isReview() {
		b.WriteString(s.Muted.Render(truncate("From: "+m.lesson.Title, width)) + "\n")
	}
	prompt := s.Text.Render(q.Prompt)
	if q.Markdown {
		prompt = m.c.markdownPrompt(q.Prompt, width-packIndent)
	}
	b.WriteString("\n" + indent(prompt, packIndent, width) + "\n\n")
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

// option draws one entry of a list the learner chooses from, already
// wrapped into lines: the cursor mark beside its first line when it is
// selected, and the selected style across every line, so that an entry
// that wraps is highlighted whole.
func option(s Styles, selected bool, lines []string, width int) string {
	var b strings.Builder
	for i, line := range lines {
		switch {
		case selected && i == 0:
			b.WriteString(s.Cursor.Render(marks.Cursor) + " " + s.Selected.Render(pad(ansi.Strip(line), width-2)))
		case selected:
			b.WriteString("  " + s.Selected.Render(pad(ansi.Strip(line), width-2)))
		default:
			b.WriteString("  " + line)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// hanging wraps text to width after a label, with the lines after the
// first indented under the text: "1. ( ) a long choice" / "       that wraps".
func hanging(label, text string, width int) []string {
	w := lipgloss.Width(label)
	parts := strings.Split(wrap(text, max(width-w, 1)), "\n")
	lines := make([]string, len(parts))
	for i, p := range parts {
		lines[i] = strings.Repeat(" ", w) + strings.TrimRight(p, " ")
		if i == 0 {
			lines[i] = label + strings.TrimRight(p, " ")
		}
	}
	return lines
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
		lines := hanging(fmt.Sprintf("%d. %s ", row+1, box), q.Choices[i].Text, width-2)
		if row == m.cursor.index {
			*cursorLine += line
		}
		b.WriteString(option(s, row == m.cursor.index, lines, width))
		line += len(lines)
	}
	return b.String()
}

// verdict is Upskill's own line saying how the answer went, at the left
// edge where no pack text is drawn.
func (m quizModel) verdict(q *lessons.Question) string {
	s := m.c.styles
	a := m.last
	switch {
	case a.Correct:
		if mk := q.Mark(lessons.Response{Choices: a.Choices, Text: a.Text}); mk.Typo {
			return s.Correct.Render(marks.Correct+" Right — check the spelling: ") + mk.Matched
		}
		return s.Correct.Render(marks.Correct + " Correct")
	case a.Points() > 0:
		return s.Progress.Render(fmt.Sprintf("%s Partly right: %d%% of the marks", marks.Partly, score.Share(a.Points())))
	default:
		return s.Wrong.Render(marks.Wrong + " Not quite")
	}
}

// feedbackView says whether the answer was right, what the right answer
// is, the feedback for the choices the learner got wrong, and why. All
// but the verdict is pack text or the learner's, indented.
func (m quizModel) feedbackView(width int) string {
	s := m.c.styles
	q := m.question()
	a := m.last
	var b strings.Builder
	r := lessons.Response{Choices: a.Choices, Text: a.Text}
	b.WriteString(wrap(m.verdict(q), width) + "\n")
	if m.onRecord {
		b.WriteString(wrap(s.Muted.Render("You had answered this question before; this is the answer on record."), width) + "\n")
	}
	if q.Type == lessons.Matching {
		b.WriteString(matchTable(s, q, r, width))
	} else {
		b.WriteString(indent(s.Muted.Render("Your answer: ")+q.Describe(r), packIndent, width) + "\n")
		if !a.Correct {
			b.WriteString(indent(s.Muted.Render("The right answer: ")+q.CorrectAnswer(), packIndent, width) + "\n")
		}
	}
	for _, fb := range feedbackFor(q, r, a.Correct) {
		if fb.choice != "" && q.Type == lessons.MultipleChoice {
			b.WriteString("\n" + indent(s.Subtitle.Render(fb.choice), packIndent, width) + "\n" + indent(fb.text, 2*packIndent, width) + "\n")
		} else {
			b.WriteString("\n" + indent(fb.text, packIndent, width) + "\n")
		}
	}
	if q.Explanation != "" {
		b.WriteString("\n" + s.Subtitle.Render("Why") + "\n" + indent(s.Text.Render(q.Explanation), packIndent, width) + "\n")
	}
	return b.String()
}

// matchTable shows a matching answer line by line: ✓ or ✗, the prompt,
// the answer given, and the right answer beside a wrong one. Prompts are
// aligned in a column when they fit a third of the width; otherwise each
// answer goes under its prompt.
func matchTable(s Styles, q *lessons.Question, r lessons.Response, width int) string {
	results := q.MatchResults(r)
	promptWidth := 0
	for _, res := range results {
		promptWidth = max(promptWidth, lipgloss.Width(res.Prompt))
	}
	stacked := promptWidth > width/3
	var b strings.Builder
	for _, res := range results {
		mark, given := s.Correct.Render(marks.Correct), res.Given
		if given == "" {
			given = "(blank)"
		}
		answer := given
		if !res.Correct() {
			mark = s.Wrong.Render(marks.Wrong)
			answer = given + s.Muted.Render(" · right: ") + res.Right
		}
		lead := strings.Repeat(" ", packIndent) + mark + " "
		if stacked {
			b.WriteString(strings.Join(hanging(lead, res.Prompt, width), "\n") + "\n")
			b.WriteString(strings.Join(hanging(strings.Repeat(" ", lipgloss.Width(lead))+"→ ", answer, width), "\n") + "\n")
			continue
		}
		b.WriteString(strings.Join(hanging(lead+pad(res.Prompt, promptWidth)+" → ", answer, width), "\n") + "\n")
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

// view draws the quiz, or, after quit was pressed, the question whether
// to leave.
func (m quizModel) view() string {
	if !m.confirmQuit {
		return viewportView(m.c.styles, m.vp)
	}
	s, k, width := m.c.styles, m.c.keys, m.c.bodyWidth()
	return s.Subtitle.Render("Leave the quiz?") + "\n\n" +
		wrap(fmt.Sprintf("Your answers so far are saved: next time, the quiz carries on where you left off. Press %s to leave, %s to stay.",
			spoken(k.Yes), spoken(k.No)), width)
}

// matchingView lists a matching question's prompts, each with the answer
// given so far; it moves cursorLine to the prompt under the cursor.
func (m quizModel) matchingView(width int, cursorLine *int) string {
	s, k := m.c.styles, m.c.keys
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
		answer := s.Muted.Render("choose with " + spoken(k.Left) + " " + spoken(k.Right))
		if pos := m.matches[i]; pos >= 0 {
			answer = options[m.order[pos]]
		}
		number := fmt.Sprintf("%d. ", i+1)
		var lines []string
		if stacked {
			lines = hanging(number, p.Prompt, width-2)
			lines = append(lines, hanging(strings.Repeat(" ", len(number))+"→ ", "‹ "+answer+" ›", width-2)...)
		} else {
			lines = hanging(number+pad(p.Prompt, promptWidth)+" → ", "‹ "+answer+" ›", width-2)
		}
		if i == m.cursor.index {
			*cursorLine += line
		}
		b.WriteString(option(s, i == m.cursor.index, lines, width))
		line += len(lines)
	}
	hint := q.MatchHint() + " Press " + spoken(k.Left) + " or " + spoken(k.Right) + " to change an answer; go past the first or last to leave it blank."
	b.WriteString("\n" + wrap(s.Muted.Render(hint), width) + "\n")
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
	line := 0
	for pos, item := range m.arrangement {
		text := q.Items[item]
		if pos == m.cursor.index && m.grabbed {
			text = "⇅ " + text + " (moving)"
		}
		lines := hanging(fmt.Sprintf("%d. ", pos+1), text, width-2)
		if pos == m.cursor.index {
			*cursorLine += line
		}
		b.WriteString(option(s, pos == m.cursor.index, lines, width))
		line += len(lines)
	}
	return b.String()
}
