package lessons

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// typos decodes a "typos" field: strict or forgive.
func (r *yamlReader) typos(n *yaml.Node, ctx string) Typos {
	switch v := Typos(r.text(n, ctx, "typos")); v {
	case TyposStrict, TyposForgive:
		return v
	case "":
		return TyposInherit
	default:
		r.errorf(n, ctx, "typos must be strict or forgive, found %q", string(v))
		return TyposInherit
	}
}

// resolveQuizRules settles each question's spelling and shuffling rules
// from its own fields, its quiz's and its pack's, so that grading and the
// screens need look only at the question.
func resolveQuizRules(p *Pack, files []*lessonAt) {
	for _, at := range files {
		quiz := at.lesson.Quiz
		if quiz == nil {
			continue
		}
		for i := range quiz.Questions {
			q := &quiz.Questions[i]
			if q.Typos == TyposInherit {
				q.Typos = quiz.Typos
			}
			if q.Typos == TyposInherit {
				q.Typos = p.Typos
			}
			if q.Typos == TyposInherit {
				q.Typos = TyposForgive
			}
			if !q.shuffleSet {
				q.KeepOrder = !quiz.ShuffleChoices
			}
		}
	}
}

// marksOfUpskill are the marks Upskill puts at the start of its own lines:
// right, wrong, partly right, badges, status and the cursor.
const marksOfUpskill = "✓✗◐★☆○›▶↻"

// startsWithMark returns the first line of s that starts with one of
// Upskill's marks (after spaces), and whether there is one.
func startsWithMark(s string) (string, bool) {
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimLeft(line, " \t")
		for _, m := range marksOfUpskill {
			if strings.HasPrefix(t, string(m)) {
				return line, true
			}
		}
	}
	return "", false
}

// feedbackText decodes feedback or an explanation, and warns when a line
// of it starts with one of Upskill's marks: learners could take it for
// Upskill's own verdict. The screens indent such text anyway.
func (r *yamlReader) feedbackText(n *yaml.Node, ctx, name string) string {
	s := r.text(n, ctx, name)
	if line, ok := startsWithMark(s); ok {
		msg := name + " has a line starting with a mark that Upskill uses for its own verdicts (" + strings.TrimSpace(line) + "); start it with a word instead"
		if ctx != "" {
			msg = ctx + ": " + msg
		}
		r.ps.warnf(r.file, r.line(n), "%s", msg)
	}
	return s
}
