package gift

import (
	"errors"
	"fmt"
	"strings"
)

// reader reads one block's encoded text.
type reader struct {
	enc   string // the block's lines joined by "\n", comments blanked, escapes encoded
	first int    // line number of the block's first line
	st    *store // where the question's texts and answers are kept
}

// line returns the line number of byte offset off in r.enc.
func (r *reader) line(off int) int {
	return r.first + strings.Count(r.enc[:min(off, len(r.enc))], "\n")
}

// blockError is a problem found at a known place in a block.
type blockError struct {
	line int
	msg  string
}

func (e *blockError) Error() string { return e.msg }

// errAt returns a problem located at the start of g.
func (r *reader) errAt(g seg, format string, args ...any) error {
	return &blockError{line: r.line(g.off), msg: fmt.Sprintf(format, args...)}
}

// missingWord is what replaces the answer block in a missing-word question.
const missingWord = "_____"

// question reads a question from a block's trimmed text, as Moodle's
// qformat_gift::readquestion does.
//
// As Moodle: an unescaped ":" is ordinary text everywhere except in the
// "::" around a name and between a numerical value and its tolerance, so
// "{FALSE#Wrong: it leaks.}" and a description "**Part 2:** Passwords" are
// read as written (gift-pegjs 1.0.2 rejects both; see
// testdata/gift-colon-quirk.gift and TestColonQuirkFixture).
func (r *reader) question(text seg) (Question, error) {
	q := Question{Line: r.line(text.off)}
	if strings.HasPrefix(text.s, "::") {
		rest := text.from(2)
		if name, after, ok := rest.cut("::"); ok {
			q.Name = r.st.texts.text(name.s)
			text = after.trim()
		} else {
			// As Moodle: with no closing "::" the opening one is dropped
			// and the question has no name.
			text = rest
		}
	}

	// The answer block runs from the first "{" to the first "}"; escaped
	// braces are placeholders by now and do not count.
	open, end := strings.IndexByte(text.s, '{'), strings.IndexByte(text.s, '}')
	var (
		answer   seg
		qtext    string
		noAnswer = open < 0 && end < 0
	)
	switch {
	case noAnswer:
		qtext = text.s
	case end < 0:
		return q, r.errAt(text.from(open), `the answer block opened with "{" on this line is never closed with "}"`)
	case open < 0:
		return q, r.errAt(text.from(end), `the "}" on this line closes an answer block that was never opened with "{"; write \} for a literal brace`)
	// Stricter than Moodle: its substr with a negative length makes
	// nonsense of "a } b { c".
	case end < open:
		return q, r.errAt(text.from(end), `the "}" on this line comes before the "{" that opens the answer block; write \} for a literal brace`)
	default:
		// Stricter than Moodle, which would take "{" as part of an answer.
		if i := strings.IndexByte(text.s[open+1:end], '{'); i >= 0 {
			return q, r.errAt(text.from(open+1+i), `found a second "{" inside the answer block; answer blocks cannot be nested, so write \{ for a literal brace`)
		}
		// Stricter than Moodle, which would leave a second block in the
		// text as it stands.
		if i := strings.IndexAny(text.s[end+1:], "{}"); i >= 0 {
			return q, r.errAt(text.from(end+1+i), `a question may have only one answer block, but another "{" or "}" follows it; write \{ or \} for a literal brace`)
		}
		answer = text.slice(open+1, end).trim()
		// As Moodle: text after the block makes a missing-word question.
		q.MissingWord = end != len(text.s)-1
		if q.MissingWord {
			r.st.tmp = append(append(append(r.st.tmp[:0], text.s[:open]...), missingWord...), text.s[end+1:]...)
			qtext = viewString(r.st.tmp)
		} else {
			qtext = text.s[:open]
		}
	}

	var generalFeedback string
	if i := strings.LastIndex(answer.s, "####"); i >= 0 {
		generalFeedback = answer.s[i+4:]
		answer = answer.slice(0, i).trim()
	}
	q.Text, q.TextFormat = r.st.textWithFormat(qtext, FormatNone)
	q.GeneralFeedback, _ = r.st.textWithFormat(generalFeedback, q.TextFormat)
	// Stricter than Moodle, which imports a question with no text.
	if q.Text == "" {
		if q.Name != "" {
			return q, fmt.Errorf("the question %s has a name but no text", quote(q.Name))
		}
		return q, errors.New("the question has no text")
	}

	q.Kind = kindOf(answer.s, noAnswer)
	if n := separators(answer.s, q.Kind); n > MaxAnswers {
		return q, fmt.Errorf("the answer block has more than %d answers", MaxAnswers)
	}
	var err error
	switch q.Kind {
	case MultipleChoice:
		err = r.multipleChoice(&q, answer)
	case Matching:
		err = r.matching(&q, answer)
	case TrueFalse:
		r.trueFalse(&q, answer)
	case ShortAnswer:
		err = r.shortAnswer(&q, answer)
	case Numerical:
		err = r.numerical(&q, answer)
	}
	return q, err
}

// kindOf decides the type of a question from its trimmed answer block
// (without general feedback), in Moodle's order.
func kindOf(answer string, noAnswer bool) Kind {
	switch {
	case noAnswer:
		return Description
	case answer == "":
		return Essay
	case answer[0] == '#':
		return Numerical
	case strings.IndexByte(answer, '~') >= 0:
		return MultipleChoice
	case strings.IndexByte(answer, '=') >= 0 && strings.Contains(answer, "->"):
		return Matching
	}
	// As Moodle: the test is case-sensitive, so "{true}" is a short
	// answer whose answer is "true".
	check := answer
	if i := strings.IndexByte(answer, '#'); i > 0 {
		check = trim(answer[:i])
	}
	switch check {
	case "T", "TRUE", "F", "FALSE":
		return TrueFalse
	}
	return ShortAnswer
}

// separators counts the separators that start or end answers in a block
// of the given kind; a block has at least that many answers, so counting
// them first stops a hostile block being split into millions of pieces.
func separators(answer string, k Kind) int {
	switch k {
	case MultipleChoice:
		return strings.Count(answer, "~") + strings.Count(answer, "=")
	case Matching, ShortAnswer, Numerical:
		return strings.Count(answer, "=")
	}
	return 0
}

// checkCount reports an error if there are more than MaxAnswers pieces.
func checkCount(pieces []seg) error {
	if len(pieces) > MaxAnswers {
		return fmt.Errorf("the answer block has more than %d answers", MaxAnswers)
	}
	return nil
}
