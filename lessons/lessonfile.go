package lessons

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// lessonAt is a decoded lesson file with the line of its id, for messages
// about the lesson as a whole.
type lessonAt struct {
	lesson       *Lesson
	idLine       int
	quizLine     int
	reviewByLine int // 0 when the lesson has no review_by
}

// splitFrontMatter separates a lesson file into its YAML front matter and
// Markdown body. bodyLine is the file line the body starts on.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, "\r")) != "---" {
		return nil, nil, 0, fmt.Errorf("lesson file has no front matter: it must start with a line holding only ---")
	}
	start := min(len(first)+1, len(data))
	line := 2
	for pos := start; pos < len(data); line++ {
		text, next := data[pos:], len(data)
		if end := bytes.IndexByte(text, '\n'); end >= 0 {
			text, next = text[:end], pos+end+1
		}
		if t := string(bytes.TrimRight(text, "\r")); t == "---" || t == "..." {
			return data[start:pos], data[next:], line + 1, nil
		}
		pos = next
	}
	return nil, nil, 0, fmt.Errorf("the front matter is not closed: add a line holding only --- after it")
}

// decodeLesson reads one lesson file. It returns nil when the file is too
// broken to say which lesson it holds.
func decodeLesson(file string, data []byte, ps *problems) *lessonAt {
	front, body, bodyLine, err := splitFrontMatter(data)
	if err != nil {
		ps.errorf(file, 1, "%v", err)
		return nil
	}
	if len(front) > maxFrontMatterBytes {
		got, most := packfs.SizeOver(uint64(len(front)), maxFrontMatterBytes)
		ps.errorf(file, 1, "the front matter is %s; the limit for front matter is %s", got, most)
		return nil
	}
	r := &yamlReader{file: file, offset: 1, ps: ps}
	root, ok := r.parse(front)
	if !ok {
		return nil
	}
	at := &lessonAt{lesson: &Lesson{File: file}}
	l := at.lesson
	ctx := ""
	quizLine := 0
	r.mapping(root, ctx, []field{
		{"id", true, func(n *yaml.Node) { l.ID = r.id(n, ctx, "id"); at.idLine = r.line(n) }},
		{"title", true, func(n *yaml.Node) { l.Title = r.title(n, ctx, "title") }},
		{"minutes", true, func(n *yaml.Node) {
			if v, ok := r.integer(n, ctx, "minutes"); ok {
				if v < 1 || v > maxMinutes {
					r.errorf(n, ctx, "minutes must be between 1 and %d, found %d", maxMinutes, v)
				}
				l.Minutes = v
			}
		}},
		{"reviewed", false, func(n *yaml.Node) { l.Reviewed, _ = r.date(n, ctx, "reviewed") }},
		{"review_by", false, func(n *yaml.Node) { l.ReviewBy, _ = r.date(n, ctx, "review_by"); at.reviewByLine = r.line(n) }},
		{"objectives", true, func(n *yaml.Node) { l.Objectives, _ = r.textList(n, ctx, "objectives") }},
		{"sources", false, func(n *yaml.Node) { l.Sources = r.sources(n) }},
		{"quiz", false, func(n *yaml.Node) { quizLine = r.line(n); l.Quiz = r.quiz(n) }},
	})
	if at.idLine == 0 {
		at.idLine = r.line(root)
	}
	if !l.Reviewed.IsZero() && !l.ReviewBy.IsZero() && l.ReviewBy.Before(l.Reviewed) {
		ps.errorf(file, at.reviewByLine, "review_by (%s) is before reviewed (%s): a lesson is due for review after it was last reviewed",
			l.ReviewBy.Format(time.DateOnly), l.Reviewed.Format(time.DateOnly))
	}
	if len(l.Sources) == 0 {
		ps.warnf(file, at.idLine, "the lesson has no sources: say where its facts come from")
	}
	at.quizLine = quizLine
	l.Body = checkBody(file, string(body), bodyLine, ps)
	return at
}

func (r *yamlReader) sources(n *yaml.Node) []Source {
	var out []Source
	r.list(n, "", "sources", func(i int, c *yaml.Node) {
		ctx := fmt.Sprintf("source %d", i+1)
		var s Source
		r.mapping(c, ctx, []field{
			{"title", true, func(n *yaml.Node) { s.Title = r.title(n, ctx, "title") }},
			{"url", true, func(n *yaml.Node) {
				s.URL = r.text(n, ctx, "url")
				if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
					r.errorf(n, ctx, "url must start with https:// or http://, found %q", s.URL)
				} else if strings.ContainsAny(s.URL, " \t\n") {
					r.errorf(n, ctx, "url must not contain spaces")
				}
			}},
			{"checked", true, func(n *yaml.Node) { s.Checked, _ = r.date(n, ctx, "checked") }},
		})
		out = append(out, s)
	})
	return out
}

// date decodes a calendar date written YYYY-MM-DD, as midnight UTC.
func (r *yamlReader) date(n *yaml.Node, ctx, name string) (time.Time, bool) {
	v := r.text(n, ctx, name)
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		r.errorf(n, ctx, "%s must be a date written YYYY-MM-DD, found %q", name, v)
		return time.Time{}, false
	}
	return t, true
}

func (r *yamlReader) quiz(n *yaml.Node) *Quiz {
	q := &Quiz{ShuffleChoices: true}
	ctx := "quiz"
	var questionsNode, categoryNode *yaml.Node
	r.mapping(n, ctx, []field{
		{"pass_mark", true, func(n *yaml.Node) {
			if v, ok := r.integer(n, ctx, "pass_mark"); ok {
				if v < 1 || v > 100 {
					r.errorf(n, ctx, "pass_mark must be between 1 and 100, found %d", v)
				}
				q.PassMark = v
			}
		}},
		{"shuffle_questions", false, func(n *yaml.Node) { q.ShuffleQuestions, _ = r.boolean(n, ctx, "shuffle_questions") }},
		{"shuffle_choices", false, func(n *yaml.Node) { q.ShuffleChoices, _ = r.boolean(n, ctx, "shuffle_choices") }},
		{"typos", false, func(n *yaml.Node) { q.Typos = r.typos(n, ctx) }},
		{"questions", false, func(n *yaml.Node) { questionsNode = n }},
		{"bank", false, func(n *yaml.Node) { q.Bank, q.bankLine = r.text(n, ctx, "bank"), r.line(n) }},
		{"category", false, func(n *yaml.Node) { categoryNode = n; q.BankCategory = r.text(n, ctx, "category") }},
	})
	if categoryNode != nil && q.Bank == "" {
		r.errorf(categoryNode, ctx, "category chooses questions from a bank: add the bank's file as bank")
	}
	if questionsNode == nil {
		if q.Bank == "" {
			r.errorf(n, ctx, "a quiz needs questions, or a question bank named by bank")
		}
		return q
	}
	if questionsNode.Kind == yaml.SequenceNode && len(questionsNode.Content) > maxQuestions {
		r.errorf(questionsNode, ctx, "a quiz may have at most %d questions, found %d", maxQuestions, len(questionsNode.Content))
		return q
	}
	seen := map[string]int{}
	r.list(questionsNode, ctx, "questions", func(i int, c *yaml.Node) {
		question, ok := r.question(c, i)
		if !ok {
			return
		}
		if first, dup := seen[question.ID]; dup && question.ID != "" {
			r.errorf(c, "", "duplicate question id %q (first on line %d)", question.ID, first)
			return
		}
		seen[question.ID] = r.line(c)
		q.Questions = append(q.Questions, question)
	})
	return q
}
