package termsafe

import "testing"

func TestText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Strong passwords", "Strong passwords"},
		{"unicode kept", "Cymraeg: ŵ ŷ — “quotes” 🙂 日本", "Cymraeg: ŵ ŷ — “quotes” 🙂 日本"},
		{"newline and tab kept", "a\n\tb", "a\n\tb"},
		{"CRLF", "a\r\nb", "a\nb"},
		{"C0 and DEL", "a\x00\x01\a\b\v\f\x0e\x1f\x7fb", "ab"},
		{"C1 controls", "a\u0080\u0085\u008d\u009cb", "ab"},
		{"CSI removed with parameters", "a\x1b[1;31mb\x1b[0m", "ab"},
		{"CSI cut short by a control", "a\x1b[12\nb", "a\nb"},
		{"CSI cut short by non-ASCII", "a\x1b[1é", "aé"},
		{"two-byte ESC", "a\x1b7b\x1b8c\x1bMd", "abcd"},
		{"ESC with intermediates", "a\x1b(Bb\x1b#8c", "abc"},
		{"lone ESC at end", "ab\x1b", "ab"},
		{"ESC before DEL", "a\x1b\x7fb", "ab"},
		{"OSC ended by ST", "a\x1b]0;t\x1b\\b", "ab"},
		{"OSC ended by C1 ST", "a\x1b]0;t\u009cb", "ab"},
		{"OSC ended by CAN", "a\x1b]0;t\x18b", "ab"},
		{"OSC cut by next ESC", "a\x1b]0;t\x1b[1mb", "ab"},
		{"unterminated OSC eats the rest", "a\x1b]0;title and more", "a"},
		{"BEL does not end DCS", "a\x1bPq\a#0\x1b\\b", "ab"},
		{"C1 introducers", "a\u009b2Jb\u009d0;t\ab\u0090q\u009cb\u009fG\u009cb\u009ex\u009cb\u0098x\u009cb", "abbbbbb"},
		{"format controls", "a\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeffb", "ab"},
		{"ZWJ emoji kept", "👩\u200d💻", "👩\u200d💻"},
		{"invalid bytes", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"lone surrogate encoding", "a\xed\xa0\x80b", "a\ufffd\ufffd\ufffdb"},
		{"raw 8-bit CSI byte", "a\x9b2Jb", "a\ufffd2Jb"},
		{"entities untouched", "&#27; &amp;", "&#27; &amp;"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Text(c.in); got != c.want {
				t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  Strong \t passwords \n", "Strong passwords"},
		{"a\r\nb", "a b"},
		{"a\x1b[2J\n\n b", "a b"},
		{"a\u00a0\u2003b", "a b"},
		{"\n\t ", ""},
		{"title\x1b]0;evil\x07", "title"},
		{"x\u202e y", "x y"},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
