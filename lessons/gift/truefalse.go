package gift

import "strings"

// trueFalse reads the answer and feedback of a true/false question. As
// Moodle: in "{FALSE#fb1#fb2}", fb1 is shown when the learner answers
// wrongly and fb2 when rightly, whatever the right answer is; some other
// readers (gift-pegjs) map them to "true" and "false" instead.
func (r *reader) trueFalse(q *Question, answer seg) {
	bits := strings.SplitN(answer.s, "#", 3)
	ans, _ := textWithFormat(trim(bits[0]), q.TextFormat)
	q.TrueFalse = ans == "T" || ans == "TRUE"
	if len(bits) > 1 {
		q.FeedbackWrong, _ = textWithFormat(trim(bits[1]), q.TextFormat)
	}
	if len(bits) > 2 {
		q.FeedbackRight, _ = textWithFormat(trim(bits[2]), q.TextFormat)
	}
}
