package termsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with everything that could control a terminal removed, for
// text from a lesson pack that is shown as plain text (titles, choices,
// feedback).
//
// It removes every escape sequence together with its payload, every C0
// control except '\n' and '\t' (so '\r' is dropped), DEL, every C1 control
// U+0080–U+009F (the introducers among them start a sequence that is removed
// too), and the bidirectional and invisible format controls U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C, U+200B, U+2060 and U+FEFF. Each byte
// that is not valid UTF-8 becomes U+FFFD. Text(Text(s)) == Text(s).
func Text(s string) string {
	var b strings.Builder // empty until the first change
	last := 0             // s[last:i] is pending unchanged input
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		t := lex(s, i)
		if t.kind == tokText {
			i = t.end
			continue
		}
		if b.Cap() == 0 {
			b.Grow(len(s) + 2)
		}
		b.WriteString(s[last:i])
		if t.kind == tokInvalid {
			b.WriteRune(utf8.RuneError)
		}
		i, last = t.end, t.end
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Line returns [Text] of s with every run of white space, including '\n' and
// '\t', replaced by one space and with leading and trailing space removed. Use
// it for single-line fields.
func Line(s string) string {
	s = Text(s)
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
