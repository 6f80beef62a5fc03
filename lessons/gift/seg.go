package gift

import "strings"

// seg is a piece of a block's encoded text that remembers where it came
// from, so that a problem in it can be reported on the right line.
type seg struct {
	s   string
	off int // byte offset of s in the block's encoded text
}

// trim removes white space from both ends, as PHP's trim does.
func (g seg) trim() seg {
	left := trimLeft(g.s)
	return seg{trimRight(left), g.off + len(g.s) - len(left)}
}

// slice returns g.s[i:j] as a seg.
func (g seg) slice(i, j int) seg {
	return seg{g.s[i:j], g.off + i}
}

// from returns g.s[i:] as a seg.
func (g seg) from(i int) seg {
	return seg{g.s[i:], g.off + i}
}

// cut splits g around the first sep, as strings.Cut does.
func (g seg) cut(sep string) (before, after seg, found bool) {
	i := strings.Index(g.s, sep)
	if i < 0 {
		return g, seg{"", g.off + len(g.s)}, false
	}
	return g.slice(0, i), g.from(i + len(sep)), true
}

// split appends to dst the pieces of g between sep bytes, dropping the
// separators, and returns the extended slice.
func (g seg) split(dst []seg, sep byte) []seg {
	out := dst
	start := 0
	for i := 0; i < len(g.s); i++ {
		if g.s[i] == sep {
			out = append(out, g.slice(start, i))
			start = i + 1
		}
	}
	return append(out, g.from(start))
}

// dropEmptyFirst removes the first piece if it is blank, as Moodle does
// after exploding an answer block: text before the first separator is only
// an answer when there is some.
//
// Moodle uses PHP's empty(), which is also true for "0"; Parse keeps a
// leading "0", so that "{#0}" means the number 0 rather than "no answers".
func dropEmptyFirst(pieces []seg) []seg {
	if len(pieces) > 0 && trim(pieces[0].s) == "" {
		return pieces[1:]
	}
	return pieces
}
