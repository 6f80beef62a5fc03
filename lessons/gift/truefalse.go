package gift

import "strings"

// trueFalse reads the answer and feedback of a true/false question. As
// Moodle: in "{FALSE#fb1#fb2}", fb1 is shown when the learner answers
// wrongly and fb2 when rightly, whatever the right answer is; some other
// readers (gift-pegjs) map them to "true" and "false" instead. Anything
// after a third "#" belongs to fb2.
func (r *reader) trueFalse(q *Question, answer seg) {
	ans, feedback, hasFeedback := strings.Cut(answer.s, "#")
	ans, _ = formatPrefix(trim(ans), q.TextFormat)
	ans = trim(decode(ans))
	q.TrueFalse = ans == "T" || ans == "TRUE"
	if !hasFeedback {
		return
	}
	wrong, right, hasRight := strings.Cut(feedback, "#")
	q.FeedbackWrong, _ = r.st.textWithFormat(trim(wrong), q.TextFormat)
	if hasRight {
		q.FeedbackRight, _ = r.st.textWithFormat(trim(right), q.TextFormat)
	}
}
