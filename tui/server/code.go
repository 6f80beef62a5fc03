package server

import "strings"

// maxCodeLen is the longest invite code line accepted, in bytes.
const maxCodeLen = 64

// ParseCode tidies the invite code a learner typed: surrounding spaces go,
// and the code must be 1 to 64 ASCII letters, digits and hyphens (spaces
// inside are dropped, since people copy codes in groups), given in
// capitals: invite codes must be issued in capitals. Anything else
// (control characters, escapes, other scripts) is refused: ok is false.
// The Directory decides whether the code is right.
func ParseCode(line string) (code string, ok bool) {
	if len(line) > 4*maxCodeLen {
		return "", false
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(line) {
		switch {
		case r == ' ':
			continue
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	if b.Len() == 0 || b.Len() > maxCodeLen {
		return "", false
	}
	return b.String(), true
}
