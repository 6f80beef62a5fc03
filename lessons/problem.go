package lessons

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem makes a pack invalid.
type Severity int

// Severities, from least to most serious.
const (
	// Warning is a problem worth fixing that does not stop the pack loading.
	Warning Severity = iota
	// Error makes the pack invalid.
	Error
)

// Problem is one thing wrong with a pack, located as precisely as the
// format allows.
type Problem struct {
	File     string // path inside the pack, with forward slashes
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Message  string
	Severity Severity
}

// String formats the problem as file:line: message, the form compilers use,
// so that editors can jump to it. Warnings say so.
func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Severity == Warning {
		return loc + ": warning: " + p.Message
	}
	return loc + ": " + p.Message
}

// ValidationError is returned by [Load] for a pack with at least one
// problem of severity [Error]. Problems holds every problem found, warnings
// included, sorted by file and line.
type ValidationError struct {
	Problems []Problem
}

// Errors returns the number of problems of severity [Error].
func (e *ValidationError) Errors() int {
	n := 0
	for _, p := range e.Problems {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Error implements error: every problem, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid pack:\n" + strings.Join(lines, "\n")
}

// problems collects the problems found while loading a pack.
type problems struct {
	list []Problem
}

func (ps *problems) add(sev Severity, file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Severity: sev})
}

func (ps *problems) errorf(file string, line int, format string, args ...any) {
	ps.add(Error, file, line, format, args...)
}

func (ps *problems) warnf(file string, line int, format string, args ...any) {
	ps.add(Warning, file, line, format, args...)
}

func (ps *problems) hasErrors() bool {
	return slices.ContainsFunc(ps.list, func(p Problem) bool { return p.Severity == Error })
}

// sorted returns the problems in file, then line order; problems on the same
// line keep the order they were found in. Past maxFileProblems in one file
// it lists only how many more there are: a hostile file can hold thousands,
// and nobody reads past the first screenful.
func (ps *problems) sorted() []Problem {
	all := slices.Clone(ps.list)
	slices.SortStableFunc(all, func(a, b Problem) int {
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	out := all[:0:0]
	for len(all) > 0 {
		n := 1
		for n < len(all) && all[n].File == all[0].File {
			n++
		}
		file := all[:n]
		all = all[n:]
		if len(file) <= maxFileProblems {
			out = append(out, file...)
			continue
		}
		kept, rest := file[:maxFileProblems], file[maxFileProblems:]
		sev := Warning
		if slices.ContainsFunc(rest, func(p Problem) bool { return p.Severity == Error }) {
			sev = Error
		}
		last := kept[len(kept)-1]
		out = append(out, kept...)
		out = append(out, Problem{File: last.File, Line: last.Line, Severity: sev,
			Message: fmt.Sprintf("and %d more problems in this file, not listed: fix these first", len(rest))})
	}
	return out
}
