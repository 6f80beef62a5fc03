package gift

import (
	"errors"
	"fmt"
)

// matching reads the pairs of a matching question.
func (r *reader) matching(q *Question, answer seg) error {
	r.st.pieces = answer.split(r.st.pieces[:0], '=')
	pieces := dropEmptyFirst(r.st.pieces)
	if err := checkCount(pieces); err != nil {
		return err
	}
	if len(pieces) < 2 {
		return fmt.Errorf("a matching question needs at least 2 pairs, but this one has %d", len(pieces))
	}
	q.Pairs = r.st.pairs.take(len(pieces))
	questions := 0
	for n, p := range pieces {
		p = p.trim()
		left, right, ok := p.cut("->")
		if !ok {
			return r.errAt(p, `pair %d (%s) has no "->" between the question and its answer`, n+1, quote(decode(p.s)))
		}
		var pair Pair
		pair.Question, _ = r.st.textWithFormat(left.s, q.TextFormat)
		// As Moodle: the answer side takes no format prefix.
		pair.Answer = r.st.texts.text(right.s)
		// Stricter than Moodle, which drops a pair with neither side and
		// only warns about a question with no answer.
		if pair.Answer == "" {
			return r.errAt(p, `pair %d has no answer after "->"`, n+1)
		}
		if pair.Question != "" {
			questions++
		}
		q.Pairs = append(q.Pairs, pair)
	}
	// Stricter than Moodle: with only distractors ("= -> answer") there is
	// nothing for the learner to match.
	if questions == 0 {
		return errors.New(`a matching question needs at least one pair with a question; pairs written "= -> answer" are only extra wrong answers`)
	}
	return nil
}
