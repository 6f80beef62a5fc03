package lessons

// Marking is a graded response: its score and how it was reached, so that
// every screen that shows a mark can say the same thing.
type Marking struct {
	// Score is from 0 (wrong) to 1 (right), as [Question.Score] gives it.
	Score float64
	// Typo says a text answer was accepted although it was one slip away
	// from Matched; the learner should be told the spelling.
	Typo bool
	// Matched is the accepted answer a text answer matched, as the pack
	// writes it; empty for other questions, or when none matched.
	Matched string
}

// Right reports whether the response is fully right.
func (m Marking) Right() bool { return m.Score >= 1-1e-9 }

// Mark grades a response, as [Question.Score] does, and says how: for a
// text question, which accepted answer it matched and whether a slip of
// spelling was forgiven to match it.
func (q *Question) Mark(r Response) Marking {
	if q.Type != TextAnswer {
		return Marking{Score: q.Score(r)}
	}
	a, ok, typo := q.matchText(r.Text)
	if !ok {
		return Marking{}
	}
	return Marking{Score: a.Score, Typo: typo, Matched: a.Text}
}
