package termsafe

import "strings"

// Markdown returns [Text] of s with HTML character references neutralised,
// for a lesson body in Markdown before it is rendered by Glamour.
//
// Glamour decodes character references (with html.UnescapeString) after
// Markdown parsing, so "&#27;" would become a live ESC. Markdown therefore
// rewrites the '&' of a reference as "&amp;", so that it is shown as written,
// when:
//
//   - it is a numeric reference that is not complete and safe: "&#N;" or
//     "&#xH;" whose code point is removed by [Text], is 0, a surrogate or
//     above U+10FFFF; every reference without its ';' (such as "&#27" or
//     "&#011", which Go's decoder also accepts); and any other "&#";
//   - it is a named reference to a removed rune ("&lrm;", "&rlm;",
//     "&ZeroWidthSpace;", "&NoBreak;" and the four "&Negative…Space;");
//   - it is followed by '#', or by such a name or the start of one, through
//     Markdown syntax that Glamour drops when it flattens strikethrough, code
//     spans and image text — the "~~&**#27;**[31mFAKE~~" trick: emphasis,
//     code and strikethrough markers, backslashes, brackets, '!', '<', '>',
//     ')' and hard line breaks (with the next line's indentation and '>'
//     markers).
//
// Markdown syntax can also join a '&' and a '#' with text in between that
// Glamour drops, such as a link destination ("[&](u)#27;"). So a '#' that
// follows such syntax, is followed by a digit, 'x', 'X' or such syntax, and
// is in a paragraph (text without a blank line) that contains a '&' is
// rewritten as "&#35;", which Glamour shows as '#'.
//
// Complete safe references such as "&#8212;" and other named references such
// as "&nbsp;" are kept. In paragraphs the rewrites do not change what is
// shown. Code blocks, which Glamour shows as written without decoding
// references, are left as they are. Markdown(Markdown(s)) == Markdown(s).
//
// A named reference joined to a '&' through a link destination
// ("[&](u)lrm;") is not caught: it can only yield one of the invisible marks
// above, never an escape, and [ANSI] removes those at output.
func Markdown(s string) string {
	return neutraliseRefs(Text(s))
}

// neutraliseRefs applies the reference rules of [Markdown] to s, which must
// already be clean [Text].
func neutraliseRefs(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b []byte
	last := 0
	ampInPara := false // a '&' since the last blank line
	exempt := -1       // offset of a '#' whose join is already made safe
	code, nextCode := codeBlockLines(s), 0
	for i := 0; i < len(s); i++ {
		var repl string
		if (s[i] == '&' || s[i] == '#') && inRanges(code, &nextCode, i) {
			continue // shown as written: see codeBlockLines
		}
		switch s[i] {
		case '\n':
			if blankLineAfter(s, i) {
				ampInPara = false
			}
			continue
		case '&':
			ampInPara = true
			rewrite, target := ampRule(s, i)
			if target >= 0 {
				exempt = target
			}
			if !rewrite {
				continue
			}
			repl = "&amp;"
		case '#':
			if i == exempt || !ampInPara || !vanishesBefore(s, i) || !extendsAfter(s, i) {
				continue
			}
			repl = "&#35;"
		default:
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[last:i]...)
		b = append(b, repl...)
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// badEntities are the named references that decode to a rune [Text] removes.
var badEntities = map[string]bool{
	"NegativeMediumSpace":   true,
	"NegativeThickSpace":    true,
	"NegativeThinSpace":     true,
	"NegativeVeryThinSpace": true,
	"NoBreak":               true,
	"ZeroWidthSpace":        true,
	"lrm":                   true,
	"rlm":                   true,
}

// ampRule decides whether the '&' at s[i] must be rewritten. target is the
// offset of a '#' that the '&' reaches through dropped syntax once the '&'
// is (or already was) written as "&amp;", or -1.
func ampRule(s string, i int) (rewrite bool, target int) {
	j := i + 1
	if j == len(s) {
		return false, -1
	}
	if s[j] == '#' {
		return !safeNumericRef(s[j:]), -1
	}
	if badNameAhead(s, j) {
		return true, -1
	}
	rewrite = true
	if name, ok := entityName(s[j:]); ok {
		if name != "amp" {
			return false, -1
		}
		rewrite, j = false, j+len(name)+1
	}
	if h := skipGap(s, j); h > j && h < len(s) {
		switch {
		case s[h] == '#':
			return rewrite, h
		case rewrite && badNameAhead(s, h):
			return true, -1
		}
	}
	return false, -1
}

// badNameAhead reports whether s[h:] starts with the name of a bad entity
// and its ';', or with a prefix of such a name that droppable syntax could
// join to the rest of it (as in "&~~lr*m*;").
func badNameAhead(s string, h int) bool {
	k := h
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	name := s[h:k]
	if name == "" || k == len(s) {
		return false
	}
	if s[k] == ';' {
		return badEntities[name]
	}
	if skipGap(s, k) == k {
		return false
	}
	for bad := range badEntities {
		if strings.HasPrefix(bad, name) {
			return true
		}
	}
	return false
}

// safeNumericRef reports whether r, which starts with '#', begins a complete
// numeric reference ("#N;" or "#xH;") to a rune that [Text] keeps.
func safeNumericRef(r string) bool {
	i, base := 1, 10
	if i < len(r) && (r[i] == 'x' || r[i] == 'X') {
		i, base = 2, 16
	}
	start, v := i, 0
	for ; i < len(r); i++ {
		d := digitVal(r[i])
		if d >= base {
			break
		}
		v = min(v*base+d, 0x110000)
	}
	return i > start && i < len(r) && r[i] == ';' && !UnsafeRune(rune(v))
}

// digitVal returns the value of the hexadecimal digit c, or 99.
func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// entityName returns the name of a named reference at the start of r
// (letters and digits followed by ';').
func entityName(r string) (string, bool) {
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		return r[:i], i > 0 && c == ';'
	}
	return "", false
}
