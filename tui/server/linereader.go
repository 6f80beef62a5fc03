package server

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// maxInputLine is the longest line the accessible mode is given, in
// bytes: an answer, a number or a code is far shorter. What is typed
// beyond it is dropped (and not echoed).
const maxInputLine = 1024

// lineReader gives the accessible mode lines of plain text, each ending
// in "\n", from a session's raw input. charm.land/ssh emulates only the
// output side of a pty ("\n" written as "\r\n"), so over a pty, where the
// client's terminal is raw and sends each key as it is pressed, this is
// the line discipline: it echoes what is typed, erases with backspace or
// delete and clears the line with ctrl+u (redrawing it with CR and
// spaces, never a control sequence), ends a line at CR or LF (CRLF once),
// ends the input at ctrl+c, or ctrl+d on an empty line, and drops every
// other control character, every escape sequence (arrow keys, function
// keys, a terminal's replies) and C1 control, and what goes past
// maxInputLine. Without a pty (ssh -T) the client sends cooked lines: the
// same rules apply, but nothing is echoed.
type lineReader struct {
	src  io.Reader
	echo io.Writer // nil: no echo (no pty)

	buf   [512]byte
	line  []byte // the line being typed, valid UTF-8 of printable runes
	ready []byte // finished lines not yet read
	state escState
	rune  []byte // the bytes of a UTF-8 sequence begun
	cr    bool   // the last byte ended a line with CR
	eof   bool   // the input has ended (or ctrl+c, ctrl+d)
}

// escState is where the reader is in an escape sequence.
type escState int

const (
	escNone   escState = iota
	escStart           // after ESC
	escCSI             // after ESC [ (or C1 CSI): parameters until a final byte
	escSS3             // after ESC O: one more byte
	escString          // OSC, DCS, APC, PM, SOS: until BEL or ESC \
)

// newLineReader reads src; echo, when not nil, receives what is typed.
func newLineReader(src io.Reader, echo io.Writer) *lineReader {
	return &lineReader{src: src, echo: echo}
}

// Read returns finished lines; io.EOF once the input has ended and every
// line has been read. A line cut off by the end of input is finished.
func (l *lineReader) Read(p []byte) (int, error) {
	for len(l.ready) == 0 {
		if l.eof {
			return 0, io.EOF
		}
		n, err := l.src.Read(l.buf[:])
		for _, b := range l.buf[:n] {
			if l.eof {
				break
			}
			l.feed(b)
		}
		if err != nil && !l.eof {
			if len(l.line) > 0 {
				l.finish()
			}
			l.eof = true
		}
	}
	n := copy(p, l.ready)
	l.ready = l.ready[n:]
	return n, nil
}

// feed takes one byte of input.
func (l *lineReader) feed(b byte) {
	wasCR := l.cr
	l.cr = false
	switch l.state {
	case escStart:
		switch b {
		case '[':
			l.state = escCSI
		case 'O':
			l.state = escSS3
		case ']', 'P', '_', '^', 'X':
			l.state = escString
		default:
			l.state = escNone // ESC and one key (alt+key): both dropped
		}
		return
	case escCSI:
		if b < 0x20 || b > 0x3f { // a final byte, or something that ends it
			l.state = escNone
		}
		return
	case escSS3:
		l.state = escNone
		return
	case escString:
		switch b {
		case 0x07:
			l.state = escNone
		case 0x1b:
			l.state = escStart
		}
		return
	}
	if len(l.rune) > 0 || b >= 0x80 {
		l.feedUTF8(b)
		return
	}
	switch {
	case b == 0x1b:
		l.state = escStart
	case b == '\r':
		l.finish()
		l.cr = true
	case b == '\n':
		if !wasCR {
			l.finish()
		}
	case b == 0x7f || b == 0x08: // delete, backspace
		if len(l.line) > 0 {
			_, size := utf8.DecodeLastRune(l.line)
			l.redraw(l.line[:len(l.line)-size])
		}
	case b == 0x15: // ctrl+u
		l.redraw(nil)
	case b == 0x03: // ctrl+c
		l.say("^C\r\n")
		l.line, l.eof = nil, true
	case b == 0x04: // ctrl+d: the end of input on an empty line
		if len(l.line) == 0 {
			l.eof = true
		}
	case b == '\t':
		l.add(' ')
	case b >= 0x20 && b < 0x7f:
		l.add(rune(b))
	}
}

// feedUTF8 collects the bytes of one multi-byte character.
func (l *lineReader) feedUTF8(b byte) {
	if len(l.rune) > 0 && (b < 0x80 || b >= 0xc0) { // not a continuation: the sequence was cut short
		l.rune = l.rune[:0]
		l.feed(b)
		return
	}
	l.rune = append(l.rune, b)
	if !utf8.FullRune(l.rune) && len(l.rune) < utf8.UTFMax {
		return
	}
	r, _ := utf8.DecodeRune(l.rune)
	l.rune = l.rune[:0]
	switch {
	case r == 0x9b: // C1 CSI
		l.state = escCSI
	case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // C1 OSC, DCS, PM, APC, SOS
		l.state = escString
	case r != utf8.RuneError && unicode.IsPrint(r):
		l.add(r)
	}
}

// add appends a printable character and echoes it.
func (l *lineReader) add(r rune) {
	if len(l.line)+utf8.RuneLen(r) > maxInputLine {
		return
	}
	l.line = utf8.AppendRune(l.line, r)
	l.say(string(r))
}

// finish ends the line being typed.
func (l *lineReader) finish() {
	l.ready = append(append(l.ready, l.line...), '\n')
	l.line = l.line[:0]
	l.say("\r\n")
}

// redraw replaces the echoed line with line: back to the start of the
// line with CR, spaces over the old text, CR again, and the new text.
func (l *lineReader) redraw(line []byte) {
	old := ansi.StringWidth(string(l.line))
	l.line = append(l.line[:0], line...)
	l.say("\r" + strings.Repeat(" ", old) + "\r" + string(l.line))
}

// say echoes text, when there is a pty.
func (l *lineReader) say(text string) {
	if l.echo != nil {
		_, _ = io.WriteString(l.echo, text)
	}
}
