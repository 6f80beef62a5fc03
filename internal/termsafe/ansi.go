package termsafe

import "strings"

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
// 38;5;N, 38;2;R;G;B (and 48, 58) are kept even when they are 8. A 38, 48 or
// 58 that does not start one of those colours is removed together with the
// parameters after it, since terminals disagree on how much of the rest it
// consumes. A parameter with ':' sub-parameters is kept only for 4, 38, 48 and
// 58 and only if none of its fields is 8 (a terminal that reads ':' as ';'
// would see a conceal). An SGR left with no parameters is removed rather than
// turned into a reset, and an SGR with a number above 255 is removed.
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
