package lessons

import "github.com/upskill-council/upskill/internal/termsafe"

// firstUnsafeRune returns the first rune of s that must never reach a
// terminal from a pack, so that validation can name it. The rule is
// termsafe.UnsafeRune, the one that termsafe applies when it cleans text,
// so that validation reports exactly what termsafe would remove.
func firstUnsafeRune(s string) (rune, bool) {
	r, _, found := termsafe.FirstUnsafe(s)
	return r, found
}

// yamlRefusedRune reports whether the YAML reader refuses r (other than as
// part of "\r\n"): the control characters of termsafe.ControlRune, which
// include U+0085, a line break to YAML, and the noncharacters U+FFFE and
// U+FFFF. The bidirectional and invisible format controls pass here and
// are reported field by field, with the field's name.
func yamlRefusedRune(r rune) bool {
	return termsafe.ControlRune(r) || r == 0xfffe || r == 0xffff
}
