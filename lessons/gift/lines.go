package gift

import "iter"

// block is one run of non-blank lines: a question, a category switch, or
// only comments.
type block struct {
	lines []string // trimmed, none blank
	first int      // 1-based line number of lines[0]
}

// blocks splits text into blocks at blank lines, trimming every line as
// Moodle does, and yields them one by one, so that a caller that stops
// early has not paid for the rest. A line ends at "\n", "\r\n" or a lone
// "\r".
//
// Moodle treats "\r" as a line end only in files with no "\n" at all (old
// Mac files); in a file that mixes both, Parse also ends a line at a lone
// "\r" rather than keep it inside the text. Moodle also treats a line that
// is just "0" as blank (PHP's empty()); Parse does not.
func blocks(text string) iter.Seq[block] {
	return func(yield func(block) bool) {
		var cur block
		line := 1
		start := 0
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != '\n' && text[i] != '\r' {
				continue
			}
			if l := trim(text[start:i]); l == "" {
				if len(cur.lines) > 0 && !yield(cur) {
					return
				}
				cur = block{}
			} else {
				if len(cur.lines) == 0 {
					cur.first = line
				}
				cur.lines = append(cur.lines, l)
			}
			if i < len(text) && text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			start = i + 1
			line++
		}
		if len(cur.lines) > 0 {
			yield(cur)
		}
	}
}

// lineOf returns the 1-based line number of byte offset off in text, where
// lines end as they do for blocks.
func lineOf(text string, off int) int {
	line := 1
	for i := 0; i < off && i < len(text); i++ {
		switch text[i] {
		case '\n':
			line++
		case '\r':
			if i+1 >= len(text) || text[i+1] != '\n' {
				line++
			}
		}
	}
	return line
}
