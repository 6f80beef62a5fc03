package gift

import (
	"strconv"
	"unicode/utf8"
)

// Problem is something in a GIFT file that stopped a question (or the whole
// file) being read.
type Problem struct {
	// Line is the 1-based line where the problem is: the line of the
	// faulty answer or brace when that is known, otherwise the line the
	// question starts on.
	Line int
	// Message says what is wrong in plain English for a trainer, in lower
	// case with no final full stop.
	Message string
}

// String formats the problem as "line N: message".
func (p Problem) String() string {
	return "line " + strconv.Itoa(p.Line) + ": " + p.Message
}

// maxQuoteRunes is how much of a trainer's text a message quotes.
const maxQuoteRunes = 40

// quote returns s, cut to maxQuoteRunes, as a Go-quoted string, so that a
// message never carries control characters from the file.
func quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuoteRunes {
		n := 0
		for i := range s {
			if n == maxQuoteRunes {
				s = s[:i] + "…"
				break
			}
			n++
		}
	}
	return strconv.Quote(s)
}
