package lessons

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Score marks a response from 0 (wrong) to 1 (right); values between are
// partial credit, where the question gives it:
//   - single choice and true/false: 1 for the correct choice, else 0; or,
//     when Weighted, the weight of the choice taken;
//   - multiple choice: 1 for exactly the right choices, else 0; or, when
//     Weighted, the sum of the weights of the choices taken, kept within 0
//     and 1;
//   - text and number: the score of the best accepted answer that matches;
//   - matching: the share of prompts matched rightly;
//   - ordering: the share of items in their right place.
//
// A number question whose Text is not a number scores 0; callers should
// check it with [ParseNumber] first and ask again.
func (q *Question) Score(r Response) float64 {
	switch q.Type {
	case SingleChoice, TrueFalse:
		if len(r.Choices) != 1 || !q.validChoice(r.Choices[0]) {
			return 0
		}
		if c := q.Choices[r.Choices[0]]; !q.Weighted {
			return boolScore(c.Correct)
		} else {
			return clamp01(c.Weight)
		}
	case MultipleChoice:
		return q.scoreMultiple(r)
	case TextAnswer:
		return q.Mark(r).Score
	case NumberAnswer:
		if a, ok := q.matchNumber(r.Text); ok {
			return a.Score
		}
		return 0
	case Matching:
		return q.scoreMatching(r)
	case Ordering:
		return q.scoreOrdering(r)
	default:
		return 0
	}
}

// Grade reports whether r is fully right.
func (q *Question) Grade(r Response) bool { return q.Score(r) >= 1-1e-9 }

func (q *Question) validChoice(i int) bool { return i >= 0 && i < len(q.Choices) }

func (q *Question) scoreMultiple(r Response) float64 {
	chosen := make([]bool, len(q.Choices))
	for _, i := range r.Choices {
		if !q.validChoice(i) {
			return 0
		}
		chosen[i] = true // a choice given twice counts once
	}
	if q.Weighted {
		sum := 0.0
		for i, on := range chosen {
			if on {
				sum += q.Choices[i].Weight
			}
		}
		return clamp01(sum)
	}
	for i, c := range q.Choices {
		if c.Correct != chosen[i] {
			return 0
		}
	}
	return 1
}

func (q *Question) scoreMatching(r Response) float64 {
	if len(q.Pairs) == 0 || len(r.Choices) != len(q.Pairs) {
		return 0
	}
	options := q.MatchOptions()
	right := 0
	for i, p := range q.Pairs {
		if c := r.Choices[i]; c >= 0 && c < len(options) && options[c] == p.Answer {
			right++
		}
	}
	return float64(right) / float64(len(q.Pairs))
}

func (q *Question) scoreOrdering(r Response) float64 {
	if len(q.Items) == 0 || !isPermutation(r.Choices, len(q.Items)) {
		return 0
	}
	right := 0
	for pos, item := range r.Choices {
		if item == pos {
			right++
		}
	}
	return float64(right) / float64(len(q.Items))
}

func isPermutation(p []int, n int) bool {
	if len(p) != n {
		return false
	}
	seen := make([]bool, n)
	for _, v := range p {
		if v < 0 || v >= n || seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

func boolScore(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// MatchOptions are the answers a matching question offers, in pack order:
// the pairs' answers (each once), then the distractors.
func (q *Question) MatchOptions() []string {
	var out []string
	for _, p := range q.Pairs {
		if !slices.Contains(out, p.Answer) {
			out = append(out, p.Answer)
		}
	}
	for _, d := range q.Distractors {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// matchText finds the best accepted answer that a typed answer matches
// as written (capitals and spaces aside); failing that, unless the question
// is strict about spelling, the best one it is within one slip of. typo
// says the match needed the slip forgiven.
func (q *Question) matchText(text string) (best Accepted, found, typo bool) {
	given := NormaliseAnswer(text)
	for _, a := range q.Accept {
		if wildcardMatch(NormaliseAnswer(a.Text), given) && (!found || a.Score > best.Score) {
			best, found = a, true
		}
	}
	if found || q.Typos == TyposStrict {
		return best, found, false
	}
	for _, a := range q.Accept {
		want := NormaliseAnswer(a.Text)
		if strings.Contains(want, "*") || letters(want) < MinTypoLetters || !withinOneEdit(want, given) {
			continue
		}
		if !found || a.Score > best.Score {
			best, found = a, true
		}
	}
	return best, found, found
}

// wildcardMatch reports whether s matches pattern, where "*" in pattern
// matches any run of characters, as Moodle's short answers do.
func wildcardMatch(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == s
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return true
}

// matchNumber finds the best accepted answer a typed number falls within.
func (q *Question) matchNumber(text string) (NumberRange, bool) {
	n, err := ParseNumber(text, q.Unit)
	if err != nil {
		return NumberRange{}, false
	}
	var best NumberRange
	found := false
	for _, a := range q.Numbers {
		if (a.Any || math.Abs(n-a.Value) <= a.Tolerance+1e-9) && (!found || a.Score > best.Score) {
			best, found = a, true
		}
	}
	return best, found
}

// AnswerFeedback is the feedback a text or number question gives for an
// answer: that of the accepted answer it matched, or WrongFeedback when it
// matched none that scores.
func (q *Question) AnswerFeedback(text string) string {
	var fb string
	var score float64
	switch q.Type {
	case TextAnswer:
		a, _, _ := q.matchText(text)
		fb, score = a.Feedback, a.Score
	case NumberAnswer:
		a, _ := q.matchNumber(text)
		fb, score = a.Feedback, a.Score
	default:
		return ""
	}
	if fb == "" && score < 1 {
		return q.WrongFeedback
	}
	return fb
}

// CorrectChoices returns the indexes of the correct choices.
func (q *Question) CorrectChoices() []int {
	var out []int
	for i, c := range q.Choices {
		if c.Correct {
			out = append(out, i)
		}
	}
	return out
}

// CorrectAnswer describes the right answer in words, for feedback.
func (q *Question) CorrectAnswer() string {
	switch q.Type {
	case TextAnswer:
		for _, a := range q.Accept {
			if a.Score >= 1 {
				return a.Text
			}
		}
		return ""
	case NumberAnswer:
		for _, a := range q.Numbers {
			if a.Score >= 1 && !a.Any {
				return q.describeNumber(a)
			}
		}
		return ""
	case Matching:
		parts := make([]string, len(q.Pairs))
		for i, p := range q.Pairs {
			parts[i] = p.Prompt + " → " + p.Answer
		}
		return strings.Join(parts, "; ")
	case Ordering:
		return numbered(q.Items)
	default:
		var parts []string
		for _, i := range q.CorrectChoices() {
			parts = append(parts, q.Choices[i].Text)
		}
		return strings.Join(parts, "; ")
	}
}

func (q *Question) describeNumber(a NumberRange) string {
	s := strconv.FormatFloat(a.Value, 'f', -1, 64)
	if a.Tolerance > 0 {
		s += " (give or take " + strconv.FormatFloat(a.Tolerance, 'f', -1, 64) + ")"
	}
	if q.Unit != "" {
		s += " " + q.Unit
	}
	return s
}

func numbered(items []string) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprintf("%d. %s", i+1, it)
	}
	return strings.Join(parts, ", ")
}

// Describe says what a response was, in words, for the review of mistakes.
func (q *Question) Describe(r Response) string {
	switch {
	case q.Type == Matching:
		options := q.MatchOptions()
		parts := make([]string, 0, len(q.Pairs))
		for i, p := range q.Pairs {
			given := "(none)"
			if i < len(r.Choices) && r.Choices[i] >= 0 && r.Choices[i] < len(options) {
				given = options[r.Choices[i]]
			}
			parts = append(parts, p.Prompt+" → "+given)
		}
		return strings.Join(parts, "; ")
	case q.Type == Ordering:
		if !isPermutation(r.Choices, len(q.Items)) {
			return "(no answer)"
		}
		items := make([]string, len(r.Choices))
		for pos, i := range r.Choices {
			items[pos] = q.Items[i]
		}
		return numbered(items)
	case !q.Type.HasChoices():
		if strings.TrimSpace(r.Text) == "" {
			return "(no answer)"
		}
		return r.Text
	}
	var parts []string
	for _, i := range r.Choices {
		if q.validChoice(i) {
			parts = append(parts, q.Choices[i].Text)
		}
	}
	if len(parts) == 0 {
		return "(nothing selected)"
	}
	return strings.Join(parts, "; ")
}
