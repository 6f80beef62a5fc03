package gift

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// internalError is the message for a bug in this package; FuzzParse checks
// that it never appears.
const internalError = "this question could not be read because of a fault in Upskill; please report it with the file"

// Parse reads a GIFT file. It returns every question it could read, in
// order, and every problem, each with its 1-based line. A question with a
// problem is left out and reading goes on with the next one. A file larger
// than MaxFileBytes, or one that is not UTF-8, gives one problem and no
// questions. Parse never panics, whatever the input. It neither changes
// nor keeps src: nothing it returns shares memory with src.
func Parse(src []byte) ([]Question, []Problem) {
	if len(src) > MaxFileBytes {
		return nil, []Problem{{Line: 1, Message: fmt.Sprintf("the file is %d bytes, more than the limit of %d (4 MiB); split it into smaller files", len(src), MaxFileBytes)}}
	}
	// Parse reads src in place, through a view; see viewString.
	text := strings.TrimPrefix(viewString(src), "\uFEFF")
	// As Moodle (validate_is_utf8_file): a file in another encoding is
	// refused. Parse also relies on this: placeholder bytes (escape.go)
	// cannot occur in UTF-8.
	if !utf8.ValidString(text) {
		return nil, []Problem{{Line: lineOf(text, firstInvalid(text)), Message: "the file is not UTF-8 text (the first bad character is on this line); save it as UTF-8 and try again"}}
	}
	p := parser{
		// One allocation of the right size: growing the list as questions
		// come would allocate several times the final list in all.
		questions: make([]Question, 0, min(maxQuestionBlocks(text), MaxQuestions)),
		store:     newStore(len(text)),
	}
	for b := range blocks(text) {
		if len(p.problems) >= MaxProblems {
			p.problems = append(p.problems, Problem{Line: b.first, Message: fmt.Sprintf("more than %d problems: fix these first; the rest of the file was not read", MaxProblems)})
			return nil, p.problems
		}
		if len(p.questions) == MaxQuestions {
			p.problems = append(p.problems, Problem{Line: b.first, Message: fmt.Sprintf("the file has more than %d questions; split it into smaller files", MaxQuestions)})
			break
		}
		p.block(b)
	}
	if len(p.questions) == 0 {
		p.questions = nil
	}
	return p.questions, p.problems
}

// firstInvalid returns the offset of the first byte of s that is not part
// of valid UTF-8.
func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// parser holds what carries from one block to the next.
type parser struct {
	category  string
	questions []Question
	problems  []Problem
	store
}

func (p *parser) problem(line int, msg string) {
	p.problems = append(p.problems, Problem{Line: line, Message: msg})
}

// block reads one block: a category switch, a question, or only comments.
func (p *parser) block(b block) {
	defer func() {
		// A bug must not stop the rest of the file being read.
		if recover() != nil {
			p.problem(b.first, internalError)
		}
	}()
	enc, comments := p.encodeBlock(b)
	r := reader{enc: enc, first: b.first, st: &p.store}
	text := seg{s: r.enc}.trim()
	if text.s == "" {
		return // only comments
	}
	if startsCategory(text.s) {
		p.categoryBlock(&r, text)
		return
	}
	q, err := r.question(text)
	if err != nil {
		var be *blockError
		if errors.As(err, &be) {
			p.problem(be.line, be.msg)
		} else {
			p.problem(q.Line, err.Error())
		}
		return
	}
	q.Category = p.category
	id, tags := idAndTags(comments)
	q.IDNumber = p.texts.keep(id)
	for i, t := range tags {
		tags[i] = p.texts.keep(t)
	}
	q.Tags = tags
	p.questions = append(p.questions, q)
}

// categoryBlock reads a block starting "$CATEGORY:" and switches category.
func (p *parser) categoryBlock(r *reader, text seg) {
	line := r.line(text.off)
	// Stricter than Moodle, which reads "$category: x" or "$CATEGORY x" as
	// a description question.
	if !strings.HasPrefix(text.s, categoryPrefix) {
		p.problem(line, `write a category switch exactly as "$CATEGORY:" followed by the path, e.g. "$CATEGORY: Digital Skills/Cyber Security"`)
		return
	}
	path := text.from(len(categoryPrefix))
	// Stricter than Moodle, which takes every line of the block as part of
	// the category name, so a question right under "$CATEGORY:" is lost.
	if i := strings.IndexByte(path.s, '\n'); i >= 0 {
		rest := path.from(i).trim()
		path = path.slice(0, i)
		p.problem(r.line(rest.off), "this text follows the $CATEGORY line with no blank line between, so Moodle would read it as part of the category: put a blank line after the $CATEGORY line")
	}
	// Moodle does not unescape the path, so "\:" stays "&&058;" there;
	// Parse unescapes it, so that no placeholder leaks.
	c, err := categoryPath(decode(path.s))
	if err != nil {
		p.problem(line, err.Error())
		return
	}
	p.category = c
}
