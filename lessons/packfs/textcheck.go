package packfs

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// textCheck checks that text arriving in pieces is valid UTF-8, and finds
// the line of the first byte that is not. A character split between two
// pieces is carried over to the next.
type textCheck struct {
	carry   [utf8.UTFMax]byte // the start of a character cut off by the last piece
	nc      int
	line    int // lines completed before the current piece
	badLine int // 1-based line of the first bad byte; 0 while all is well
}

// write checks the next piece of text.
func (c *textCheck) write(p []byte) {
	if c.badLine > 0 {
		return
	}
	// Finish a character cut off by the last piece, a byte at a time:
	// FullRune turns true at its last byte, or at the first byte that
	// cannot belong to it.
	for c.nc > 0 && len(p) > 0 {
		c.carry[c.nc] = p[0]
		c.nc++
		p = p[1:]
		if utf8.FullRune(c.carry[:c.nc]) {
			if r, size := utf8.DecodeRune(c.carry[:c.nc]); r == utf8.RuneError && size <= 1 {
				c.badLine = c.line + 1
				return
			}
			c.nc = 0
		}
	}
	// Keep back a character cut off at the end of this piece.
	for k := 1; k < utf8.UTFMax && k <= len(p); k++ {
		tail := p[len(p)-k:]
		if utf8.RuneStart(tail[0]) {
			if !utf8.FullRune(tail) {
				c.nc = copy(c.carry[:], tail)
				p = p[:len(p)-k]
			}
			break
		}
	}
	if !utf8.Valid(p) {
		c.badLine = c.line + 1 + bytes.Count(p[:firstInvalid(p)], []byte{'\n'})
		return
	}
	c.line += bytes.Count(p, []byte{'\n'})
}

// problem returns the problem found, or "", once all the text is written.
func (c *textCheck) problem() string {
	if c.badLine == 0 && c.nc > 0 {
		c.badLine = c.line + 1 // the text ends inside a character
	}
	if c.badLine == 0 {
		return ""
	}
	return fmt.Sprintf("not valid UTF-8 text (line %d)", c.badLine)
}

// firstInvalid returns the offset of the first byte of p that is not part
// of valid UTF-8, or len(p).
func firstInvalid(p []byte) int {
	off := 0
	for off < len(p) {
		r, size := utf8.DecodeRune(p[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return off
}
