package lessons

// firstUnsafeRune returns the first rune of s that must never reach a
// terminal from a pack: C0 and C1 control characters other than tab and
// new line, DEL, and the invisible characters that reorder or hide text.
// termsafe removes the same runes; this check lets validation name them.
func firstUnsafeRune(s string) (rune, bool) {
	for _, c := range s {
		if unsafeRune(c) {
			return c, true
		}
	}
	return 0, false
}

func unsafeRune(c rune) bool {
	switch {
	case c == '\n' || c == '\t':
		return false
	case c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f):
		return true
	case c >= 0x202a && c <= 0x202e, c >= 0x2066 && c <= 0x2069:
		return true
	case c == 0x200e, c == 0x200f, c == 0x061c, c == 0x200b, c == 0x2060, c == 0xfeff:
		return true
	}
	return false
}
