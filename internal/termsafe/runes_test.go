package termsafe

import (
	"testing"
	"unicode/utf8"
)

// TestUnsafeRuneIsWhatCleaningRemoves checks, for every code point, that
// UnsafeRune is exactly what Text, Line, ANSI and Check act on, fast paths
// included, and that FirstUnsafe finds it where it is.
func TestUnsafeRuneIsWhatCleaningRemoves(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue // not representable in a string
		}
		s := "a" + string(r) + "b"
		unsafe := UnsafeRune(r)
		if changed := Text(s) != s; changed != unsafe {
			t.Errorf("%U: UnsafeRune %v, but Text changes it: %v", r, unsafe, changed)
		}
		if changed := ANSI(s) != s; changed != unsafe {
			t.Errorf("%U: UnsafeRune %v, but ANSI changes it: %v", r, unsafe, changed)
		}
		if reported := Check(s) != nil; reported != unsafe {
			t.Errorf("%U: UnsafeRune %v, but Check reports it: %v", r, unsafe, reported)
		}
		got, off, found := FirstUnsafe(s)
		if found != unsafe || found && (got != r || off != 1) {
			t.Errorf("%U: FirstUnsafe = %U, %d, %v", r, got, off, found)
		}
		if ControlRune(r) && !unsafe {
			t.Errorf("%U: a control rune that is not unsafe", r)
		}
	}
}

func TestUnsafeRuneOutsideUnicode(t *testing.T) {
	for _, r := range []rune{-1, -0x7fffffff, 0xd800, 0xdfff, 0x110000, 0x7fffffff} {
		if !UnsafeRune(r) {
			t.Errorf("UnsafeRune(%#x) = false", r)
		}
		if ControlRune(r) && r < 0 {
			t.Errorf("ControlRune(%#x) = true", r)
		}
	}
}

func TestFirstUnsafe(t *testing.T) {
	for _, c := range []struct {
		s     string
		r     rune
		off   int
		found bool
	}{
		{"", 0, 0, false},
		{"plain text\twith tab\nand new line", 0, 0, false},
		{"é and \u202e", 0x202e, 7, true},
		{"\r\n", '\r', 0, true},
		{"ok\xffbad", 0, 0, false}, // not UTF-8: for utf8.ValidString
		{"x\x1b[31m", 0x1b, 1, true},
		{"\u200b\u0085", 0x200b, 0, true},
	} {
		r, off, found := FirstUnsafe(c.s)
		if r != c.r || off != c.off || found != c.found {
			t.Errorf("FirstUnsafe(%q) = %U, %d, %v; want %U, %d, %v", c.s, r, off, found, c.r, c.off, c.found)
		}
	}
}
