package lessons

import (
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScorePartialCredit(t *testing.T) {
	weightedMultiple := &Question{Type: MultipleChoice, Weighted: true, Choices: []Choice{
		{Text: "app code", Correct: true, Weight: 0.5},
		{Text: "fingerprint", Correct: true, Weight: 0.5},
		{Text: "second password", Weight: -1},
		{Text: "security question", Weight: -1},
	}}
	weightedSingle := &Question{Type: SingleChoice, Weighted: true, Choices: []Choice{
		{Text: "best", Correct: true, Weight: 1}, {Text: "half", Weight: 0.5}, {Text: "bad", Weight: -0.5},
	}}
	text := &Question{Type: TextAnswer, Accept: []Accepted{
		{Text: "multi-factor authentication", Score: 1},
		{Text: "multifactor", Score: 0.5, Feedback: "Nearly."},
		{Text: "*", Score: 0, Feedback: "Not quite."},
	}}
	number := &Question{Type: NumberAnswer, Unit: "", Numbers: []NumberRange{
		{Value: 2021, Score: 1}, {Value: 2018, Score: 0.5, Feedback: "That was the EU GDPR."}, {Any: true, Feedback: "No."},
	}}
	matching := &Question{Type: Matching,
		Pairs:       []Pair{{"Phishing", "Fake email"}, {"Malware", "Harmful software"}, {"Patch", "Security update"}},
		Distractors: []string{"Printer toner"}}
	ordering := &Question{Type: Ordering, Items: []string{"Discovery", "Alpha", "Beta", "Live"}}
	cases := []struct {
		name string
		q    *Question
		r    Response
		want float64
	}{
		{"weighted both right", weightedMultiple, Response{Choices: []int{0, 1}}, 1},
		{"weighted one right", weightedMultiple, Response{Choices: []int{1}}, 0.5},
		{"weighted right and wrong", weightedMultiple, Response{Choices: []int{0, 2}}, 0},
		{"weighted everything", weightedMultiple, Response{Choices: []int{0, 1, 2, 3}}, 0},
		{"weighted single best", weightedSingle, Response{Choices: []int{0}}, 1},
		{"weighted single half", weightedSingle, Response{Choices: []int{1}}, 0.5},
		{"weighted single negative floors at 0", weightedSingle, Response{Choices: []int{2}}, 0},
		{"text full", text, Response{Text: "Multi-Factor  Authentication"}, 1},
		{"text partial", text, Response{Text: "multifactor"}, 0.5},
		{"text wildcard scores 0", text, Response{Text: "two factor"}, 0},
		{"number full", number, Response{Text: "2021"}, 1},
		{"number partial", number, Response{Text: "2,018"}, 0.5},
		{"number catch-all", number, Response{Text: "1999"}, 0},
		{"number not a number", number, Response{Text: "soon"}, 0},
		{"matching all", matching, Response{Choices: []int{0, 1, 2}}, 1},
		{"matching two of three", matching, Response{Choices: []int{0, 1, 3}}, 2.0 / 3},
		{"matching none given", matching, Response{Choices: []int{-1, -1, -1}}, 0},
		{"matching wrong length", matching, Response{Choices: []int{0, 1}}, 0},
		{"matching out of range", matching, Response{Choices: []int{0, 1, 9}}, 2.0 / 3},
		{"ordering right", ordering, Response{Choices: []int{0, 1, 2, 3}}, 1},
		{"ordering two swapped", ordering, Response{Choices: []int{1, 0, 2, 3}}, 0.5},
		{"ordering reversed", ordering, Response{Choices: []int{3, 2, 1, 0}}, 0},
		{"ordering not a permutation", ordering, Response{Choices: []int{0, 0, 2, 3}}, 0},
		{"ordering too short", ordering, Response{Choices: []int{0, 1, 2}}, 0},
	}
	for _, c := range cases {
		if got := c.q.Score(c.r); !near(got, c.want) {
			t.Errorf("%s: Score = %v, want %v", c.name, got, c.want)
		}
		if got := c.q.Grade(c.r); got != near(c.want, 1) {
			t.Errorf("%s: Grade = %v", c.name, got)
		}
	}
	if fb := text.AnswerFeedback("multifactor"); fb != "Nearly." {
		t.Errorf("text partial feedback %q", fb)
	}
	if fb := text.AnswerFeedback("mfa"); fb != "Not quite." {
		t.Errorf("text catch-all feedback %q", fb)
	}
	if fb := number.AnswerFeedback("2018"); fb != "That was the EU GDPR." {
		t.Errorf("number partial feedback %q", fb)
	}
	wrong := &Question{Type: TextAnswer, Accept: []Accepted{{Text: "7726", Score: 1}}, WrongFeedback: "It spells SPAM."}
	if fb := wrong.AnswerFeedback("999"); fb != "It spells SPAM." {
		t.Errorf("wrong feedback %q", fb)
	}
	if fb := wrong.AnswerFeedback("7726"); fb != "" {
		t.Errorf("feedback for a right answer %q", fb)
	}
}

func TestWildcardMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "anything", true},
		{"*", "", true},
		{"fr*g", "frog", true},
		{"fr*g", "frg", true},
		{"fr*g", "frogs", false},
		{"*ing", "phishing", true},
		{"ph*", "phishing", true},
		{"a*b*c", "a-x-b-y-c", true},
		{"a*b*c", "a-x-c-y-b", false},
		{"exact", "exact", true},
		{"exact", "exactly", false},
	}
	for _, c := range cases {
		if got := wildcardMatch(c.pattern, c.s); got != c.want {
			t.Errorf("wildcardMatch(%q, %q) = %v", c.pattern, c.s, got)
		}
	}
}

func TestDescribeMatchingAndOrdering(t *testing.T) {
	m := &Question{Type: Matching, Pairs: []Pair{{"A", "1"}, {"B", "2"}}, Distractors: []string{"3"}}
	if got := strings.Join(m.MatchOptions(), ","); got != "1,2,3" {
		t.Errorf("options %s", got)
	}
	if got := m.Describe(Response{Choices: []int{1, -1}}); got != "A → 2; B → (none)" {
		t.Errorf("describe %q", got)
	}
	if got := m.CorrectAnswer(); got != "A → 1; B → 2" {
		t.Errorf("correct %q", got)
	}
	o := &Question{Type: Ordering, Items: []string{"x", "y", "z"}}
	if got := o.Describe(Response{Choices: []int{2, 0, 1}}); got != "1. z, 2. x, 3. y" {
		t.Errorf("describe %q", got)
	}
	if got := o.CorrectAnswer(); got != "1. x, 2. y, 3. z" {
		t.Errorf("correct %q", got)
	}
}

// TestYAMLMatchingOrderingWeights loads the new question types and weights
// from YAML, and refuses their mistakes on the right lines.
func TestYAMLMatchingOrderingWeights(t *testing.T) {
	body := `quiz:
  pass_mark: 50
  questions:
    - id: match
      type: matching
      prompt: Match them.
      pairs:
        - {prompt: Phishing, answer: Fake email}
        - {prompt: Patch, answer: Security update}
      distractors: [Printer toner]
      explanation: e
    - id: order
      type: ordering
      prompt: Order them.
      items: [Discovery, Alpha, Beta, Live]
      explanation: e
    - id: weighted
      type: multiple
      prompt: Pick.
      choices:
        - {text: a, correct: true, weight: 50}
        - {text: b, correct: true, weight: 50}
        - {text: c, weight: -100}
      explanation: e
`
	fsys := validPack()
	setFile(fsys, secondFile, "---\nid: second-lesson\ntitle: Second lesson\nminutes: 7\nobjectives: [x]\n"+body+"---\n## Second\n\nText.\n")
	p := mustLoad(t, fsys)
	l, _ := p.Lesson("second-lesson")
	match, _ := l.Quiz.Question("match")
	if len(match.Pairs) != 2 || match.Pairs[1] != (Pair{"Patch", "Security update"}) || len(match.Distractors) != 1 {
		t.Errorf("matching %+v", match)
	}
	order, _ := l.Quiz.Question("order")
	if strings.Join(order.Items, ",") != "Discovery,Alpha,Beta,Live" {
		t.Errorf("ordering %+v", order)
	}
	w, _ := l.Quiz.Question("weighted")
	if !w.Weighted || w.Choices[0].Weight != 0.5 || w.Choices[2].Weight != -1 || !near(w.Score(Response{Choices: []int{0}}), 0.5) {
		t.Errorf("weighted %+v", w)
	}

	bad := []struct{ old, new, want string }{
		{"        - {prompt: Patch, answer: Security update}\n", "", "a matching question needs 2 to 10 pairs, found 1"},
		{"distractors: [Printer toner]", "distractors: [Fake email]", `distractor "Fake email" is also the answer of a pair`},
		{"{prompt: Patch,", "{prompt: phishing,", `prompt "phishing" is listed twice`},
		{"items: [Discovery, Alpha, Beta, Live]", "items: [Discovery]", "an ordering question needs 2 to 10 items, found 1"},
		{"items: [Discovery, Alpha, Beta, Live]", "items: [Alpha, alpha]", `item "alpha" is listed twice`},
		{"weight: -100}", "weight: -150}", "weight must be between -100 and 100, found -150"},
		{"{text: b, correct: true, weight: 50}", "{text: b, correct: true, weight: 40}", "the positive weights add up to 90%"},
		{"items: [Discovery, Alpha, Beta, Live]", "items: [a, b]\n      accept: [x]", `field "accept" does not apply to an ordering question`},
	}
	for _, b := range bad {
		f := validPack()
		setFile(f, secondFile, "---\nid: second-lesson\ntitle: Second lesson\nminutes: 7\nobjectives: [x]\n"+strings.Replace(body, b.old, b.new, 1)+"---\n## Second\n\nText.\n")
		problems := loadProblems(t, f)
		if !strings.Contains(listProblems(problems), b.want) {
			t.Errorf("%q → %q: want %q in\n%s", b.old, b.new, b.want, listProblems(problems))
		}
	}
}

func TestWarnings(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, secondFile, "    - id: how-many\n      type: number\n      prompt: Within how many hours must a breach be reported?\n      answer: 72\n      tolerance: 1\n      unit: hours\n      explanation: Seventy-two hours.\n", "")
	p := mustLoad(t, fsys)
	got := listProblems(p.Warnings)
	for _, want := range []string{
		"lessons/second-lesson.md:2: warning: the lesson has no sources",
		"lessons/second-lesson.md:8: warning: the quiz has only one question",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
