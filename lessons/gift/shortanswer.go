package gift

// shortAnswer reads the answers of a short-answer question. An answer "*"
// is Moodle's wildcard; it is kept as the text "*" for the caller.
func (r *reader) shortAnswer(q *Question, answer seg) error {
	r.st.pieces = answer.split(r.st.pieces[:0], '=')
	pieces := dropEmptyFirst(r.st.pieces)
	if err := checkCount(pieces); err != nil {
		return err
	}
	// Moodle's "at least 1 answer" always holds here: the block is not
	// empty (that is an essay), so there is at least one piece.
	q.Answers = r.st.answers.take(len(pieces))
	fractions := r.st.fractions[:0]
	for n, p := range pieces {
		p = p.trim()
		// Stricter than Moodle, which drops an empty answer when it saves.
		if p.s == "" {
			return r.errAt(p, "answer %d is empty; remove the extra \"=\"", n+1)
		}
		body, frac := p.s, 1.0
		if w, rest, ok := matchWeight(body); ok {
			f, err := parseWeight(w)
			if err != nil {
				return r.errAt(p, "answer %d: %v", n+1, err)
			}
			body, frac = rest, f
		}
		a := Answer{Fraction: frac}
		a.Text, a.Format, a.Feedback = r.st.splitFeedback(body, q.TextFormat)
		if a.Text == "" {
			return r.errAt(p, "answer %d has no text", n+1)
		}
		q.Answers = append(q.Answers, a)
		fractions = append(fractions, frac)
	}
	r.st.fractions = fractions
	return checkBest(fractions)
}
