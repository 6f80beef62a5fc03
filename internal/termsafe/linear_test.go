package termsafe

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime feeds 1 MB inputs built to trigger repeated scanning. Every
// function is meant to be linear; a quadratic scan would take minutes here,
// so the generous bound does not make the test flaky.
func TestLinearTime(t *testing.T) {
	const n = 1 << 20
	inputs := map[string]string{
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
	for name, s := range inputs {
		start := time.Now()
		ANSI(s)
		_ = Check(s)
		Text(s)
		Line(s)
		Markdown(s)
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: %v for 1 MB", name, d)
		}
	}
}
