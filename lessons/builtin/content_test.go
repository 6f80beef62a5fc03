package builtin

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/upskill-council/upskill/lessons"
)

// packDir lets a writer run the content checks on a pack folder before it
// is embedded: go test ./lessons/builtin -run TestContent -args -pack DIR
var packDir = flag.String("pack", "", "check the pack in this folder instead of the built-in one")

// The content rules for the built-in curriculum.
const (
	minWords, maxWords         = 500, 1200 // of a lesson's prose
	minQuestions, maxQuestions = 5, 8      // in a lesson's quiz
	maxAverageSentence         = 20        // words, over a lesson
	maxSentence                = 40        // words, any one sentence
	minLessons                 = 28
	minModuleLessons           = 2
	maxModuleLessons           = 4
)

// contentPack loads the pack the content checks run on.
func contentPack(t *testing.T) *lessons.Pack {
	t.Helper()
	var p *lessons.Pack
	var err error
	if *packDir != "" {
		p, err = lessons.Load(os.DirFS(*packDir))
	} else {
		p, err = LoadSource()
	}
	if err != nil {
		t.Fatalf("the pack is invalid: %v", err)
	}
	for _, w := range p.Warnings {
		t.Errorf("warning: %v", w)
	}
	return p
}

// TestContent checks every lesson of the curriculum against the rules a
// trainer can trust: objectives, dated https sources, length, a quiz of
// five to eight questions with explanations and feedback, and readable
// sentences.
func TestContent(t *testing.T) {
	p := contentPack(t)
	if *packDir == "" {
		if n := p.LessonCount(); n < minLessons {
			t.Errorf("%d lessons; the curriculum needs at least %d", n, minLessons)
		}
		for _, m := range p.Modules {
			if n := len(m.LessonIDs); n < minModuleLessons || n > maxModuleLessons {
				t.Errorf("module %q has %d lessons, want %d to %d", m.ID, n, minModuleLessons, maxModuleLessons)
			}
		}
	}
	questionIDs := map[string]string{}
	for i := range p.Modules {
		for _, l := range p.LessonsOf(&p.Modules[i]) {
			t.Run(l.ID, func(t *testing.T) {
				checkLessonContent(t, l)
				if l.Quiz == nil {
					return
				}
				for _, q := range l.Quiz.Questions {
					if other, ok := questionIDs[q.ID]; ok {
						t.Errorf("question id %q is also in lesson %q", q.ID, other)
					}
					questionIDs[q.ID] = l.ID
				}
			})
		}
	}
	t.Logf("%d modules, %d lessons, %d questions", len(p.Modules), p.LessonCount(), p.QuestionCount())
}

func checkLessonContent(t *testing.T, l *lessons.Lesson) {
	t.Helper()
	if len(l.Objectives) == 0 {
		t.Error("no objectives")
	}
	if len(l.Sources) == 0 {
		t.Error("no sources")
	}
	for _, s := range l.Sources {
		if !strings.HasPrefix(s.URL, "https://") || s.Checked.IsZero() || s.Title == "" {
			t.Errorf("source %q (%s): want a title, an https URL and the date checked", s.Title, s.URL)
		}
	}
	prose := proseOf(l.Body)
	words := 0
	for _, block := range prose.blocks {
		words += len(wordsOf(block))
	}
	if words < minWords || words > maxWords {
		t.Errorf("%d words of prose, want %d to %d", words, minWords, maxWords)
	}
	sentences := sentencesOf(prose.sentenceBlocks)
	total := 0
	for _, s := range sentences {
		total += len(s)
		if len(s) > maxSentence {
			t.Errorf("a sentence of %d words (the limit is %d): %q", len(s), maxSentence, strings.Join(s, " "))
		}
	}
	if len(sentences) > 0 {
		avg := float64(total) / float64(len(sentences))
		if avg > maxAverageSentence {
			t.Errorf("sentences average %.1f words; the limit is %d", avg, maxAverageSentence)
		}
		t.Logf("%d words of prose, %d sentences averaging %.1f words", words, len(sentences), avg)
	}
	checkQuiz(t, l.Quiz)
}

func checkQuiz(t *testing.T, quiz *lessons.Quiz) {
	t.Helper()
	if quiz == nil {
		t.Error("no quiz")
		return
	}
	if n := len(quiz.Questions); n < minQuestions || n > maxQuestions {
		t.Errorf("a quiz of %d questions, want %d to %d", n, minQuestions, maxQuestions)
	}
	types := map[lessons.QuestionType]bool{}
	for _, q := range quiz.Questions {
		types[q.Type] = true
		where := fmt.Sprintf("question %q", q.ID)
		if strings.TrimSpace(q.Explanation) == "" {
			t.Errorf("%s has no explanation", where)
		}
		switch q.Type {
		case lessons.SingleChoice, lessons.MultipleChoice:
			correct := 0
			for _, c := range q.Choices {
				if c.Correct {
					correct++
				} else if strings.TrimSpace(c.Feedback) == "" {
					t.Errorf("%s: wrong choice %q has no feedback", where, c.Text)
				}
			}
			if q.Type == lessons.SingleChoice && (correct != 1 || len(q.Choices) < 3) {
				t.Errorf("%s: %d choices, %d correct; a single-choice question needs one correct of at least three", where, len(q.Choices), correct)
			}
		case lessons.TrueFalse, lessons.TextAnswer, lessons.NumberAnswer:
			if strings.TrimSpace(q.WrongFeedback) == "" {
				t.Errorf("%s: no wrong_feedback", where)
			}
		}
	}
	if len(types) < 2 {
		t.Errorf("the quiz uses only one question type; mix them")
	}
}

// prose is the text of a lesson body: every block of words (paragraphs,
// list items, headings, table cells), and those that are written as
// sentences (paragraphs and list items).
type prose struct {
	blocks, sentenceBlocks []string
}

// proseOf extracts the prose of a Markdown body, leaving out code.
func proseOf(body string) prose {
	src := []byte(body)
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	doc := md.Parser().Parse(text.NewReader(src))
	var p prose
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			s := inlineText(n, src)
			p.blocks = append(p.blocks, s)
			if _, inTable := n.Parent().(*extast.TableCell); !inTable {
				p.sentenceBlocks = append(p.sentenceBlocks, s)
			}
			return ast.WalkSkipChildren, nil
		case ast.KindHeading, extast.KindTableCell:
			if n.ChildCount() > 0 && n.FirstChild().Kind() != ast.KindParagraph {
				p.blocks = append(p.blocks, inlineText(n, src))
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return p
}

// inlineText joins the text of n's inline children.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.URL(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// sentencesOf splits blocks of prose into sentences, each a list of words.
// A sentence ends at a word ending in '.', '?' or '!' (before any closing
// quote or bracket), or at the end of its block.
func sentencesOf(blocks []string) [][]string {
	var out [][]string
	for _, block := range blocks {
		var cur []string
		for _, w := range wordsOf(block) {
			cur = append(cur, w)
			end := strings.TrimRight(w, `"')]”’`)
			if strings.HasSuffix(end, ".") || strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") {
				out = append(out, cur)
				cur = nil
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

// wordsOf splits prose into words. A dash or a symbol alone is not a word.
func wordsOf(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			out = append(out, w)
		}
	}
	return out
}

// TestSentences checks the sentence splitter the readability rules use.
func TestSentences(t *testing.T) {
	p := proseOf("## A heading\n\nOne two three. Four five? Six \"seven.\" Eight – nine\n\n- item one\n- item two. Item three\n\n| a b | c |\n|---|---|\n| d e f | g |\n\n```\nnot. counted.\n```\n")
	got := sentencesOf(p.sentenceBlocks)
	want := [][]string{{"One", "two", "three."}, {"Four", "five?"}, {"Six", `"seven."`}, {"Eight", "nine"}, {"item", "one"}, {"item", "two."}, {"Item", "three"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
	words := 0
	for _, b := range p.blocks {
		words += len(wordsOf(b))
	}
	if words != 2+9+6+7 { // heading, paragraph (not the dash), items, table
		t.Errorf("%d words in %q", words, p.blocks)
	}
}
