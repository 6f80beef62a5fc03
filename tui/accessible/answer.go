package accessible

import (
	"slices"
	"strconv"
	"strings"

	"github.com/upskill-council/upskill/lessons"
)

// askQuestion asks one question, its options numbered in order (the
// display order), and returns the learner's response; left is true when
// they typed b to leave. A matching question is asked a line at a time.
func (s *session) askQuestion(heading []string, q *lessons.Question, order []int) (r lessons.Response, left bool, err error) {
	if q.Type == lessons.Matching {
		return s.askMatching(heading, q, order)
	}
	p := prompt{lines: append(append(heading[:len(heading):len(heading)], q.Prompt), optionLines(q, order)...), hint: msgQuestionHint(q.Type, len(order), q.Unit)}
	line, err := s.ask(p)
	for {
		if err != nil {
			return r, false, err
		}
		if isBack(line) {
			return r, true, nil
		}
		resp, why := parseAnswer(q, order, line)
		if why == "" {
			return resp, false, nil
		}
		s.retry(p, why)
		line, err = s.askAgain(p)
	}
}

// askMatching asks a matching question one line at a time: each prompt,
// with the answers to choose from, numbered.
func (s *session) askMatching(heading []string, q *lessons.Question, order []int) (lessons.Response, bool, error) {
	options := q.MatchOptions()
	s.say(heading...)
	s.say(q.Prompt, msgMatchingIntro(len(q.Pairs), len(options)))
	r := lessons.Response{Choices: make([]int, len(q.Pairs))}
	for i, pair := range q.Pairs {
		names := make([]string, len(order))
		for j, o := range order {
			names[j] = options[o]
		}
		p := prompt{lines: append([]string{msgMatchingLine(i+1, len(q.Pairs), pair.Prompt), msgChoices}, numbered(names)...),
			hint: msgMatchingHint}
		line, err := s.ask(p)
		for {
			if err != nil {
				return r, false, err
			}
			if isBack(line) {
				return r, true, nil
			}
			if n, ok := pickNumber(line, len(order)); ok {
				r.Choices[i] = order[n-1]
				break
			}
			s.retry(p, msgNotAChoice(line, len(order)))
			line, err = s.askAgain(p)
		}
	}
	return r, false, nil
}

// optionLines numbers a question's options in display order: its
// choices, or an ordering question's items.
func optionLines(q *lessons.Question, order []int) []string {
	names := make([]string, len(order))
	for i, o := range order {
		if q.Type == lessons.Ordering {
			names[i] = q.Items[o]
		} else {
			names[i] = q.Choices[o].Text
		}
	}
	return numbered(names)
}

// parseAnswer reads a typed line as an answer to q, whose options are
// numbered in order. When the line is not an answer, it returns the one
// sentence saying why.
func parseAnswer(q *lessons.Question, order []int, line string) (lessons.Response, string) {
	var r lessons.Response
	switch q.Type {
	case lessons.SingleChoice:
		n, ok := pickNumber(line, len(order))
		if !ok {
			return r, msgNotAChoice(line, len(order))
		}
		r.Choices = []int{order[n-1]}
	case lessons.TrueFalse:
		n, ok := pickNumber(line, len(order))
		if !ok {
			n, ok = trueFalseWord(q, order, line)
		}
		if !ok {
			return r, msgNotTrueFalse
		}
		r.Choices = []int{order[n-1]}
	case lessons.MultipleChoice:
		nums, ok := numbers(line, len(order))
		if !ok || len(nums) == 0 {
			return r, msgNotNumbers(len(order))
		}
		for _, n := range nums {
			if c := order[n-1]; !slices.Contains(r.Choices, c) {
				r.Choices = append(r.Choices, c)
			}
		}
		slices.Sort(r.Choices)
	case lessons.Ordering:
		nums, ok := numbers(line, len(order))
		if !ok || !isPermutation(nums, len(order)) {
			return r, msgNotAnOrder(len(order))
		}
		r.Choices = make([]int, len(nums))
		for pos, n := range nums {
			r.Choices[pos] = order[n-1]
		}
	case lessons.TextAnswer:
		if line == "" {
			return r, msgTypeAnAnswer
		}
		r.Text = line
	case lessons.NumberAnswer:
		if _, err := lessons.ParseNumber(line, q.Unit); err != nil {
			return r, msgNotANumber
		}
		r.Text = line
	}
	return r, ""
}

// trueFalseWord reads "true", "false", "t" or "f" as the number of that
// choice.
func trueFalseWord(q *lessons.Question, order []int, line string) (int, bool) {
	w := strings.ToLower(strings.TrimSuffix(line, "."))
	for i, o := range order {
		c := strings.ToLower(q.Choices[o].Text)
		if w == c || (len(w) == 1 && strings.HasPrefix(c, w)) {
			return i + 1, true
		}
	}
	return 0, false
}

// numbers reads numbers from 1 to n separated by spaces or commas.
func numbers(line string, n int) ([]int, bool) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	out := make([]int, 0, len(fields))
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > n {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// isPermutation reports whether nums holds each number from 1 to n once.
func isPermutation(nums []int, n int) bool {
	if len(nums) != n {
		return false
	}
	seen := make([]bool, n+1)
	for _, v := range nums {
		if seen[v] {
			return false
		}
		seen[v] = true
	}
	return true
}
