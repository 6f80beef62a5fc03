// Package aiken reads question banks in the Aiken format, the plain-text
// multiple-choice format that Moodle and Totara import and export, so that
// trainers can reuse the banks they already have.
//
// An Aiken file looks like this:
//
//	Which of these is the safest way to share a document?
//	A) Email it to their personal address
//	B) Share a link from the council document system
//	ANSWER: B
//
// [Parse] follows Moodle's importer (question/format/aiken/format.php,
// readquestions, at commit cf29c007) line for line, so that a file imports
// here exactly as it does in the trainer's LMS, and reports Moodle's errors
// on Moodle's line numbers. Where Moodle would import something broken (an
// ANSWER letter with no option, an empty option, text that is not UTF-8) or
// says nothing (a question cut off by the end of the file), this package
// reports a problem instead; the documentation of [Parse] lists every
// difference.
//
// Files are untrusted. Input is limited to 1 MiB and a question to 1,000
// options, and Parse never panics. Moodle HTML-escapes every text it reads
// (htmlspecialchars) because it shows them as HTML; this package does not,
// because Upskill shows them as plain text. The texts are therefore returned
// exactly as written, and may hold terminal control characters: pass every
// text through termsafe.Line before showing it.
package aiken

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits that keep a damaged or hostile file from using too much memory or
// time.
const (
	maxBytes   = 1 << 20 // largest file Parse reads: 1 MiB
	maxOptions = 1000    // most option lines one question may have
)

// Question is one complete multiple-choice question with a single right
// answer.
type Question struct {
	Line    int      // line of the question text
	Text    string   // the question text (one line), trimmed
	Options []string // option texts without their "A) " / "B. " prefixes, in order
	Answer  int      // index into Options of the right answer
}

// Problem is one thing in the file that stopped a question being read, or
// that Moodle would report as an error.
type Problem struct {
	Line    int    // 1-based line the problem was found on
	Message string // plain English for a trainer, lower case, no final period
}

// String formats the problem as "line N: message".
func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

// Parse reads an Aiken file as Moodle does. It returns every complete
// question, in order, and every problem with its 1-based line. It never
// panics.
//
// As in Moodle:
//   - a UTF-8 byte order mark at the start is ignored, and lines may end in
//     "\n", "\r\n" or a lone "\r";
//   - every line is trimmed of spaces, tabs, NUL and vertical tabs (PHP's
//     trim), and a line shorter than 2 bytes after trimming is ignored, so
//     blank lines may appear anywhere;
//   - a line starting with a capital letter and ")" or "." is an option
//     ("A)Incorrect" and "B. Correct" both are); the rest of the line,
//     trimmed, is the option's text. The letter itself is not checked:
//     options are numbered by position, and ANSWER: B means the second;
//   - a line starting "ANSWER:" (capitals) ends the question; the first
//     letter after it names the right answer. "answer: B" is not an ANSWER
//     line but question text;
//   - any other line is the text of a new question; an unfinished question
//     before it is discarded;
//   - the problems Moodle reports are reported on the same lines: an option
//     or ANSWER line outside a question (Moodle's questionnotstarted), an
//     ANSWER line after fewer than 2 options (questionmissinganswers, on the
//     ANSWER line), and a question discarded when the next one starts
//     (questionnotcomplete, on the line of the next question).
//
// Parse also reports, and leaves out the question concerned, where Moodle
// imports a broken question or fails later when saving it: an ANSWER that is
// not a single capital letter, an ANSWER letter with no option, an option
// with no text, a question or option that is not valid UTF-8 and a question
// with more than 1,000 options. It reports a question left unfinished at the
// end of the file (on the question's line), which Moodle drops silently, and,
// like Moodle's importer, a file with no complete question (on line 1). A
// file over 1 MiB gives one problem on line 1 and is not read.
//
// Line numbers differ from Moodle's in one case: Moodle counts "\r\n" as two
// lines, so its numbers for a Windows file are about double the real ones.
// Parse counts "\r\n" as one line ending, so its numbers match the
// trainer's editor.
//
// Problems are sorted by line; problems on the same line keep the order they
// were found in.
//
// A file with more than [MaxProblems] problems is not read past them: the
// list would help nobody, and a hostile file could make millions.
func Parse(src []byte) ([]Question, []Problem) {
	if len(src) > maxBytes {
		return nil, []Problem{{Line: 1, Message: fmt.Sprintf(
			"the file is %s, larger than the limit of 1 MiB (1024 KiB); split it into smaller files", size(len(src)))}}
	}
	// readdata in question/format.php: core_text::trim_utf8_bom on the
	// first line only.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))

	// Moodle splits lines at "\n" (PHP's file()) and then at "\r"
	// (explode in readquestions), so "\r\n" counts as two lines there and
	// as one here. nextLF and nextCR cache the next of each, so that a file
	// using only one of them is still scanned once.
	var p parser
	n, nextLF, nextCR := 0, -1, -1
	for i := 0; i < len(src); {
		if nextLF < i {
			nextLF = indexFrom(src, '\n', i)
		}
		if nextCR < i {
			nextCR = indexFrom(src, '\r', i)
		}
		end := min(nextLF, nextCR)
		n++
		p.line(n, src[i:end])
		if p.stopped {
			return nil, append(p.problems, Problem{Line: n, Message: fmt.Sprintf("more than %d problems: fix these first; the rest of the file was not read", MaxProblems)})
		}
		i = end + 1
		if end == nextCR && end+1 == nextLF {
			i++ // "\r\n"
		}
	}
	p.end()
	if p.stopped {
		return nil, append(p.problems, Problem{Line: n, Message: fmt.Sprintf("more than %d problems: fix these first; the rest of the file was not read", MaxProblems)})
	}
	if len(p.questions) == 0 {
		msg := "the file has no complete questions"
		if !p.content {
			msg = "the file is empty"
		}
		p.problems = append(p.problems, Problem{Line: 1, Message: msg}) // whatever the count
	}
	slices.SortStableFunc(p.problems, func(a, b Problem) int { return a.Line - b.Line })
	return p.questions, p.problems
}

// MaxProblems is the most problems Parse reports for one file.
const MaxProblems = 100

// parser holds the state of readquestions between lines.
type parser struct {
	questions []Question
	problems  []Problem
	open      bool    // a question has started and has not ended
	cur       pending // the open question
	content   bool    // some line was long enough to be read
	stopped   bool    // more than MaxProblems were found
}

// pending is a question that has started but not yet reached its ANSWER
// line. Its texts point into the input until the question is complete.
type pending struct {
	line    int
	text    []byte
	options [][]byte // reused from question to question
	count   int      // option lines seen, including any past maxOptions
	bad     bool     // a problem was reported and the question will be left out
}

// problem records a problem; past MaxProblems it stops the parse instead.
func (p *parser) problem(line int, msg string) {
	if len(p.problems) == MaxProblems {
		p.stopped = true
		return
	}
	p.problems = append(p.problems, Problem{Line: line, Message: msg})
}

// line reads line n, as the body of the loop in readquestions does.
func (p *parser) line(n int, raw []byte) {
	t := phpTrim(raw)
	// if (strlen($nowline) < 2) continue;
	if len(t) < 2 {
		return
	}
	p.content = true
	switch {
	// preg_match('/^[A-Z][).][ \t]?/', $nowline): the optional blank after
	// the delimiter does not change what matches.
	case t[0] >= 'A' && t[0] <= 'Z' && (t[1] == ')' || t[1] == '.'):
		p.option(n, t)
	// preg_match('/^ANSWER:/', $nowline): case-sensitive.
	case bytes.HasPrefix(t, []byte("ANSWER:")):
		p.answer(n, t)
	default:
		p.text(n, t)
	}
}

// option reads an option line.
func (p *parser) option(n int, t []byte) {
	if !p.open {
		// Moodle: questionnotstarted, then continue.
		p.problem(n, "this option is not part of a question: a question's text must come first, on its own line")
		return
	}
	q := &p.cur
	q.count++
	if q.count > maxOptions {
		if q.count == maxOptions+1 {
			p.problem(n, fmt.Sprintf("the question on line %d has more than %d options; give it at most %d", q.line, maxOptions, maxOptions))
			q.bad = true
		}
		return
	}
	// trim(substr($nowline, 2)): the label goes, then the blank after it.
	text := phpTrim(t[2:])
	switch {
	case len(text) == 0:
		p.problem(n, fmt.Sprintf("this option of the question on line %d has no text: write it, or delete the line", q.line))
		q.bad = true
	case !utf8.Valid(text):
		p.problem(n, fmt.Sprintf("this option of the question on line %d is not valid UTF-8 text: save the file as UTF-8", q.line))
		q.bad = true
	}
	if !q.bad {
		q.options = append(q.options, text)
	}
}

// answer reads an ANSWER line, which ends the open question.
func (p *parser) answer(n int, t []byte) {
	if !p.open {
		// Moodle: questionnotstarted, then continue.
		p.problem(n, "this ANSWER line is not part of a question: a question's text and its options must come first")
		return
	}
	q := p.cur
	p.open = false
	// Moodle checks the number of answers before it uses the letter.
	if q.count < 2 {
		// Moodle: questionmissinganswers, on the ANSWER line.
		p.problem(n, fmt.Sprintf("the question on line %d has %s; it needs at least 2", q.line, plural(q.count, "option")))
		return
	}
	// $ans = trim(substr($nowline, strpos($nowline, ':') + 1)); Moodle then
	// takes its first byte and maps A to 0, B to 1 and so on, whatever the
	// byte is. Anything but one capital letter is refused here.
	letter := phpTrim(t[len("ANSWER:"):])
	if len(letter) != 1 || letter[0] < 'A' || letter[0] > 'Z' {
		p.problem(n, fmt.Sprintf("the ANSWER line of the question on line %d must give one capital letter, such as ANSWER: B", q.line))
		return
	}
	answer := int(letter[0] - 'A')
	if answer >= q.count {
		// Only possible with fewer than 26 options, so the last letter
		// is a capital too.
		p.problem(n, fmt.Sprintf("the ANSWER line names %c, but the question on line %d has only %d options, A to %c",
			letter[0], q.line, q.count, 'A'+q.count-1))
		return
	}
	if q.bad {
		return // its problem is already reported
	}
	p.questions = append(p.questions, q.question(answer))
}

// question copies a complete question out of the input. Its texts share one
// string, so that a question costs two allocations, not one per text.
func (q *pending) question(answer int) Question {
	size := len(q.text)
	for _, o := range q.options {
		size += len(o)
	}
	var b strings.Builder
	b.Grow(size)
	b.Write(q.text)
	for _, o := range q.options {
		b.Write(o)
	}
	all := b.String()
	out := Question{Line: q.line, Text: all[:len(q.text)], Options: make([]string, len(q.options)), Answer: answer}
	off := len(q.text)
	for i, o := range q.options {
		out.Options[i] = all[off : off+len(o)]
		off += len(o)
	}
	return out
}

// text reads a line that is neither an option nor an ANSWER line: the text
// of a new question.
func (p *parser) text(n int, t []byte) {
	if p.open {
		// Moodle: questionnotcomplete, on the line of the new question.
		msg := fmt.Sprintf("the question on line %d has no ANSWER line before the next question starts here: add one, such as ANSWER: B", p.cur.line)
		if lowerAnswer(t) {
			msg = fmt.Sprintf("the question on line %d has no ANSWER line: this line is read as a new question, because ANSWER must be in capitals (ANSWER: B)", p.cur.line)
		}
		p.problem(n, msg)
	}
	p.open = true
	p.cur = pending{line: n, text: t, options: p.cur.options[:0]}
	if !utf8.Valid(t) {
		p.problem(n, "this question is not valid UTF-8 text: save the file as UTF-8")
		p.cur.bad = true
	}
}

// end handles the end of the file. Moodle silently drops a question still
// open there; it is reported here, on the question's own line.
func (p *parser) end() {
	if !p.open {
		return
	}
	msg := "this question has no ANSWER line before the end of the file: add one, such as ANSWER: B"
	if lowerAnswer(p.cur.text) {
		msg = "this line is read as a question, because ANSWER must be in capitals (ANSWER: B), and it has no ANSWER line of its own"
	}
	p.problem(p.cur.line, msg)
	p.open = false
}

// phpTrim trims what PHP's trim() does by default: " \t\n\r\0\x0B".
// Unicode spaces such as U+00A0 stay, as they do in Moodle.
func phpTrim(b []byte) []byte {
	for len(b) > 0 && isTrimmed(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isTrimmed(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isTrimmed(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == '\v'
}

// indexFrom returns the index of the first c in src at or after from, or
// len(src) if there is none.
func indexFrom(src []byte, c byte, from int) int {
	if i := bytes.IndexByte(src[from:], c); i >= 0 {
		return from + i
	}
	return len(src)
}

// lowerAnswer reports whether t looks like an ANSWER line that is not in
// capitals, such as "answer: B" or "Answer: B".
func lowerAnswer(t []byte) bool {
	return len(t) >= 7 && bytes.EqualFold(t[:7], []byte("ANSWER:")) && !bytes.HasPrefix(t, []byte("ANSWER:"))
}

// plural returns "no options", "1 option" or "3 options".
func plural(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// size formats a byte count for a trainer, rounded up to whole KiB so that
// a file just over the limit does not read as "1.0 MiB".
func size(n int) string {
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}
