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
	SingleChoice:   {"choices"},
	MultipleChoice: {"choices"},
	TrueFalse:      {"answer", "wrong_feedback"},
	TextAnswer:     {"accept", "wrong_feedback"},
	NumberAnswer:   {"answer", "tolerance", "unit", "wrong_feedback"},
}

// typeRequired lists the type fields that must be present.
var typeRequired = map[QuestionType][]string{
	SingleChoice:   {"choices"},
	MultipleChoice: {"choices"},
	TrueFalse:      {"answer"},
	TextAnswer:     {"accept"},
	NumberAnswer:   {"answer"},
}

var typeOrder = []string{"choices", "answer", "accept", "tolerance", "unit", "wrong_feedback"}

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
		{"explanation", true, func(v *yaml.Node) { q.Explanation = r.text(v, ctx, "explanation") }},
		{"choices", false, keep("choices")},
		{"answer", false, keep("answer")},
		{"accept", false, keep("accept")},
		{"tolerance", false, keep("tolerance")},
		{"unit", false, keep("unit")},
		{"wrong_feedback", false, keep("wrong_feedback")},
	}) || typeNode == nil || q.Type == "" || q.ID == "" {
		return q, false
	}
	allowed, known := typeFields[q.Type]
	if !known {
		r.errorf(typeNode, ctx, "unknown question type %q: use single, multiple, true_false, text or number", q.Type)
		return q, false
	}
	for _, name := range typeOrder {
		v, ok := given[name]
		switch {
		case ok && !slices.Contains(allowed, name):
			r.errorf(v, ctx, "field %q does not apply to a %s question", name, q.Type)
			delete(given, name)
		case !ok && slices.Contains(typeRequired[q.Type], name):
			r.errorf(n, ctx, "a %s question needs the field %q", q.Type, name)
		}
	}
	r.questionTypeFields(&q, n, ctx, given)
	return q, true
}

// questionTypeFields decodes the fields that depend on the question type.
func (r *yamlReader) questionTypeFields(q *Question, n *yaml.Node, ctx string, given map[string]*yaml.Node) {
	if v, ok := given["wrong_feedback"]; ok {
		q.WrongFeedback = r.text(v, ctx, "wrong_feedback")
	}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		if v, ok := given["choices"]; ok {
			q.Choices = r.choices(v, ctx, q.Type)
		}
	case TrueFalse:
		if v, ok := given["answer"]; ok {
			answer, _ := r.boolean(v, ctx, "answer")
			q.Choices = []Choice{{Text: "True", Correct: answer}, {Text: "False", Correct: !answer}}
			q.Choices[boolIndex(!answer)].Feedback = q.WrongFeedback
		}
	case TextAnswer:
		if v, ok := given["accept"]; ok {
			var nodes []*yaml.Node
			q.Accept, nodes = r.textList(v, ctx, "accept")
			seen := map[string]bool{}
			for i, a := range q.Accept {
				if norm := NormaliseAnswer(a); seen[norm] {
					r.errorf(nodes[i], ctx, "accepted answer %q is listed twice (capitals and spaces are ignored)", a)
				} else {
					seen[norm] = true
				}
			}
		}
	case NumberAnswer:
		if v, ok := given["answer"]; ok {
			q.Number, _ = r.number(v, ctx, "answer")
		}
		if v, ok := given["tolerance"]; ok {
			if t, ok := r.number(v, ctx, "tolerance"); ok && t < 0 {
				r.errorf(v, ctx, "tolerance must not be negative, found %v", t)
			} else {
				q.Tolerance = t
			}
		}
		if v, ok := given["unit"]; ok {
			q.Unit = r.title(v, ctx, "unit")
		}
	}
}

func boolIndex(b bool) int {
	if b {
		return 0
	}
	return 1
}

func (r *yamlReader) choices(n *yaml.Node, ctx string, t QuestionType) []Choice {
	if n.Kind == yaml.SequenceNode && len(n.Content) > maxChoices {
		r.errorf(n, ctx, "a question may have at most %d choices, found %d", maxChoices, len(n.Content))
		return nil
	}
	var out []Choice
	seen := map[string]int{}
	r.list(n, ctx, "choices", func(i int, c *yaml.Node) {
		cctx := fmt.Sprintf("%s, choice %d", ctx, i+1)
		var ch Choice
		r.mapping(c, cctx, []field{
			{"text", true, func(v *yaml.Node) { ch.Text = r.text(v, cctx, "text") }},
			{"correct", false, func(v *yaml.Node) { ch.Correct, _ = r.boolean(v, cctx, "correct") }},
			{"feedback", false, func(v *yaml.Node) { ch.Feedback = r.text(v, cctx, "feedback") }},
		})
		key := strings.ToLower(strings.TrimSpace(ch.Text))
		if first, dup := seen[key]; dup && key != "" {
			r.errorf(c, cctx, "the same text as choice %d", first)
		}
		seen[key] = i + 1
		out = append(out, ch)
	})
	if n.Kind != yaml.SequenceNode || len(out) == 0 {
		return out
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
	}
	return out
}
