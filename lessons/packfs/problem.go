package packfs

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Problem is one reason a pack was refused.
type Problem struct {
	// Path is the path inside the pack that the problem concerns, with
	// forward slashes, escaped as in a Go string literal (without the
	// quotes) so that it is always safe to print. It is empty for a problem
	// with the pack as a whole, such as a damaged zip file.
	Path string
	// Message says what is wrong, in plain English. Any other path it
	// names is quoted with %q.
	Message string
}

// String formats the problem as "path: message", or the message alone
// when the problem concerns the whole pack.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Error lists every problem found in a refused pack (not just the first),
// sorted by path and then message.
type Error struct {
	Problems []Problem
}

// Error implements error: a summary line, then one problem a line when
// there is more than one.
func (e *Error) Error() string {
	switch len(e.Problems) {
	case 0:
		return "pack refused"
	case 1:
		return "pack refused: " + e.Problems[0].String()
	}
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("pack refused: %d problems", len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// problems collects the problems found while checking a pack.
type problems struct {
	list []Problem
}

// add records a problem with the entry at raw, the path exactly as the pack
// gives it; the path is escaped before it is stored.
func (ps *problems) add(raw, format string, args ...any) {
	ps.list = append(ps.list, Problem{Path: escapePath(raw), Message: fmt.Sprintf(format, args...)})
}

// any reports whether a problem has been recorded.
func (ps *problems) any() bool { return len(ps.list) > 0 }

// err returns the problems as an *Error, sorted.
func (ps *problems) err() error {
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b Problem) int {
		if c := cmp.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
	return &Error{Problems: out}
}

// refuse returns an *Error with one problem with the pack as a whole.
func refuse(format string, args ...any) error {
	return &Error{Problems: []Problem{{Message: fmt.Sprintf(format, args...)}}}
}

// escapePath escapes a path as in a Go string literal, without the quotes:
// control characters, invisible characters and invalid UTF-8 become
// escapes, and ordinary names are unchanged.
func escapePath(raw string) string {
	q := strconv.Quote(raw)
	return q[1 : len(q)-1]
}
