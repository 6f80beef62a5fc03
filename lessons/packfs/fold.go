package packfs

import (
	"strings"
	"unicode"
)

// foldKey maps a name to a key that is the same for every name that
// differs from it only in case, using Unicode simple case folding (the
// equivalence strings.EqualFold uses). Two files whose names differ only in
// case cannot both live on Windows or macOS.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune returns the smallest rune in r's case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}
