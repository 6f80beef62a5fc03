package termsafe

import (
	"strings"
	"testing"
)

// pathological returns 1 MB inputs built to trigger repeated scanning.
// Every function is meant to be linear in them: a quadratic scan would take
// minutes, a linear one milliseconds (BenchmarkPathological).
func pathological() map[string]string {
	const n = 1 << 20
	return map[string]string{
		"gap after &":            "&" + strings.Repeat("*", n) + "#27;",
		"& and gap":              strings.Repeat("&*", n/2),
		"& and letters":          strings.Repeat("&lr", n/3),
		"indented hashes":        strings.Repeat(" ", n/2) + strings.Repeat(" #1", n/6),
		"hard breaks":            "&" + strings.Repeat("  \n> ", n/5) + "#1",
		"quote markers and hash": strings.Repeat("&\\\n>>>>#x", n/9),
		"unterminated OSC":       strings.Repeat("\x1b]", n/2),
		"unterminated CSI":       strings.Repeat("\x1b[1;", n/4),
		"C1 CSI":                 strings.Repeat("\u009b1", n/3),
		"long SGR":               "\x1b[" + strings.Repeat("38;5;8;", n/7) + "m",
		"long SGR with 8":        "\x1b[" + strings.Repeat("1;8;", n/4) + "m",
		"long OSC 8":             "\x1b]8;;https://a.example/" + strings.Repeat("a", n) + "\a",
		"invalid bytes":          strings.Repeat("\xff", n),
		"references":             strings.Repeat("&#27;", n/5),
	}
}

// TestPathologicalInputs checks that each function makes the pathological
// inputs safe: what ANSI, Text and Line return passes Check.
func TestPathologicalInputs(t *testing.T) {
	for name, s := range pathological() {
		if err := Check(ANSI(s)); err != nil {
			t.Errorf("%s: ANSI left %v", name, err)
		}
		if err := Check(Text(s)); err != nil {
			t.Errorf("%s: Text left %v", name, err)
		}
		if err := Check(Line(s)); err != nil {
			t.Errorf("%s: Line left %v", name, err)
		}
		_ = Markdown(s) // must return; FuzzMarkdownGlamour checks what Glamour makes of it
	}
}

// BenchmarkPathological times every function on each pathological input;
// a quadratic scan would show here as seconds per operation.
func BenchmarkPathological(b *testing.B) {
	for name, s := range pathological() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				ANSI(s)
				_ = Check(s)
				Text(s)
				Line(s)
				Markdown(s)
			}
		})
	}
}
