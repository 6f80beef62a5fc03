package gift

import (
	"iter"
	"strings"
)

// block is one run of non-blank lines: a question, a category switch, or
// only comments.
type block struct {
	text  string // from the start of the first line to the end of the last, as in the file
	first int    // 1-based line number of the first line
}

// nextLine returns the line of text that starts at byte start, without its
// line end, and the start of the next line. A line ends at "\n", "\r\n" or
// a lone "\r"; the last line ends at the end of text, and next is then
// len(text)+1.
func nextLine(text string, start int) (line string, next int) {
	rest := text[start:]
	end := strings.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	if cr := strings.IndexByte(rest[:end], '\r'); cr >= 0 {
		end = cr
	}
	i := start + end
	next = i + 1
	if i+1 < len(text) && text[i] == '\r' && text[i+1] == '\n' {
		next++
	}
	return text[start:i], next
}

// blocks splits text into blocks at blank lines (lines that trim, as PHP
// does, to nothing) and yields them one by one, so that a caller that
// stops early has not paid for the rest. Blocks are views of text: nothing
// is copied.
//
// Moodle treats "\r" as a line end only in files with no "\n" at all (old
// Mac files); in a file that mixes both, Parse also ends a line at a lone
// "\r" rather than keep it inside the text. Moodle also treats a line that
// is just "0" as blank (PHP's empty()); Parse does not.
func blocks(text string) iter.Seq[block] {
	return func(yield func(block) bool) {
		start, end, first := -1, 0, 0 // the current block is text[start:end]
		for pos, n := 0, 1; pos <= len(text); n++ {
			l, next := nextLine(text, pos)
			switch {
			case trim(l) != "":
				if start < 0 {
					start, first = pos, n
				}
				end = pos + len(l)
			case start >= 0:
				if !yield(block{text: text[start:end], first: first}) {
					return
				}
				start = -1
			}
			pos = next
		}
		if start >= 0 {
			yield(block{text: text[start:end], first: first})
		}
	}
}

// lines yields the trimmed lines of a block; none is blank.
func (b block) lines() iter.Seq[string] {
	return func(yield func(string) bool) {
		for pos := 0; pos <= len(b.text); {
			l, next := nextLine(b.text, pos)
			if !yield(trim(l)) {
				return
			}
			pos = next
		}
	}
}

// maxQuestionBlocks returns how many blocks of text may hold a question:
// those with a line that is not a comment, whose first such line does not
// start a category switch. Parse sizes its list of questions with it.
func maxQuestionBlocks(text string) int {
	count := 0
	decided := false // whether the current block's first non-comment line was seen
	for pos := 0; pos <= len(text); {
		l, next := nextLine(text, pos)
		pos = next
		switch l = trim(l); {
		case l == "":
			decided = false
		case decided || isComment(l):
		default:
			decided = true
			if !startsCategory(l) {
				count++
			}
		}
	}
	return count
}

// startsCategory reports whether a block whose text starts with s is read
// as a category switch, well or badly written.
func startsCategory(s string) bool {
	n := len(categoryPrefix) - 1 // without the ":"
	return len(s) >= n && strings.EqualFold(s[:n], categoryPrefix[:n])
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
