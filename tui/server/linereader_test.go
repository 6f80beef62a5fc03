package server

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAllLines feeds input to a lineReader in chunks of size and returns
// the lines it gives and what it echoed.
func readAllLines(input string, size int) (lines, echo string) {
	var e strings.Builder
	l := newLineReader(&chunked{s: input, size: size}, &e)
	out, _ := io.ReadAll(l)
	return string(out), e.String()
}

// chunked reads s a few bytes at a time, as keys arrive.
type chunked struct {
	s    string
	size int
}

func (c *chunked) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.size)], c.s)
	c.s = c.s[n:]
	return n, nil
}

func TestLineReaderEditsLikeATerminal(t *testing.T) {
	for _, tc := range []struct{ name, in, lines, echo string }{
		{"CR ends a line", "abc\r", "abc\n", "abc\r\n"},
		{"LF ends a line", "abc\n", "abc\n", "abc\r\n"},
		{"CRLF is one line end", "a\r\nb\r\n", "a\nb\n", "a\r\nb\r\n"},
		{"two enters are two lines", "\r\r", "\n\n", "\r\n\r\n"},
		{"backspace and delete", "abx\x7fc\x08d\r", "abd\n", "abx\r   \rabc\r   \rabd\r\n"},
		{"backspace on an empty line", "\x7f\x7fa\r", "a\n", "a\r\n"},
		{"backspace erases a whole character", "né\x7f\r", "n\n", "né\r  \rn\r\n"},
		{"ctrl+u clears", "wrong\x15right\r", "right\n", "wrong\r     \rright\r\n"},
		{"arrow keys and colours dropped", "\x1b[A\x1b[1;5Ch\x1b[31mi\x1bOP\r", "hi\n", "hi\r\n"},
		{"OSC reply dropped", "\x1b]11;rgb:0000/0000/0000\x07ok\x1b]0;t\x1b\\\r", "ok\n", "ok\r\n"},
		{"C1 controls dropped", "a\u009b31mb\u0085c\x9bd\r", "abcd\n", "abcd\r\n"},
		{"other controls dropped", "a\x00\x01\x07\x0c\x1ab\r", "ab\n", "ab\r\n"},
		{"tab is a space", "a\tb\r", "a b\n", "a b\r\n"},
		{"bidi override dropped", "a\u202eb\r", "ab\n", "ab\r\n"},
		{"ctrl+c ends the input", "typed\x03more\r", "", "typed^C\r\n"},
		{"ctrl+d on a line is ignored", "ab\x04c\r\x04more\r", "abc\n", "abc\r\n"},
		{"the last line without an end", "last", "last\n", "last\r\n"},
	} {
		for _, size := range []int{1, 3, 512} {
			lines, echo := readAllLines(tc.in, size)
			if lines != tc.lines || echo != tc.echo {
				t.Errorf("%s (%d bytes at a time): lines %q echo %q; want %q, %q", tc.name, size, lines, echo, tc.lines, tc.echo)
			}
		}
	}
}

func TestLineReaderBoundsTheLine(t *testing.T) {
	lines, echo := readAllLines(strings.Repeat("x", 10*maxInputLine)+"\rnext\r", 4096)
	if want := strings.Repeat("x", maxInputLine) + "\nnext\n"; lines != want {
		t.Errorf("a long line gives %d bytes, want the first %d then the next line", len(lines), maxInputLine)
	}
	if len(echo) > maxInputLine+16 {
		t.Errorf("echoed %d bytes for a line bounded at %d", len(echo), maxInputLine)
	}
}

func TestLineReaderWithoutEchoWritesNothing(t *testing.T) {
	l := newLineReader(strings.NewReader("one\ntwo\r\n"), nil)
	out, err := io.ReadAll(l)
	if err != nil || string(out) != "one\ntwo\n" {
		t.Errorf("cooked lines = %q, %v", out, err)
	}
}

// plainOutput reports the first byte of s that is a control character
// other than CR, LF and tab (C0, DEL, or C1 as a character), or -1.
func plainOutput(s string) int {
	for i, r := range s {
		if (r < 0x20 && r != '\r' && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError {
			return i
		}
	}
	return -1
}

// FuzzLineReader: whatever a client sends, the lines are printable UTF-8
// within the bound, and the echo holds no control character but CR and
// LF.
func FuzzLineReader(f *testing.F) {
	for _, seed := range []string{"abc\r", "\x1b[A\x1b[31m", "\x1b]11;?\x07", "né\x7f\x15\r\n", "\x9b31m\xc2\x9b", "\x03", "\x04", "\xff\xfe\r", "\x1bP\x1b\\x\r"} {
		f.Add(seed, 3)
	}
	f.Fuzz(func(t *testing.T, in string, size int) {
		size = max(1, min(size, 600))
		lines, echo := readAllLines(in, size)
		if !utf8.ValidString(lines) {
			t.Fatalf("lines are not UTF-8: %q", lines)
		}
		for _, line := range strings.SplitAfter(lines, "\n") {
			body := strings.TrimSuffix(line, "\n")
			if i := plainOutput(body); i >= 0 || strings.ContainsAny(body, "\r\t") {
				t.Fatalf("line %q has a control character", body)
			}
			if len(body) > maxInputLine {
				t.Fatalf("a line of %d bytes", len(body))
			}
		}
		if i := plainOutput(echo); i >= 0 {
			t.Fatalf("echo %q has a control character at %d", echo, i)
		}
	})
}
