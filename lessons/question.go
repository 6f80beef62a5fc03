package lessons

import (
	"errors"
	"fmt"
	"math"
	"regexp"
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
	Matching       QuestionType = "matching"
	Ordering       QuestionType = "ordering"
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
	case Matching:
		return "Match each one"
	case Ordering:
		return "Put in order"
	default:
		return string(t)
	}
}

// Typed reports whether the learner answers by typing (text and number
// questions).
func (t QuestionType) Typed() bool { return t == TextAnswer || t == NumberAnswer }

// HasChoices reports whether the learner answers by picking from Choices.
// True/false questions have two choices, "True" and "False".
func (t QuestionType) HasChoices() bool {
	return t == SingleChoice || t == MultipleChoice || t == TrueFalse
}

// Question is one quiz question. Which fields are set depends on Type.
type Question struct {
	ID     string
	Type   QuestionType
	Prompt string
	// Markdown says Prompt is Markdown (a GIFT question written
	// [markdown]), sanitised as a lesson's text is, to be rendered as
	// a lesson's text is; otherwise it is plain text.
	Markdown bool
	// Choices holds the choices of single, multiple and true/false
	// questions, in pack order. For true/false they are "True" then "False".
	Choices []Choice
	// Weighted says a choice question gives partial credit by the
	// choices' weights: a single-choice question scores the weight of the
	// choice taken, a multiple-choice one the sum of the weights taken,
	// between 0 and 1. Otherwise only the right choice (or exactly the
	// right set) scores.
	Weighted bool
	// Accept holds the accepted answers of a text question; the first has
	// full marks.
	Accept []Accepted
	// Numbers holds the accepted answers of a number question; the first
	// has full marks.
	Numbers []NumberRange
	Unit    string // number: shown after the input
	// Pairs holds a matching question's prompts with their answers, and
	// Distractors the answers that match no prompt.
	Pairs       []Pair
	Distractors []string
	// Items holds an ordering question's items in the right order.
	Items         []string
	Explanation   string
	WrongFeedback string // text, number, true/false: shown when wrong
	// Typos says whether a text question forgives a slip of spelling in
	// an answer of MinTypoLetters letters or more. A loaded pack resolves
	// it from the question, its quiz and its pack, so it is TyposStrict
	// or TyposForgive; TyposInherit, in a question built by hand, forgives.
	Typos Typos
	// KeepOrder says a single- or multiple-choice question shows its
	// choices in pack order on every attempt (shuffle: false), such as
	// one whose last choice is "All of the above". Otherwise each attempt
	// shuffles them.
	KeepOrder bool
	// shuffleSet says the question's own file chose shuffle, so that its
	// quiz's shuffle_choices does not override it.
	shuffleSet bool
	// Source is where a question from a question bank was read, such as
	// "banks/cyber.gift:12"; empty for questions written in YAML.
	Source string
}

// Choice is one option of a choice question.
type Choice struct {
	Text    string
	Correct bool
	// Weight is the score for taking this choice, from -1 to 1, used when
	// the question is Weighted.
	Weight   float64
	Feedback string
}

// Accepted is an accepted answer to a text question. Text may hold "*",
// which matches any run of characters (as in Moodle).
type Accepted struct {
	Text     string
	Score    float64 // 0 to 1
	Feedback string
}

// NumberRange is an accepted answer to a number question: any number within
// Tolerance of Value, or any number at all when Any is set.
type NumberRange struct {
	Value, Tolerance float64
	Score            float64 // 0 to 1
	Feedback         string
	Any              bool
}

// Pair is one prompt of a matching question and the answer it matches.
type Pair struct{ Prompt, Answer string }

// Response is a learner's answer to a question.
//   - Choice questions: Choices holds indexes into Question.Choices, in pack
//     order.
//   - Matching: Choices[i] is the index into MatchOptions of the answer
//     given for Pairs[i], or -1 for none.
//   - Ordering: Choices[p] is the index into Items of the item the learner
//     put in position p.
//   - Text and number questions: Text, as typed.
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
