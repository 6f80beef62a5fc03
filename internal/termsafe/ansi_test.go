package termsafe

import (
	"errors"
	"strings"
	"testing"
)

// ansiCases maps an input to ANSI's expected output.
var ansiCases = []struct{ name, in, want string }{
	{"plain", "hello, world\n\tindented", "hello, world\n\tindented"},
	{"unicode", "• café — ✓", "• café — ✓"},
	{"SGR kept", "\x1b[38;5;252mtext\x1b[m", "\x1b[38;5;252mtext\x1b[m"},
	{"OSC 8 https BEL", "\x1b]8;id=1;https://example.org/a?b=c;d\atext\x1b]8;;\a", "\x1b]8;id=1;https://example.org/a?b=c;d\atext\x1b]8;;\a"},
	{"OSC 8 https ST", "\x1b]8;;HTTPS://example.org\x1b\\text\x1b]8;;\x1b\\", "\x1b]8;;HTTPS://example.org\x1b\\text\x1b]8;;\x1b\\"},
	{"OSC 8 mailto", "\x1b]8;;mailto:a@example.org\aa\x1b]8;;\a", "\x1b]8;;mailto:a@example.org\aa\x1b]8;;\a"},
	{"OSC 8 file", "\x1b]8;;file:///etc/passwd\atext\x1b]8;;\a", "text\x1b]8;;\a"},
	{"OSC 8 javascript", "\x1b]8;;javascript:alert(1)\atext", "text"},
	{"OSC 8 data", "\x1b]8;;data:text/html,x\atext", "text"},
	{"OSC 8 URL with space", "\x1b]8;;https://a.example/x y\atext", "text"},
	{"OSC 8 URL with C1", "\x1b]8;;https://a.example/\u0085\atext", "text"},
	{"OSC 8 URL with RLO", "\x1b]8;;https://a.example/\u202e\atext", "text"},
	{"OSC 8 bad params", "\x1b]8;id=a b;https://a.example\atext", "text"},
	{"OSC 8 without URI part", "\x1b]8;https://a.example\atext", "text"},
	{"OSC 8 C1 ST", "\x1b]8;;https://a.example\u009ctext", "text"},
	{"OSC 8 via C1 OSC", "\u009d8;;https://a.example\atext", "text"},
	{"OSC 8 unterminated", "\x1b]8;;https://a.example", ""},
	{"OSC 8 cut by ESC", "\x1b]8;;https://a.example\x1b[1mtext", "\x1b[1mtext"},
	{"OSC 0 removed", "a\x1b]0;t\ab", "ab"},
	{"OSC 52 removed", "a\x1b]52;c;eA==\x1b\\b", "ab"},
	{"CSI removed", "a\x1b[2J\x1b[H\x1b[?1049hb", "ab"},
	{"CSI 21t title report removed", "a\x1b[21tb", "ab"},
	{"DCS removed", "a\x1bP$qm\x1b\\b", "ab"},
	{"APC removed", "a\x1b_Gi=666;AAAA\x1b\\b", "ab"},
	{"PM SOS removed", "a\x1b^x\x1b\\b\x1bXy\x1b\\c", "abc"},
	{"C1 removed", "a\u009b2J\u0085b", "ab"},
	{"bidi removed", "a\u202eb\u2066c", "abc"},
	{"CR removed", "safe\rEVIL", "safeEVIL"},
	{"BEL BS removed", "a\a\bb", "ab"},
	{"invalid UTF-8 removed", "a\xffb", "ab"},
}

func TestANSI(t *testing.T) {
	for _, c := range ansiCases {
		t.Run(c.name, func(t *testing.T) {
			if got := ANSI(c.in); got != c.want {
				t.Errorf("ANSI(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestANSIKeepsGlamour checks that ANSI leaves a real Glamour render of a
// lesson exactly as it is: the allow-list must not damage normal output.
func TestANSIKeepsGlamour(t *testing.T) {
	for _, style := range []string{"dark", "light", "notty"} {
		out := render(t, style, 80, lessonBody(t))
		if err := Check(out); err != nil {
			t.Errorf("%s: Check(glamour(lesson)) = %v", style, err)
		}
		if got := ANSI(out); got != out {
			t.Errorf("%s: ANSI changed Glamour output", style)
		}
		if !strings.Contains(out, "\x1b]8;") || style != "notty" && !strings.Contains(out, "\x1b[38;5;") {
			t.Errorf("%s: lesson render has no links or colours; the test proves nothing", style)
		}
	}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		in     string
		offset int
		seq    string
		what   string
	}{
		{"ok \x1b]0;T\a", 3, "\x1b]0;T\a", "OSC string"},
		{"\x1b[1m\x1b[8mx", 4, "\x1b[8m", "SGR with conceal or a disallowed parameter"},
		{"ab\rc", 2, "\r", "carriage return"},
		{"é\u202e", 2, "\u202e", "bidi or invisible format control"},
		{"x\u009b2J", 1, "\u009b2J", "C1 control sequence"},
		{"x\u0085", 1, "\u0085", "C1 control"},
		{"\x1b]8;;file:///etc/passwd\ax", 0, "\x1b]8;;file:///etc/passwd\a", "OSC 8 hyperlink to a disallowed URL"},
		{"a\x1b_G\x1b\\", 1, "\x1b_G\x1b\\", "APC string"},
		{"a\x1bPq", 1, "\x1bPq", "unterminated DCS string"},
		{"a\x1bc", 1, "\x1bc", "escape sequence"},
		{"a\x1b[2J", 1, "\x1b[2J", "control sequence"},
		{"a\xff", 1, "\xff", "invalid UTF-8"},
		{"a\x00", 1, "\x00", "control character"},
	}
	for _, c := range cases {
		err := Check(c.in)
		var ue *UnsafeError
		if !errors.As(err, &ue) {
			t.Errorf("Check(%q) = %v, want an *UnsafeError", c.in, err)
			continue
		}
		if ue.Offset != c.offset || ue.Sequence != c.seq || ue.What != c.what {
			t.Errorf("Check(%q) = %+v, want offset %d, sequence %q, what %q", c.in, *ue, c.offset, c.seq, c.what)
		}
		msg := err.Error()
		if !strings.Contains(msg, c.what) || !strings.Contains(msg, "at byte") {
			t.Errorf("error message %q lacks the description or offset", msg)
		}
	}
	for _, ok := range []string{"", "plain\n\ttext", "\x1b[1;31mred\x1b[m", "\x1b]8;;https://a.example\ax\x1b]8;;\a"} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q) = %v, want nil", ok, err)
		}
	}
	long := "\x1b]52;c;" + strings.Repeat("A", 1000) + "\a"
	if msg := Check(long).Error(); len(msg) > 200 || !strings.Contains(msg, "(1008 bytes)") {
		t.Errorf("long sequence not shortened in message: %d bytes: %.100q", len(msg), msg)
	}
	if msg := Check("\a").Error(); msg != `termsafe: control character "\a" at byte 0` {
		t.Errorf("message format: %s", msg)
	}
}

func TestAllowedURL(t *testing.T) {
	cases := []struct {
		u  string
		ok bool
	}{
		{"https://www.ncsc.gov.uk/guidance/phishing", true},
		{"http://example.org", true},
		{"HTTPS://EXAMPLE.ORG/A", true},
		{"mailto:help@example.org", true},
		{"MailTo:help@example.org?subject=Hi", true},
		{"https://例え.jp/パス", true},
		{"file:///etc/passwd", false},
		{"javascript:alert(1)", false},
		{"data:text/html;base64,PHNjcmlwdD4=", false},
		{"vbscript:x", false},
		{"ssh://host", false},
		{"//example.org", false},
		{"/relative/path", false},
		{"", false},
		{"https:", false},
		{"https:///path-only", false},
		{"mailto:", false},
		{"https://a.example/ x", false},
		{"https://a.example/\tx", false},
		{"https://a.example/\nx", false},
		{"https://a.example/\x1b]0;x", false},
		{"https://a.example/\x7f", false},
		{"https://a.example/\u0085", false},
		{"https://a.example/\u00a0", false},
		{"https://a.example/\u202e", false},
		{"https://a.example/\u200b", false},
		{"https://a.example/\u3000", false},
		{"https://a.example/\xff", false},
		{"https://a.example/%zz", false},
	}
	for _, c := range cases {
		if got := AllowedURL(c.u); got != c.ok {
			t.Errorf("AllowedURL(%q) = %v, want %v", c.u, got, c.ok)
		}
	}
}
