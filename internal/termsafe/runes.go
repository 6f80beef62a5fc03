package termsafe

// isFormat reports whether r is one of the bidirectional or invisible format
// controls that are removed from text: the embeddings and overrides
// U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and
// U+061C, and the invisible U+200B, U+2060 and U+FEFF.
func isFormat(r rune) bool {
	switch {
	case r < 0x061c:
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	switch r {
	case 0x061c, 0x200b, 0x200e, 0x200f, 0x2060, 0xfeff:
		return true
	}
	return false
}

// UnsafeRune reports whether r must never reach a terminal from a lesson
// pack. It is the one statement of that rule: [Text], [Line], [Markdown],
// [ANSI] and [Check] remove or report exactly these runes, and pack
// validation reports them with [FirstUnsafe], so that what a trainer is
// told and what a learner is spared cannot drift apart. The unsafe runes
// are the controls of [ControlRune], the bidirectional and invisible format
// controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C, U+200B,
// U+2060 and U+FEFF, and values that are not code points (surrogates,
// negative values and those above U+10FFFF).
func UnsafeRune(r rune) bool {
	switch {
	case ControlRune(r):
		return true
	case r < 0 || r >= 0xd800 && r <= 0xdfff || r > 0x10ffff:
		return true
	}
	return isFormat(r)
}

// ControlRune reports whether r is a control character that [UnsafeRune]
// reports: a C0 control other than '\n' and '\t' (so '\r' is one), DEL, or
// a C1 control U+0080–U+009F.
func ControlRune(r rune) bool {
	return r >= 0 && r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f
}

// FirstUnsafe returns the first rune of s that [UnsafeRune] reports and its
// byte offset in s, or found == false when there is none. Bytes that are
// not UTF-8 are not runes and are not reported: check s with
// utf8.ValidString as well ([Text] turns each into U+FFFD).
func FirstUnsafe(s string) (r rune, offset int, found bool) {
	for i, c := range s {
		if UnsafeRune(c) {
			return c, i, true
		}
	}
	return 0, 0, false
}

// c1Intro maps the C1 introducer runes to the 7-bit byte that follows ESC in
// the equivalent sequence, or returns 0 for other runes.
func c1Intro(r rune) byte {
	switch r {
	case 0x9b:
		return '['
	case 0x9d:
		return ']'
	case 0x90:
		return 'P'
	case 0x9f:
		return '_'
	case 0x9e:
		return '^'
	case 0x98:
		return 'X'
	}
	return 0
}
