package accessible

import (
	"slices"
	"strings"

	"github.com/upskill-council/upskill/lessons"
)

// feedbackNote is the feedback on one choice, or on the whole answer when
// choice is empty.
type feedbackNote struct{ choice, text string }

// feedbackFor returns the feedback that applies to a response, as the
// full-screen quiz chooses it (a copy of feedbackFor in
// tui/quiz_view.go): for a choice question, the feedback of every choice
// taken and of every right choice missed; for a text or number question,
// that of the answer it matched; for the others, the wrong-answer
// feedback when the answer was wrong.
func feedbackFor(q *lessons.Question, r lessons.Response, correct bool) []feedbackNote {
	switch {
	case q.Type.Typed():
		if fb := q.AnswerFeedback(r.Text); fb != "" {
			return []feedbackNote{{text: fb}}
		}
		return nil
	case !q.Type.HasChoices():
		if !correct && q.WrongFeedback != "" {
			return []feedbackNote{{text: q.WrongFeedback}}
		}
		return nil
	}
	var out []feedbackNote
	for i, c := range q.Choices {
		chosen := slices.Contains(r.Choices, i)
		missed := q.Type == lessons.MultipleChoice && c.Correct && !chosen
		if c.Feedback != "" && (chosen || missed) {
			out = append(out, feedbackNote{choice: c.Text, text: c.Feedback})
		}
	}
	return out
}

// describe says what a response was, in words. It is lessons'
// Question.Describe, except that a matching answer reads "prompt: answer"
// rather than using an arrow, which a screen reader would name.
func describe(q *lessons.Question, r lessons.Response) string {
	if q.Type != lessons.Matching {
		return q.Describe(r)
	}
	options := q.MatchOptions()
	parts := make([]string, len(q.Pairs))
	for i, p := range q.Pairs {
		given := msgNone
		if i < len(r.Choices) && r.Choices[i] >= 0 && r.Choices[i] < len(options) {
			given = options[r.Choices[i]]
		}
		parts[i] = p.Prompt + ": " + given
	}
	return strings.Join(parts, "; ")
}

// rightAnswer says what the right answer is, in words: lessons'
// Question.CorrectAnswer, with matching pairs as "prompt: answer".
func rightAnswer(q *lessons.Question) string {
	if q.Type != lessons.Matching {
		return q.CorrectAnswer()
	}
	parts := make([]string, len(q.Pairs))
	for i, p := range q.Pairs {
		parts[i] = p.Prompt + ": " + p.Answer
	}
	return strings.Join(parts, "; ")
}
