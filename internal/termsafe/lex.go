package termsafe

import "unicode/utf8"

// tokKind classifies a token found by lex.
type tokKind uint8

const (
	tokText    tokKind = iota // one printable rune, '\n' or '\t'
	tokInvalid                // one byte that is not part of valid UTF-8
	tokControl                // a lone C0, DEL, C1 or format-control rune
	tokEscape                 // an ESC sequence other than CSI and strings, or a lone ESC
	tokCSI                    // a control sequence: ESC [ or U+009B
	tokString                 // an OSC, DCS, APC, PM or SOS string
)

// termKind records how a string sequence ended.
type termKind uint8

const (
	termNone  termKind = iota // end of input
	termBEL                   // BEL (OSC only)
	termST                    // ESC \
	termC1ST                  // U+009C
	termAbort                 // CAN, SUB, or an ESC that starts another sequence
)

// token is one lexical unit of terminal output. For tokCSI and tokString,
// s[body:bodyEnd] is the parameter or payload part.
type token struct {
	kind       tokKind
	c1         bool     // introduced by a C1 rune instead of ESC
	intro      byte     // '[' for CSI; ']', 'P', '_', '^' or 'X' for strings
	final      byte     // CSI final byte, 0 if the sequence was cut short
	term       termKind // how a string ended
	start, end int
	body       int
	bodyEnd    int
}

// lex returns the token that starts at s[i]. It never returns an empty token.
func lex(s string, i int) token {
	c := s[i]
	switch {
	case c == 0x1b:
		return lexEsc(s, i)
	case c < utf8.RuneSelf && UnsafeRune(rune(c)):
		return token{kind: tokControl, start: i, end: i + 1}
	case c < utf8.RuneSelf:
		return token{kind: tokText, start: i, end: i + 1}
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError && n == 1:
		return token{kind: tokInvalid, start: i, end: i + 1}
	case !UnsafeRune(r):
		return token{kind: tokText, start: i, end: i + n}
	}
	// A C1 control or a format control; some C1 controls introduce a
	// sequence.
	switch b := c1Intro(r); b {
	case 0:
		return token{kind: tokControl, start: i, end: i + n}
	case '[':
		return lexCSI(s, i, i+n, true)
	default:
		return lexString(s, i, i+n, b, true)
	}
}

// lexEsc lexes a sequence introduced by the ESC at s[i].
func lexEsc(s string, i int) token {
	j := i + 1
	if j == len(s) {
		return token{kind: tokEscape, start: i, end: j}
	}
	switch b := s[j]; {
	case b == '[':
		return lexCSI(s, i, j+1, false)
	case b == ']' || b == 'P' || b == '_' || b == '^' || b == 'X':
		return lexString(s, i, j+1, b, false)
	case b >= 0x20 && b <= 0x2f: // intermediates, then a final byte
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			j++
		}
		return token{kind: tokEscape, start: i, end: j}
	case b >= 0x30 && b <= 0x7e: // two-byte sequence such as ESC c or ESC 7
		return token{kind: tokEscape, start: i, end: j + 1}
	}
	// ESC before a control, DEL or non-ASCII byte: a lone ESC.
	return token{kind: tokEscape, start: i, end: j}
}

// lexCSI lexes a control sequence whose introducer spans s[start:j]:
// parameter and intermediate bytes 0x20–0x3F, then a final byte 0x40–0x7E.
// Any other byte cuts the sequence short and is not part of it.
func lexCSI(s string, start, j int, c1 bool) token {
	t := token{kind: tokCSI, c1: c1, intro: '[', start: start, body: j}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
		j++
	}
	t.bodyEnd = j
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		t.final = s[j]
		j++
	}
	t.end = j
	return t
}

// lexString lexes an OSC, DCS, APC, PM or SOS string whose introducer spans
// s[start:j].
func lexString(s string, start, j int, intro byte, c1 bool) token {
	t := token{kind: tokString, c1: c1, intro: intro, start: start, body: j}
	for ; j < len(s); j++ {
		switch s[j] {
		case 0x07:
			if intro != ']' {
				continue
			}
			t.bodyEnd, t.end, t.term = j, j+1, termBEL
			return t
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				t.bodyEnd, t.end, t.term = j, j+2, termST
			} else {
				t.bodyEnd, t.end, t.term = j, j, termAbort
			}
			return t
		case 0x18, 0x1a:
			t.bodyEnd, t.end, t.term = j, j+1, termAbort
			return t
		case 0xc2:
			if j+1 < len(s) && s[j+1] == 0x9c {
				t.bodyEnd, t.end, t.term = j, j+2, termC1ST
				return t
			}
		}
	}
	t.bodyEnd, t.end, t.term = len(s), len(s), termNone
	return t
}
