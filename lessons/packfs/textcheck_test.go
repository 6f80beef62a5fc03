package packfs

import (
	"strconv"
	"strings"
	"testing"
)

// TestTextCheckPieces checks that checking text in pieces of every size
// finds the same line as checking it whole, with characters of every
// length split at every point.
func TestTextCheckPieces(t *testing.T) {
	inputs := map[string]int{ // text → line of the first bad byte, 0 if valid
		"":                                 0,
		"plain\nascii\n":                   0,
		"é€😀\n€😀é\n😀é€":                    0,
		"\uFFFD is fine\n":                 0,
		"a\nb\n\xff":                       3,
		"é\n€\n\xe2\x82":                   3, // cut off at the end
		"😀\n\xf0\x9f\x98A\n":               2, // cut off in the middle
		"\xed\xa0\x80":                     1, // a surrogate
		"a\n\xc0\xaf":                      2, // overlong
		"a\r\nb\r\n\x80c":                  3,
		strings.Repeat("é\n", 40) + "\xc3": 41,
	}
	for text, line := range inputs {
		want := ""
		if line > 0 {
			want = "not valid UTF-8 text (line " + strconv.Itoa(line) + ")"
		}
		if got := checkText([]byte(text)); got != want {
			t.Errorf("checkText(%q) = %q, want %q", text, got, want)
		}
		for size := 1; size <= 7; size++ {
			for start := 0; start < size && start <= len(text); start++ {
				var c textCheck
				c.write([]byte(text[:start]))
				for rest := text[start:]; len(rest) > 0; {
					n := min(size, len(rest))
					c.write([]byte(rest[:n]))
					rest = rest[n:]
				}
				if got := c.problem(); got != want {
					t.Errorf("%q in pieces of %d after %d: %q, want %q", text, size, start, got, want)
				}
			}
		}
	}
}

// TestSizeText checks the byte counts in messages.
func TestSizeText(t *testing.T) {
	cases := map[uint64]string{0: "0 bytes", 1: "1 byte", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		4 << 20: "4 MiB", 32 << 20: "32 MiB", 1 << 30: "1 GiB", 1 << 40: "1 TiB", 1<<64 - 1: "16 EiB"}
	for n, want := range cases {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
	if a, b := SizeOver(MaxFileBytes+1, MaxFileBytes); a != "4194305 bytes" || b != "4 MiB (4194304 bytes)" {
		t.Errorf("sizeOver = %q, %q", a, b)
	}
}

// TestFoldKey checks case folding of names.
func TestFoldKey(t *testing.T) {
	same := [][2]string{{"Lessons/A.md", "lessons/a.md"}, {"K", "\u212a"}, {"ǅ", "ǆ"}, {"ΣΑΣ", "σας"}}
	for _, p := range same {
		if foldKey(p[0]) != foldKey(p[1]) {
			t.Errorf("%q and %q fold apart", p[0], p[1])
		}
	}
	differ := [][2]string{{"a.md", "b.md"}, {"straße", "STRASSE"}, {"é", "e"}}
	for _, p := range differ {
		if foldKey(p[0]) == foldKey(p[1]) {
			t.Errorf("%q and %q fold together", p[0], p[1])
		}
	}
}
