package termsafe

import (
	"fmt"
	"strings"
)

// ANSI is the output allow-list, applied to rendered text (such as Glamour
// output) just before it is shown.
//
// It keeps printable text, '\n' and '\t'; SGR sequences (ESC [ params m, with
// params made of digits, ';' and ':') with the conceal attribute 8 removed
// (see below); and OSC 8 hyperlinks (ESC ] 8 ; params ; URI, ended by BEL or
// ESC \) whose URI is empty or passes [AllowedURL]. Every other escape
// sequence is removed with its payload; so are C1 controls (including C1
// introducers and their sequences), the bidirectional and invisible format
// controls removed by [Text], '\r', other C0 controls, DEL and bytes that are
// not valid UTF-8. A hyperlink to a disallowed URL loses its OSC 8 sequence
// but keeps its text.
//
// In SGR sequences only a stand-alone 8 is removed: the values inside
// 38;5;N, 38;2;R;G;B (and 48, 58) are kept even when they are 8. An SGR left
// with no parameters is removed rather than turned into a reset, and an SGR
// with a number above 255 is removed.
//
// The result is never longer than s, contains nothing [Check] reports, and
// ANSI(ANSI(s)) == ANSI(s).
func ANSI(s string) string {
	var b strings.Builder // empty until the first change
	last := 0             // s[last:i] is pending unchanged input
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
		repl, changed := ansiToken(s, t)
		if !changed {
			i = t.end
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		i, last = t.end, t.end
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// ansiToken returns what ANSI writes for token t of s, and whether that
// differs from the token's own bytes.
func ansiToken(s string, t token) (repl string, changed bool) {
	switch t.kind {
	case tokText:
		return "", false
	case tokCSI:
		if t.c1 || t.final != 'm' || !isSGRParams(s[t.body:t.bodyEnd]) {
			return "", true
		}
		p := s[t.body:t.bodyEnd]
		out, keep := filterSGR(p)
		if !keep {
			return "", true
		}
		if out == p {
			return "", false
		}
		return "\x1b[" + out + "m", true
	case tokString:
		if !t.c1 && t.intro == ']' && (t.term == termBEL || t.term == termST) &&
			validOSC8(s[t.body:t.bodyEnd]) {
			return "", false
		}
	}
	return "", true
}

// isSGRParams reports whether p holds only digits, ';' and ':'.
func isSGRParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// UnsafeError is the error returned by [Check]. It names the first part of
// the checked text that [ANSI] would change.
type UnsafeError struct {
	// Offset is the byte offset of Sequence in the checked text.
	Offset int
	// Sequence is the offending sequence, control or byte.
	Sequence string
	// What describes the problem, such as "SGR conceal" or "OSC string".
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
			return "SGR conceal or out-of-range parameter"
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
