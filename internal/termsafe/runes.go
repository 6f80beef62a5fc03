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

// allowedRune reports whether r may appear in text produced by [Text]: every
// valid code point except C0 controls other than '\n' and '\t', DEL, C1
// controls and the format controls of isFormat.
func allowedRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff || r > 0x10ffff:
		return false
	}
	return !isFormat(r)
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
