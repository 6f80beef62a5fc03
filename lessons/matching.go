package lessons

import "strconv"

// AnswersRepeat reports whether two or more of a matching question's
// prompts share an answer, so that one answer may rightly be given more
// than once.
func (q *Question) AnswersRepeat() bool {
	seen := map[string]bool{}
	for _, p := range q.Pairs {
		if seen[p.Answer] {
			return true
		}
		seen[p.Answer] = true
	}
	return false
}

// MatchHint tells the learner how a matching question's answers may be
// used, true for the question in hand: how many there are, whether each
// is used once at most, and whether some are left over.
func (q *Question) MatchHint() string {
	options, prompts := len(q.MatchOptions()), len(q.Pairs)
	switch {
	case q.AnswersRepeat():
		return plural(options, "answer") + " to choose from; an answer may be used more than once."
	case options > prompts:
		return plural(options, "answer") + " to choose from; each is used once at most, and some are not used."
	default:
		return plural(options, "answer") + " to choose from; each is used once."
	}
}

// MatchResult is one line of a marked matching answer.
type MatchResult struct {
	Prompt string
	Given  string // the answer given, or "" for none
	Right  string // the answer that matches Prompt
}

// Correct reports whether the line was matched rightly.
func (m MatchResult) Correct() bool { return m.Given == m.Right }

// MatchResults pairs each prompt of a matching question with the answer
// given in r and the right one, for a table of the learner's answer.
func (q *Question) MatchResults(r Response) []MatchResult {
	options := q.MatchOptions()
	out := make([]MatchResult, len(q.Pairs))
	for i, p := range q.Pairs {
		out[i] = MatchResult{Prompt: p.Prompt, Right: p.Answer}
		if i < len(r.Choices) && r.Choices[i] >= 0 && r.Choices[i] < len(options) {
			out[i].Given = options[r.Choices[i]]
		}
	}
	return out
}

// plural is "1 answer" or "3 answers".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
