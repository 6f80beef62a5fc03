package lessons

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// typeFields lists the fields each question type takes besides id, type,
// prompt and explanation, which every question has.
var typeFields = map[QuestionType][]string{
	SingleChoice:   {"choices", "shuffle"},
	MultipleChoice: {"choices", "shuffle"},
	TrueFalse:      {"answer", "wrong_feedback"},
	TextAnswer:     {"accept", "typos", "wrong_feedback"},
	NumberAnswer:   {"answer", "tolerance", "unit", "wrong_feedback"},
	Matching:       {"pairs", "distractors", "wrong_feedback"},
	Ordering:       {"items", "wrong_feedback"},
}

// typeRequired lists the type fields that must be present.
var typeRequired = map[QuestionType][]string{
	SingleChoice:   {"choices"},
	MultipleChoice: {"choices"},
	TrueFalse:      {"answer"},
	TextAnswer:     {"accept"},
	NumberAnswer:   {"answer"},
	Matching:       {"pairs"},
	Ordering:       {"items"},
}

var typeOrder = []string{"choices", "shuffle", "answer", "accept", "typos", "tolerance", "unit", "pairs", "distractors", "items", "wrong_feedback"}

// question decodes one quiz question. ok is false when the question is too
// broken to keep (it has no usable id or type); its problems are recorded
// either way.
func (r *yamlReader) question(n *yaml.Node, index int) (Question, bool) {
	ctx := fmt.Sprintf("question %d", index+1)
	if id := peek(n, "id"); id != "" {
		ctx = fmt.Sprintf("question %q", id)
	}
	var q Question
	var typeNode *yaml.Node
	given := map[string]*yaml.Node{}
	keep := func(name string) func(*yaml.Node) { return func(v *yaml.Node) { given[name] = v } }
	if !r.mapping(n, ctx, []field{
		{"id", true, func(v *yaml.Node) { q.ID = r.id(v, ctx, "id") }},
		{"type", true, func(v *yaml.Node) { typeNode = v; q.Type = QuestionType(r.text(v, ctx, "type")) }},
		{"prompt", true, func(v *yaml.Node) { q.Prompt = r.text(v, ctx, "prompt") }},
		{"explanation", true, func(v *yaml.Node) { q.Explanation = r.feedbackText(v, ctx, "explanation") }},
		{"choices", false, keep("choices")},
		{"shuffle", false, keep("shuffle")},
		{"typos", false, keep("typos")},
		{"answer", false, keep("answer")},
		{"accept", false, keep("accept")},
		{"tolerance", false, keep("tolerance")},
		{"unit", false, keep("unit")},
		{"pairs", false, keep("pairs")},
		{"distractors", false, keep("distractors")},
		{"items", false, keep("items")},
		{"wrong_feedback", false, keep("wrong_feedback")},
	}) || typeNode == nil || q.Type == "" || q.ID == "" {
		return q, false
	}
	allowed, known := typeFields[q.Type]
	if !known {
		r.errorf(typeNode, ctx, "unknown question type %q: use single, multiple, true_false, text, number, matching or ordering", q.Type)
		return q, false
	}
	for _, name := range typeOrder {
		v, ok := given[name]
		switch {
		case ok && !slices.Contains(allowed, name):
			r.errorf(v, ctx, "field %q does not apply to %s %s question", name, article(string(q.Type)), q.Type)
			delete(given, name)
		case !ok && slices.Contains(typeRequired[q.Type], name):
			r.errorf(n, ctx, "%s %s question needs the field %q", article(string(q.Type)), q.Type, name)
		}
	}
	r.questionTypeFields(&q, n, ctx, given)
	return q, true
}

// questionTypeFields decodes the fields that depend on the question type.
func (r *yamlReader) questionTypeFields(q *Question, n *yaml.Node, ctx string, given map[string]*yaml.Node) {
	if v, ok := given["wrong_feedback"]; ok {
		q.WrongFeedback = r.feedbackText(v, ctx, "wrong_feedback")
	}
	if v, ok := given["shuffle"]; ok {
		if shuffle, ok := r.boolean(v, ctx, "shuffle"); ok {
			q.KeepOrder, q.shuffleSet = !shuffle, true
		}
	}
	if v, ok := given["typos"]; ok {
		q.Typos = r.typos(v, ctx)
	}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		if v, ok := given["choices"]; ok {
			q.Choices, q.Weighted = r.choices(v, ctx, q.Type)
		}
	case TrueFalse:
		if v, ok := given["answer"]; ok {
			answer, _ := r.boolean(v, ctx, "answer")
			q.Choices = trueFalseChoices(answer, q.WrongFeedback, "")
		}
	case TextAnswer:
		if v, ok := given["accept"]; ok {
			texts, nodes := r.textList(v, ctx, "accept")
			seen := map[string]bool{}
			for i, a := range texts {
				if norm := NormaliseAnswer(a); seen[norm] {
					r.errorf(nodes[i], ctx, "accepted answer %q is listed twice (capitals and spaces are ignored)", a)
				} else {
					seen[norm] = true
				}
				q.Accept = append(q.Accept, Accepted{Text: a, Score: 1})
			}
		}
	case NumberAnswer:
		right := NumberRange{Score: 1}
		if v, ok := given["answer"]; ok {
			right.Value, _ = r.number(v, ctx, "answer")
		}
		if v, ok := given["tolerance"]; ok {
			if t, ok := r.number(v, ctx, "tolerance"); ok && t < 0 {
				r.errorf(v, ctx, "tolerance must not be negative, found %v", t)
			} else {
				right.Tolerance = t
			}
		}
		q.Numbers = []NumberRange{right}
		if v, ok := given["unit"]; ok {
			q.Unit = r.title(v, ctx, "unit")
		}
	case Matching:
		if v, ok := given["pairs"]; ok {
			q.Pairs = r.pairs(v, ctx)
		}
		if v, ok := given["distractors"]; ok {
			var nodes []*yaml.Node
			q.Distractors, nodes = r.textList(v, ctx, "distractors")
			for i, d := range q.Distractors {
				if slices.ContainsFunc(q.Pairs, func(p Pair) bool { return p.Answer == d }) {
					r.errorf(nodes[i], ctx, "distractor %q is also the answer of a pair", d)
				}
			}
		}
	case Ordering:
		if v, ok := given["items"]; ok {
			var nodes []*yaml.Node
			q.Items, nodes = r.textList(v, ctx, "items")
			r.distinct(q.Items, nodes, ctx, "item")
			if v.Kind == yaml.SequenceNode && (len(q.Items) < 2 || len(q.Items) > maxChoices) {
				r.errorf(v, ctx, "an ordering question needs 2 to %d items, found %d", maxChoices, len(q.Items))
			}
		}
	}
}

// trueFalseChoices builds the two choices of a true/false question: "True"
// then "False", with wrong shown for the wrong one and right for the right.
func trueFalseChoices(answer bool, wrong, right string) []Choice {
	c := []Choice{{Text: "True", Correct: answer}, {Text: "False", Correct: !answer}}
	c[boolIndex(answer)].Weight, c[boolIndex(answer)].Feedback = 1, right
	c[boolIndex(!answer)].Feedback = wrong
	return c
}

// pairs decodes the prompt and answer pairs of a matching question.
func (r *yamlReader) pairs(n *yaml.Node, ctx string) []Pair {
	var out []Pair
	var prompts []string
	var nodes []*yaml.Node
	r.list(n, ctx, "pairs", func(i int, c *yaml.Node) {
		pctx := fmt.Sprintf("%s, pair %d", ctx, i+1)
		var p Pair
		r.mapping(c, pctx, []field{
			{"prompt", true, func(v *yaml.Node) { p.Prompt = r.text(v, pctx, "prompt") }},
			{"answer", true, func(v *yaml.Node) { p.Answer = r.text(v, pctx, "answer") }},
		})
		out = append(out, p)
		prompts = append(prompts, p.Prompt)
		nodes = append(nodes, c)
	})
	r.distinct(prompts, nodes, ctx, "prompt")
	if n.Kind == yaml.SequenceNode && (len(out) < 2 || len(out) > maxChoices) {
		r.errorf(n, ctx, "a matching question needs 2 to %d pairs, found %d", maxChoices, len(out))
	}
	return out
}

// distinct reports texts given twice (ignoring case and spaces).
func (r *yamlReader) distinct(texts []string, nodes []*yaml.Node, ctx, what string) {
	seen := map[string]bool{}
	for i, t := range texts {
		key := NormaliseAnswer(t)
		if seen[key] && key != "" {
			r.errorf(nodes[i], ctx, "%s %q is listed twice", what, t)
		}
		seen[key] = true
	}
}

// article is "an" before a word starting with a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

func boolIndex(b bool) int {
	if b {
		return 0
	}
	return 1
}

// choices decodes the choices of a single or multiple choice question,
// and reports whether any has a weight.
func (r *yamlReader) choices(n *yaml.Node, ctx string, t QuestionType) ([]Choice, bool) {
	if n.Kind == yaml.SequenceNode && len(n.Content) > maxChoices {
		r.errorf(n, ctx, "a question may have at most %d choices, found %d", maxChoices, len(n.Content))
		return nil, false
	}
	var out []Choice
	seen := map[string]int{}
	anyWeight := false
	r.list(n, ctx, "choices", func(i int, c *yaml.Node) {
		cctx := fmt.Sprintf("%s, choice %d", ctx, i+1)
		var ch Choice
		weighted := false
		defer func() { anyWeight = anyWeight || weighted }()
		r.mapping(c, cctx, []field{
			{"text", true, func(v *yaml.Node) { ch.Text = r.text(v, cctx, "text") }},
			{"correct", false, func(v *yaml.Node) { ch.Correct, _ = r.boolean(v, cctx, "correct") }},
			{"weight", false, func(v *yaml.Node) {
				if w, ok := r.integer(v, cctx, "weight"); ok {
					if w < -100 || w > 100 {
						r.errorf(v, cctx, "weight must be between -100 and 100, found %d", w)
					}
					ch.Weight, weighted = float64(w)/100, true
				}
			}},
			{"feedback", false, func(v *yaml.Node) { ch.Feedback = r.feedbackText(v, cctx, "feedback") }},
		})
		if !weighted && ch.Correct {
			ch.Weight = 1 // the score of a correct choice in a weighted question
		}
		key := strings.ToLower(strings.TrimSpace(ch.Text))
		if first, dup := seen[key]; dup && key != "" {
			r.errorf(c, cctx, "the same text as choice %d", first)
		}
		seen[key] = i + 1
		out = append(out, ch)
	})
	if n.Kind != yaml.SequenceNode || len(out) == 0 {
		return out, anyWeight
	}
	correct := 0
	for _, c := range out {
		if c.Correct {
			correct++
		}
	}
	switch {
	case len(out) < 2:
		r.errorf(n, ctx, "a %s question needs at least 2 choices, found %d", t, len(out))
	case t == SingleChoice && correct != 1:
		r.errorf(n, ctx, "a single-choice question needs exactly one correct choice, found %d", correct)
	case t == MultipleChoice && correct == 0:
		r.errorf(n, ctx, "a multiple-choice question needs at least one correct choice, found 0")
	case anyWeight:
		r.checkWeights(n, ctx, t, out)
	}
	return out, anyWeight
}

// checkWeights makes sure weighted choices can add up to full marks, and
// that the choices marked correct are the ones that score.
func (r *yamlReader) checkWeights(n *yaml.Node, ctx string, t QuestionType, choices []Choice) {
	positive := 0.0
	for i, c := range choices {
		if c.Correct && c.Weight <= 0 {
			r.errorf(n, ctx, "choice %d is correct but its weight is %v%%", i+1, c.Weight*100)
		}
		if c.Weight > 0 {
			positive += c.Weight
		}
	}
	if t == MultipleChoice && (positive < 0.99 || positive > 1.01) {
		r.errorf(n, ctx, "the positive weights add up to %.0f%%; they must add up to 100%%", positive*100)
	}
	for i, c := range choices {
		if t == SingleChoice && c.Correct && c.Weight < 0.99 {
			r.errorf(n, ctx, "the correct choice (%d) must have weight 100", i+1)
		}
	}
}
