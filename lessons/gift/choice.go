package gift

import (
	"fmt"
	"strings"
)

// multipleChoice reads the answers of a multiple-choice question.
func (r *reader) multipleChoice(q *Question, answer seg) error {
	// As Moodle: any "=" makes it single-answer, and every unescaped "="
	// starts a new, fully right answer, even inside feedback.
	q.Single = strings.IndexByte(answer.s, '=') >= 0
	r.st.pieces = splitChoices(r.st.pieces[:0], answer)
	pieces := dropEmptyFirst(r.st.pieces)
	if err := checkCount(pieces); err != nil {
		return err
	}
	if len(pieces) < 2 {
		return fmt.Errorf("a multiple-choice question needs at least 2 answers, but this one has %d", len(pieces))
	}
	q.Answers = r.st.answers.take(len(pieces))
	fractions := r.st.fractions[:0]
	for n, p := range pieces {
		p = p.trim()
		// Stricter than Moodle, which keeps an empty answer here and
		// drops it silently when it saves the question.
		if p.s == "" {
			return r.errAt(p, "answer %d is empty; remove the extra \"~\" or \"=\"", n+1)
		}
		body, frac := p.s, 0.0
		if body[0] == '=' {
			body, frac = body[1:], 1
			// Stricter than Moodle: Moodle gives "=%50%x" the fraction 1
			// and the text "%50%x", other GIFT readers a fraction of
			// 0.5; rather than guess, ask for the form both agree on.
			if w, _, ok := matchWeight(trim(body)); ok {
				return r.errAt(p, `answer %d starts with "=" and the weight %s, but in multiple choice "=" always means fully right; write "~%%%s%%" for a partly right answer`, n+1, quote("%"+w+"%"), w)
			}
		} else if w, rest, ok := matchWeight(body); ok {
			f, err := parseWeight(w)
			if err != nil {
				return r.errAt(p, "answer %d: %v", n+1, err)
			}
			body, frac = rest, f
		}
		a := Answer{Fraction: frac}
		a.Text, a.Format, a.Feedback = r.st.splitFeedback(body, q.TextFormat)
		// Stricter than Moodle, which drops an answer with no text.
		if a.Text == "" {
			return r.errAt(p, "answer %d has no text", n+1)
		}
		q.Answers = append(q.Answers, a)
		fractions = append(fractions, frac)
	}
	r.st.fractions = fractions
	if q.Single {
		return checkBest(fractions)
	}
	return checkSum(fractions)
}

// splitChoices appends to dst the pieces of a multiple-choice block, split
// as Moodle does with str_replace("=", "~=") and explode("~"): at every
// "~", which is dropped, and before every "=", which stays at the start of
// its answer.
func splitChoices(dst []seg, g seg) []seg {
	out := dst
	start := 0
	for i := 0; i < len(g.s); i++ {
		switch g.s[i] {
		case '~':
			out = append(out, g.slice(start, i))
			start = i + 1
		case '=':
			out = append(out, g.slice(start, i))
			start = i
		}
	}
	return append(out, g.from(start))
}
