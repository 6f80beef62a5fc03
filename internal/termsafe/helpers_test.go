package termsafe

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/glamour/v2"
)

// render renders md with Glamour in the given standard style and width. A
// new renderer is made for each call because a TermRenderer is not safe for
// concurrent use.
func render(tb testing.TB, style string, width int, md string) string {
	tb.Helper()
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		tb.Fatalf("glamour.NewTermRenderer: %v", err)
	}
	out, err := r.Render(md)
	if err != nil {
		tb.Fatalf("glamour render: %v", err)
	}
	return out
}

// badRune returns the first rune of s that Text must never produce (ESC, a C0
// control other than '\n' and '\t', DEL, a C1 control, a bidi or invisible
// format control, or an invalid byte), with its offset.
func badRune(s string) (r rune, off int, found bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || UnsafeRune(r) {
			return r, i, true
		}
		i += n
	}
	return 0, 0, false
}

// noBadRunes fails the test if s contains a rune badRune reports.
func noBadRunes(tb testing.TB, what, s string) {
	tb.Helper()
	if r, off, found := badRune(s); found {
		tb.Errorf("%s contains %U at byte %d: %q", what, r, off, s)
	}
}

// styleOnly returns an error describing the first escape sequence or control
// in out that could not have come from Glamour's own styling: anything but an
// OSC 8 hyperlink ended by BEL and, when sgr is true, an SGR sequence. Glamour's
// "notty" style writes no SGR, so for it (sgr false) every other escape must
// have come from the rendered content; for a coloured style this still finds
// every control other than ESC that the content produced.
//
// The invisible marks that named references produce (U+200B, U+200E, U+200F,
// U+2060) are tolerated when strict is false: Markdown cannot catch a named
// reference joined through a link destination, and ANSI removes them.
// Numeric references go through the same code paths as "&#27;", so a
// Markdown bug still shows up as an ESC or other control.
func styleOnly(out string, sgr, strict bool) error {
	for i := 0; i < len(out); {
		if strings.HasPrefix(out[i:], "\x1b]8;") {
			end := strings.IndexByte(out[i:], '\a')
			if end < 0 {
				return fmt.Errorf("unterminated OSC 8 at byte %d: %q", i, out[i:])
			}
			if j := strings.IndexByte(out[i+1:i+end], 0x1b); j >= 0 {
				return fmt.Errorf("ESC inside OSC 8 at byte %d: %q", i, out[i:i+end+1])
			}
			i += end + 1
			continue
		}
		if sgr && strings.HasPrefix(out[i:], "\x1b[") {
			j := i + 2
			for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';') {
				j++
			}
			if j < len(out) && out[j] == 'm' {
				i = j + 1
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(out[i:])
		mark := r == 0x200b || r == 0x200e || r == 0x200f || r == 0x2060
		if r == utf8.RuneError && n == 1 || UnsafeRune(r) && (strict || !mark) {
			return fmt.Errorf("%U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
		}
		i += n
	}
	return nil
}

// glamourControls checks Glamour's dark-style output dark of some Markdown
// md, renders md again in the "notty" style at the given width, and returns
// an error for the first control or escape in either output that Glamour's
// styling does not explain. strict is passed to styleOnly.
func glamourControls(tb testing.TB, width int, md, dark string, strict bool) error {
	tb.Helper()
	if err := styleOnly(render(tb, "notty", width, md), false, strict); err != nil {
		return fmt.Errorf("notty style: %w", err)
	}
	if err := styleOnly(dark, true, strict); err != nil {
		return fmt.Errorf("dark style: %w", err)
	}
	return nil
}

// lessonBody returns testdata/lesson.md without its front matter.
func lessonBody(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/lesson.md")
	if err != nil {
		tb.Fatal(err)
	}
	s := string(b)
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
			s = body
		}
	}
	return s
}
