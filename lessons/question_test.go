package lessons

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func singleQ() *Question {
	return &Question{Type: SingleChoice, Choices: []Choice{{Text: "A"}, {Text: "B", Correct: true}, {Text: "C"}}}
}

func multipleQ() *Question {
	return &Question{Type: MultipleChoice, Choices: []Choice{{Text: "A", Correct: true}, {Text: "B"}, {Text: "C", Correct: true}}}
}

func trueFalseQ(answer bool) *Question {
	return &Question{Type: TrueFalse, Choices: []Choice{{Text: "True", Correct: answer}, {Text: "False", Correct: !answer}}}
}

func textQ() *Question {
	return &Question{Type: TextAnswer, Accept: []Accepted{{Text: "Cymraeg", Score: 1}, {Text: "report fraud", Score: 1}, {Text: "Gŵyl", Score: 1}}}
}

func numberQ(answer, tolerance float64, unit string) *Question {
	return &Question{Type: NumberAnswer, Numbers: []NumberRange{{Value: answer, Tolerance: tolerance, Score: 1}}, Unit: unit}
}

func TestGrade(t *testing.T) {
	cases := []struct {
		name string
		q    *Question
		r    Response
		want bool
	}{
		{"single right", singleQ(), Response{Choices: []int{1}}, true},
		{"single wrong", singleQ(), Response{Choices: []int{0}}, false},
		{"single out of range", singleQ(), Response{Choices: []int{3}}, false},
		{"single negative", singleQ(), Response{Choices: []int{-1}}, false},
		{"single none", singleQ(), Response{}, false},
		{"single two choices", singleQ(), Response{Choices: []int{1, 1}}, false},
		{"single text ignored", singleQ(), Response{Text: "B"}, false},

		{"multiple exact set", multipleQ(), Response{Choices: []int{0, 2}}, true},
		{"multiple any order", multipleQ(), Response{Choices: []int{2, 0}}, true},
		{"multiple repeated index", multipleQ(), Response{Choices: []int{2, 0, 2}}, true},
		{"multiple missing one", multipleQ(), Response{Choices: []int{0}}, false},
		{"multiple one extra", multipleQ(), Response{Choices: []int{0, 1, 2}}, false},
		{"multiple none", multipleQ(), Response{}, false},
		{"multiple out of range", multipleQ(), Response{Choices: []int{0, 2, 3}}, false},
		{"multiple negative", multipleQ(), Response{Choices: []int{0, 2, -1}}, false},

		{"true_false true right", trueFalseQ(true), Response{Choices: []int{0}}, true},
		{"true_false true wrong", trueFalseQ(true), Response{Choices: []int{1}}, false},
		{"true_false false right", trueFalseQ(false), Response{Choices: []int{1}}, true},
		{"true_false false wrong", trueFalseQ(false), Response{Choices: []int{0}}, false},
		{"true_false out of range", trueFalseQ(false), Response{Choices: []int{2}}, false},

		{"text exact", textQ(), Response{Text: "Cymraeg"}, true},
		{"text case and spaces", textQ(), Response{Text: "  CYMRAEG "}, true},
		{"text inner spaces", textQ(), Response{Text: "  report   FRAUD "}, true},
		{"text tab and newline", textQ(), Response{Text: "report\t\nfraud"}, true},
		{"text composed", textQ(), Response{Text: "Gŵyl"}, true},
		{"text decomposed", textQ(), Response{Text: "Gw\u0302yl"}, true},
		{"text upper decomposed", textQ(), Response{Text: "GW\u0302YL"}, true},
		{"text wrong", textQ(), Response{Text: "Welsh"}, false},
		{"text partial", textQ(), Response{Text: "Cymrae"}, false},
		{"text empty", textQ(), Response{Text: ""}, false},
		{"text without accent", textQ(), Response{Text: "Gwyl"}, false},

		{"number exact", numberQ(72, 0, "hours"), Response{Text: "72"}, true},
		{"number off by one, no tolerance", numberQ(72, 0, "hours"), Response{Text: "73"}, false},
		{"number within tolerance", numberQ(72, 2, ""), Response{Text: "70"}, true},
		{"number at tolerance edge", numberQ(0.3, 0.1, ""), Response{Text: "0.4"}, true},
		{"number outside tolerance", numberQ(72, 2, ""), Response{Text: "74.5"}, false},
		{"number with unit", numberQ(72, 0, "hours"), Response{Text: "72 hours"}, true},
		{"number with unit in capitals", numberQ(72, 0, "hours"), Response{Text: " 72 HOURS "}, true},
		{"number with unit and no space", numberQ(72, 0, "hours"), Response{Text: "72hours"}, true},
		{"number thousands", numberQ(1000, 0, ""), Response{Text: "1,000"}, true},
		{"number pounds", numberQ(5, 0, ""), Response{Text: "£5"}, true},
		{"number pounds and thousands", numberQ(17500, 0, ""), Response{Text: "£17,500.00"}, true},
		{"number decimal", numberQ(0.5, 0, ""), Response{Text: ".5"}, true},
		{"number not a number", numberQ(72, 100, ""), Response{Text: "seventy-two"}, false},
		{"number empty", numberQ(0, 1, ""), Response{Text: ""}, false},
		{"number NaN", numberQ(0, math.MaxFloat64, ""), Response{Text: "NaN"}, false},
		{"number bad grouping", numberQ(100, 0, ""), Response{Text: "1,00"}, false},
		{"number other unit", numberQ(72, 0, "hours"), Response{Text: "72 days"}, false},

		{"unknown type", &Question{Type: "essay", Accept: []Accepted{{Text: "x", Score: 1}}}, Response{Text: "x"}, false},
	}
	for _, c := range cases {
		if got := c.q.Grade(c.r); got != c.want {
			t.Errorf("%s: Grade(%+v) = %v, want %v", c.name, c.r, got, c.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	good := []struct {
		in, unit string
		want     float64
	}{
		{"72", "", 72},
		{" 72 ", "", 72},
		{"-3", "", -3},
		{"+3", "", 3},
		{"0.5", "", 0.5},
		{".5", "", 0.5},
		{"1.", "", 1},
		{"1,000", "", 1000},
		{"1,234,567.25", "", 1234567.25},
		{"-1,000", "", -1000},
		{"£5", "", 5},
		{"£ 5", "", 5},
		{"£1,000", "", 1000},
		{"72 hours", "hours", 72},
		{"72 Hours", "hours", 72},
		{"72hours", "hours", 72},
		{"£40 per week", "per week", 40},
		{"007", "", 7},
		{"1" + strings.Repeat("0", 20), "", 1e20},
	}
	for _, c := range good {
		got, err := ParseNumber(c.in, c.unit)
		if err != nil || got != c.want {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v", c.in, c.unit, got, err, c.want)
		}
	}
	bad := []struct{ in, unit string }{
		{"", ""},
		{"   ", ""},
		{"1,00", ""},
		{"10,00", ""},
		{"1,0000", ""},
		{",100", ""},
		{"1,000,00", ""},
		{"0x10", ""},
		{"1e3", ""},
		{"1e400", ""},
		{"1" + strings.Repeat("0", 400), ""}, // overflows to infinity
		{"NaN", ""},
		{"Inf", ""},
		{"-Inf", ""},
		{"1_000", ""},
		{"٣", ""},
		{"72 hours", ""},
		{"72 days", "hours"},
		{"hours", "hours"},
		{"-£5", ""},
		{"5£", ""},
		{"$5", ""},
		{"1.2.3", ""},
		{"1 000", ""},
		{"- 5", ""},
		{"Ⱥ", "ⱥ"},        // lower-casing "Ⱥ" makes it longer; this used to panic
		{"5 \u212a", "k"}, // the Kelvin sign folds to k but is three bytes
	}
	for _, c := range bad {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("ParseNumber(%q, %q) panicked: %v", c.in, c.unit, r)
				}
			}()
			got, err := ParseNumber(c.in, c.unit)
			if !errors.Is(err, ErrNotANumber) {
				t.Errorf("ParseNumber(%q, %q) = %v, %v; want ErrNotANumber", c.in, c.unit, got, err)
			}
		}()
	}
	if q := numberQ(1, 0, "ⱥ"); q.Grade(Response{Text: "Ⱥ"}) {
		t.Error(`Grade("Ⱥ") with unit "ⱥ" = true`)
	}
}

func TestNormaliseAnswer(t *testing.T) {
	cases := map[string]string{
		"Cymraeg":            "cymraeg",
		"  CYMRAEG ":         "cymraeg",
		"report   FRAUD":     "report fraud",
		"\treport\nfraud\r ": "report fraud",
		"Gw\u0302yl":         "gŵyl",
		"GŴYL":               "gŵyl",
		"":                   "",
		"   ":                "",
		"a\u00a0b":           "a b", // no-break space is a space
	}
	for in, want := range cases {
		if got := NormaliseAnswer(in); got != want {
			t.Errorf("NormaliseAnswer(%q) = %q, want %q", in, got, want)
		}
	}
	if NormaliseAnswer("ŵ") != NormaliseAnswer("w\u0302") {
		t.Error("composed and decomposed ŵ differ")
	}
}

func TestCorrectAnswer(t *testing.T) {
	cases := []struct {
		name string
		q    *Question
		want string
	}{
		{"single", singleQ(), "B"},
		{"multiple", multipleQ(), "A; C"},
		{"true_false", trueFalseQ(false), "False"},
		{"text", textQ(), "Cymraeg"},
		{"number", numberQ(72, 0, ""), "72"},
		{"number with unit", numberQ(72, 0, "hours"), "72 hours"},
		{"number with tolerance", numberQ(0.5, 0.25, "days"), "0.5 (give or take 0.25) days"},
		{"large number", numberQ(1e6, 0, ""), "1000000"},
	}
	for _, c := range cases {
		if got := c.q.CorrectAnswer(); got != c.want {
			t.Errorf("%s: CorrectAnswer() = %q, want %q", c.name, got, c.want)
		}
	}
	if got := multipleQ().CorrectChoices(); len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Errorf("CorrectChoices() = %v", got)
	}
}

func TestDescribe(t *testing.T) {
	cases := []struct {
		name string
		q    *Question
		r    Response
		want string
	}{
		{"single", singleQ(), Response{Choices: []int{2}}, "C"},
		{"multiple", multipleQ(), Response{Choices: []int{2, 0}}, "C; A"},
		{"out of range skipped", multipleQ(), Response{Choices: []int{5, 1, -1}}, "B"},
		{"nothing selected", multipleQ(), Response{}, "(nothing selected)"},
		{"only out of range", singleQ(), Response{Choices: []int{9}}, "(nothing selected)"},
		{"true_false", trueFalseQ(true), Response{Choices: []int{1}}, "False"},
		{"text", textQ(), Response{Text: "Welsh"}, "Welsh"},
		{"text blank", textQ(), Response{Text: "  "}, "(no answer)"},
		{"number", numberQ(72, 0, "hours"), Response{Text: "72 hours"}, "72 hours"},
		{"number empty", numberQ(72, 0, ""), Response{}, "(no answer)"},
	}
	for _, c := range cases {
		if got := c.q.Describe(c.r); got != c.want {
			t.Errorf("%s: Describe(%+v) = %q, want %q", c.name, c.r, got, c.want)
		}
	}
}

func TestQuestionTypeAndQuiz(t *testing.T) {
	for _, c := range []struct {
		t       QuestionType
		label   string
		choices bool
	}{
		{SingleChoice, "Choose one answer", true},
		{MultipleChoice, "Select all that apply", true},
		{TrueFalse, "True or false", true},
		{TextAnswer, "Type your answer", false},
		{NumberAnswer, "Type a number", false},
		{"essay", "essay", false},
	} {
		if c.t.Label() != c.label || c.t.HasChoices() != c.choices {
			t.Errorf("%s: Label %q HasChoices %v", c.t, c.t.Label(), c.t.HasChoices())
		}
	}
	q := &Quiz{PassMark: 70, Questions: []Question{{ID: "a"}, {ID: "b"}}}
	if !q.Passed(70) || q.Passed(69) || !q.Passed(100) {
		t.Error("Passed is wrong at the pass mark")
	}
	if got, ok := q.Question("b"); !ok || got != &q.Questions[1] {
		t.Error("Question(b) does not return the quiz's own question")
	}
	if _, ok := q.Question("c"); ok {
		t.Error("Question(c) found a missing question")
	}
	for _, a := range Audiences {
		if !a.Valid() || a.Label() == string(a) {
			t.Errorf("audience %q: Valid %v Label %q", a, a.Valid(), a.Label())
		}
	}
	if Audience("boss").Valid() {
		t.Error(`Audience("boss").Valid() = true`)
	}
}
