package lessons

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// QuestionType names the kind of answer a question takes.
type QuestionType string

// The question types of format version 1.
const (
	SingleChoice   QuestionType = "single"
	MultipleChoice QuestionType = "multiple"
	TrueFalse      QuestionType = "true_false"
	TextAnswer     QuestionType = "text"
	NumberAnswer   QuestionType = "number"
)

// Label describes the question type to a learner.
func (t QuestionType) Label() string {
	switch t {
	case SingleChoice:
		return "Choose one answer"
	case MultipleChoice:
		return "Select all that apply"
	case TrueFalse:
		return "True or false"
	case TextAnswer:
		return "Type your answer"
	case NumberAnswer:
		return "Type a number"
	default:
		return string(t)
	}
}

// HasChoices reports whether the learner answers by picking from Choices.
// True/false questions have two choices, "True" and "False".
func (t QuestionType) HasChoices() bool {
	return t == SingleChoice || t == MultipleChoice || t == TrueFalse
}

// Question is one quiz question.
type Question struct {
	ID     string
	Type   QuestionType
	Prompt string
	// Choices holds the choices of single, multiple and true/false
	// questions, in pack order. For true/false they are "True" then "False".
	Choices       []Choice
	Accept        []string // text: accepted answers
	Number        float64  // number: the right answer
	Tolerance     float64  // number: how far from Number is still right
	Unit          string   // number: shown after the input
	Explanation   string
	WrongFeedback string // text, number, true/false: shown when wrong
}

// Choice is one option of a choice question.
type Choice struct {
	Text     string
	Correct  bool
	Feedback string
}

// Response is a learner's answer to a question. Choice questions use
// Choices (indexes into Question.Choices, in pack order); text and number
// questions use Text, as typed.
type Response struct {
	Choices []int  `json:"choices,omitempty"`
	Text    string `json:"text,omitempty"`
}

var (
	plainNumber     = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)$`)
	thousandsNumber = regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$`)
)

// ErrNotANumber is returned by [ParseNumber] for text that is not a number.
var ErrNotANumber = errors.New("not a number")

// Grade reports whether r answers q correctly. A number question whose Text
// is not a number is wrong; callers should check it with [ParseNumber]
// first and ask again.
func (q *Question) Grade(r Response) bool {
	switch q.Type {
	case SingleChoice, TrueFalse:
		return len(r.Choices) == 1 && r.Choices[0] >= 0 && r.Choices[0] < len(q.Choices) && q.Choices[r.Choices[0]].Correct
	case MultipleChoice:
		chosen := make([]bool, len(q.Choices))
		for _, i := range r.Choices {
			if i < 0 || i >= len(q.Choices) {
				return false
			}
			chosen[i] = true
		}
		for i, c := range q.Choices {
			if c.Correct != chosen[i] {
				return false
			}
		}
		return true
	case TextAnswer:
		given := NormaliseAnswer(r.Text)
		return slices.ContainsFunc(q.Accept, func(a string) bool { return NormaliseAnswer(a) == given })
	case NumberAnswer:
		n, err := ParseNumber(r.Text, q.Unit)
		return err == nil && math.Abs(n-q.Number) <= q.Tolerance+1e-9
	default:
		return false
	}
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
		return q.Accept[0]
	case NumberAnswer:
		s := strconv.FormatFloat(q.Number, 'f', -1, 64)
		if q.Tolerance > 0 {
			s += " (give or take " + strconv.FormatFloat(q.Tolerance, 'f', -1, 64) + ")"
		}
		if q.Unit != "" {
			s += " " + q.Unit
		}
		return s
	default:
		var parts []string
		for _, i := range q.CorrectChoices() {
			parts = append(parts, q.Choices[i].Text)
		}
		return strings.Join(parts, "; ")
	}
}

// Describe says what a response was, in words, for the review of mistakes.
func (q *Question) Describe(r Response) string {
	if !q.Type.HasChoices() {
		if strings.TrimSpace(r.Text) == "" {
			return "(no answer)"
		}
		return r.Text
	}
	var parts []string
	for _, i := range r.Choices {
		if i >= 0 && i < len(q.Choices) {
			parts = append(parts, q.Choices[i].Text)
		}
	}
	if len(parts) == 0 {
		return "(nothing selected)"
	}
	return strings.Join(parts, "; ")
}

// NormaliseAnswer folds a typed answer for comparison: Unicode NFC, lower
// case, and every run of spaces turned into one, with none at either end.
func NormaliseAnswer(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

// ParseNumber reads a number as a learner types it: spaces around it, a
// leading pound sign, commas between thousands and the question's unit after
// it (such as "72 hours") are allowed.
func ParseNumber(s, unit string) (float64, error) {
	t := strings.TrimSpace(s)
	if n := len(t) - len(unit); unit != "" && n >= 0 && strings.EqualFold(t[n:], unit) {
		// Compared in place: lower-casing can change a string's length.
		t = strings.TrimSpace(t[:n])
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "£"))
	switch {
	case plainNumber.MatchString(t):
	case thousandsNumber.MatchString(t):
		t = strings.ReplaceAll(t, ",", "")
	default:
		return 0, fmt.Errorf("%q: %w", s, ErrNotANumber)
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(n, 0) {
		return 0, fmt.Errorf("%q: %w", s, ErrNotANumber)
	}
	return n, nil
}
