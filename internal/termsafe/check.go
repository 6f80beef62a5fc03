package termsafe

import (
	"fmt"
	"strings"
)

// UnsafeError is the error returned by [Check]. It names the first part of
// the checked text that [ANSI] would change.
type UnsafeError struct {
	// Offset is the byte offset of Sequence in the checked text.
	Offset int
	// Sequence is the offending sequence, control or byte.
	Sequence string
	// What describes the problem, such as "OSC string" or "carriage return".
	What string
}

// maxQuoted is the number of bytes of a sequence quoted in an error message.
const maxQuoted = 64

// Error implements error. Long sequences are shortened in the message.
func (e *UnsafeError) Error() string {
	seq, more := e.Sequence, ""
	if len(seq) > maxQuoted {
		seq, more = seq[:maxQuoted], fmt.Sprintf("... (%d bytes)", len(e.Sequence))
	}
	return fmt.Sprintf("termsafe: %s %q%s at byte %d", e.What, seq, more, e.Offset)
}

// Check returns an [*UnsafeError] for the first thing in s that [ANSI] would
// change, or nil when s is safe to show: ANSI(s) == s exactly when Check(s)
// is nil.
func Check(s string) error {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		if end := cleanSGREnd(s, i); end > 0 {
			i = end
			continue
		}
		t := lex(s, i)
		if _, changed := ansiToken(s, t); changed {
			return &UnsafeError{Offset: t.start, Sequence: s[t.start:t.end], What: describe(s, t)}
		}
		i = t.end
	}
	return nil
}

// describe names the kind of token t for an error message.
func describe(s string, t token) string {
	seq := s[t.start:t.end]
	switch t.kind {
	case tokInvalid:
		return "invalid UTF-8"
	case tokControl:
		switch {
		case seq == "\r":
			return "carriage return"
		case len(seq) == 1:
			return "control character"
		case seq[0] == 0xc2:
			return "C1 control"
		}
		return "bidi or invisible format control"
	case tokEscape:
		return "escape sequence"
	case tokCSI:
		switch {
		case t.c1:
			return "C1 control sequence"
		case t.final == 'm' && isSGRParams(s[t.body:t.bodyEnd]):
			return "SGR with conceal or a disallowed parameter"
		}
		return "control sequence"
	}
	name := stringName(t.intro)
	switch {
	case t.c1:
		return "C1 " + name + " string"
	case t.intro == ']' && strings.HasPrefix(s[t.body:t.bodyEnd], "8;") && (t.term == termBEL || t.term == termST):
		return "OSC 8 hyperlink to a disallowed URL"
	case t.term == termNone || t.term == termAbort:
		return "unterminated " + name + " string"
	}
	return name + " string"
}

// stringName names the string sequence introduced by ESC intro.
func stringName(intro byte) string {
	switch intro {
	case ']':
		return "OSC"
	case 'P':
		return "DCS"
	case '_':
		return "APC"
	case '^':
		return "PM"
	}
	return "SOS"
}
