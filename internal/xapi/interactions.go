package xapi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// The interaction types of Upskill's question types.
var interactionTypes = map[lessons.QuestionType]string{
	lessons.SingleChoice:   "choice",
	lessons.MultipleChoice: "choice",
	lessons.TrueFalse:      "true-false",
	lessons.TextAnswer:     "fill-in",
	lessons.NumberAnswer:   "numeric",
	lessons.Matching:       "matching",
	lessons.Ordering:       "sequencing",
}

// quizDescription describes a quiz: how many questions, and the pass mark.
func quizDescription(q *lessons.Quiz) string {
	return fmt.Sprintf("%d questions; pass mark %d%%", len(q.Questions), q.PassMark)
}

// componentID is the id of the i-th choice, item, prompt or answer, with
// a prefix per list (c: choices, s: prompts, t: answers, i: items),
// counted from 1: "c1", "c2", ...
func componentID(prefix string, i int) string {
	return prefix + strconv.Itoa(i+1)
}

func components(lang, prefix string, texts []string) []Component {
	out := make([]Component, len(texts))
	for i, t := range texts {
		out[i] = Component{ID: componentID(prefix, i), Description: name(lang, t, componentID(prefix, i))}
	}
	return out
}

// questionActivity is a question with its full interaction definition.
// An unknown question (its pack removed or changed) gets its id as name
// and no interaction.
func (b *Builder) questionActivity(k lessonRef, question string) (Activity, *lessons.Question) {
	lang := language(k.pack)
	a := Activity{ObjectType: "Activity", ID: b.iris.Question(k.packID, k.lesson, question),
		Definition: &Definition{Name: LanguageMap{lang: question}, Type: TypeInteraction}}
	l := k.find()
	if l == nil || l.Quiz == nil {
		return a, nil
	}
	q, ok := l.Quiz.Question(question)
	if !ok {
		return a, nil
	}
	a.Definition = questionDefinition(lang, q)
	return a, q
}

// questionDefinition is a question's definition: its prompt, interaction
// type, components and correct responses pattern.
func questionDefinition(lang string, q *lessons.Question) *Definition {
	short := shorten(q.Prompt, 120)
	d := &Definition{Name: name(lang, short, q.ID), Type: TypeInteraction, InteractionType: interactionTypes[q.Type]}
	if short != strings.TrimSpace(q.Prompt) { // the whole prompt, when the name is cut short
		d.Description = text(lang, q.Prompt)
	}
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		texts := make([]string, len(q.Choices))
		var right []string
		for i, c := range q.Choices {
			texts[i] = c.Text
			if c.Correct {
				right = append(right, componentID("c", i))
			}
		}
		d.Choices = components(lang, "c", texts)
		if q.Type == lessons.SingleChoice {
			d.CorrectResponsesPattern = right // any one of them is right
		} else {
			d.CorrectResponsesPattern = []string{strings.Join(right, "[,]")}
		}
	case lessons.TrueFalse:
		d.CorrectResponsesPattern = []string{strconv.FormatBool(len(q.Choices) > 0 && q.Choices[0].Correct)}
	case lessons.TextAnswer:
		for _, a := range q.Accept {
			if a.Score >= 1 {
				d.CorrectResponsesPattern = append(d.CorrectResponsesPattern, "{case_matters=false}"+a.Text)
			}
		}
	case lessons.NumberAnswer:
		for _, n := range q.Numbers {
			if n.Score >= 1 && !n.Any {
				d.CorrectResponsesPattern = append(d.CorrectResponsesPattern,
					number(n.Value-n.Tolerance)+"[:]"+number(n.Value+n.Tolerance))
			}
		}
		if q.Unit != "" {
			d.Extensions = map[string]any{ExtUnit: q.Unit}
		}
	case lessons.Matching:
		prompts := make([]string, len(q.Pairs))
		options := q.MatchOptions()
		var pattern []string
		for i, p := range q.Pairs {
			prompts[i] = p.Prompt
			for j, o := range options {
				if o == p.Answer {
					pattern = append(pattern, componentID("s", i)+"[.]"+componentID("t", j))
				}
			}
		}
		d.Source, d.Target = components(lang, "s", prompts), components(lang, "t", options)
		d.CorrectResponsesPattern = []string{strings.Join(pattern, "[,]")}
	case lessons.Ordering:
		d.Choices = components(lang, "i", q.Items)
		ids := make([]string, len(q.Items))
		for i := range q.Items {
			ids[i] = componentID("i", i)
		}
		d.CorrectResponsesPattern = []string{strings.Join(ids, "[,]")}
	}
	return d
}

// response is an answer in the format of the question's interaction
// type; without the question, the answer's text or choice numbers.
func response(q *lessons.Question, choices []int, typed string) string {
	if q == nil {
		if typed != "" {
			return typed
		}
		return joinIDs("c", choices)
	}
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		return joinIDs("c", choices)
	case lessons.TrueFalse:
		return strconv.FormatBool(len(choices) == 1 && choices[0] == 0)
	case lessons.Matching:
		var parts []string
		for i, c := range choices {
			if c >= 0 {
				parts = append(parts, componentID("s", i)+"[.]"+componentID("t", c))
			}
		}
		return strings.Join(parts, "[,]")
	case lessons.Ordering:
		return joinIDs("i", choices)
	case lessons.NumberAnswer:
		if n, err := lessons.ParseNumber(typed, q.Unit); err == nil {
			return number(n)
		}
	}
	return typed
}

func joinIDs(prefix string, idx []int) string {
	ids := make([]string, 0, len(idx))
	for _, i := range idx {
		if i >= 0 {
			ids = append(ids, componentID(prefix, i))
		}
	}
	return strings.Join(ids, "[,]")
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// shorten cuts s to at most n runes, at a space when it can.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// answerResult is an answer's result: the response, whether it was right,
// and its score.
func answerResult(q *lessons.Question, a progress.Answer) *Result {
	resp := response(q, a.Choices, a.Text)
	success := a.Correct
	r := &Result{Response: &resp, Success: &success, Score: &Score{Scaled: round(a.Points())}}
	if a.Seconds > 0 {
		r.Duration = isoDuration(a.Seconds)
	}
	return r
}
