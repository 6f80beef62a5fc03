package termsafe

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// linkWant says what should happen to a hyperlink in a payload.
type linkWant uint8

const (
	linkNone  linkWant = iota
	linkKeep           // an OSC 8 hyperlink to url survives ANSI
	linkStrip          // no OSC 8 hyperlink survives ANSI, but text does
)

// attack is one known terminal-injection payload.
type attack struct {
	name    string
	payload string
	// text is the expected Text(payload).
	text string
	// entity marks payloads that rely on Glamour decoding a character
	// reference; forbid lists what must not appear in Glamour's output of
	// Markdown(payload).
	entity bool
	forbid []string
	link   linkWant
	url    string // for link payloads: the target
	label  string // for link payloads: text that must stay visible
}

// attacks are the payloads of the reliability and security reference (§2.3
// and §7 item 8) plus bypasses of the plain "&" + markup + "#" rule found
// while building this package.
var attacks = []attack{
	{name: "OSC 52 clipboard BEL", payload: "copy \x1b]52;c;ZXZpbA==\x07me", text: "copy me"},
	{name: "OSC 52 clipboard ST", payload: "copy \x1b]52;c;ZXZpbA==\x1b\\me", text: "copy me"},
	{name: "OSC 0 title BEL", payload: "a\x1b]0;TITLE\x07b", text: "ab"},
	{name: "OSC 0 title ST", payload: "a\x1b]0;TITLE\x1b\\b", text: "ab"},
	{name: "OSC 2 title BEL", payload: "a\x1b]2;TITLE\x07b", text: "ab"},
	{name: "OSC 2 title ST", payload: "a\x1b]2;TITLE\x1b\\b", text: "ab"},
	{name: "CSI 2J", payload: "wipe\x1b[2Jout", text: "wipeout"},
	{name: "CSI 2J in heading", payload: "# Title\x1b[2J\n", text: "# Title\n"},
	{name: "RIS reset", payload: "a\x1bcb", text: "ab"},
	{name: "entity OSC 0", payload: "&#27;]0;T&#7;", text: "&#27;]0;T&#7;",
		entity: true, forbid: []string{"\x1b]0;", "\a"}},
	{name: "entity OSC 52", payload: "&#27;]52;c;ZXZpbA==&#7;", text: "&#27;]52;c;ZXZpbA==&#7;",
		entity: true, forbid: []string{"\x1b]52"}},
	{name: "hex entity SGR", payload: "&#x1B;[31mRED", text: "&#x1B;[31mRED",
		entity: true, forbid: []string{"\x1b[31m"}},
	{name: "hex entity lower case", payload: "&#x1b;]0;T&#x07;", text: "&#x1b;]0;T&#x07;",
		entity: true, forbid: []string{"\x1b]0;"}},
	{name: "entity without semicolon", payload: "&#27[31mRED", text: "&#27[31mRED",
		entity: true, forbid: []string{"\x1b[31m"}},
	{name: "entity VT without semicolon", payload: "&#011", text: "&#011",
		entity: true, forbid: []string{"\v"}},
	{name: "strikethrough emphasis trick", payload: "~~&**#27;**[31mFAKE~~", text: "~~&**#27;**[31mFAKE~~",
		entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "entity in code span", payload: "`&#27;[31m`", text: "`&#27;[31m`",
		entity: true, forbid: []string{"\x1b[31m"}},
	{name: "raw CSI in fenced go block", payload: "```go\nfmt.Println(\"\x1b[2J\")\n```\n",
		text: "```go\nfmt.Println(\"\")\n```\n"},
	{name: "kitty graphics APC", payload: "img\x1b_Gi=666,f=100,t=f;AAAA\x1b\\end", text: "imgend"},
	{name: "DCS DECRQSS", payload: "q\x1bP$qm\x1b\\r", text: "qr"},
	{name: "DCS tmux passthrough", payload: "\x1bPtmux;\x1b\x1b]52;c;ZXZpbA==\x07\x1b\\ok", text: "ok"},
	{name: "PM", payload: "a\x1b^private message\x1b\\b", text: "ab"},
	{name: "SOS", payload: "a\x1bXstart of string\x1b\\b", text: "ab"},
	{name: "C1 CSI 2J", payload: "a\u009b2Jb", text: "ab"},
	{name: "C1 OSC title", payload: "a\u009d0;T\u0007b", text: "ab"},
	{name: "C1 DCS", payload: "a\u0090$qm\u009cb", text: "ab"},
	{name: "C1 APC", payload: "a\u009fGi=1;AAAA\u009cb", text: "ab"},
	{name: "RLO override", payload: "abc\u202edcba", text: "abcdcba"},
	{name: "bidi isolates and marks", payload: "\u2067x\u2069\u200e\u200f\u061c\u200b\u2060\ufeffy", text: "xy"},
	{name: "carriage return overwrite", payload: "safe\rEVIL", text: "safeEVIL"},
	{name: "backspace", payload: "abc\b\b\bXYZ", text: "abcXYZ"},
	{name: "SGR 8 conceal", payload: "show \x1b[8mhidden\x1b[0m", text: "show hidden"},
	{name: "SGR 8 in code span", payload: "`\x1b[8msecret`", text: "`secret`"},
	{name: "file link", payload: "[x](file:///etc/passwd)", text: "[x](file:///etc/passwd)",
		link: linkStrip, url: "file:///etc/passwd", label: "x"},
	{name: "javascript link", payload: "[x](javascript:alert(1))", text: "[x](javascript:alert(1))",
		link: linkStrip, url: "javascript:alert(1)", label: "x"},
	{name: "raw OSC 8 to file", payload: "\x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07", text: "click",
		link: linkStrip, url: "file:///etc/passwd", label: "click"},
	{name: "https link", payload: "[docs](https://example.org/guide)", text: "[docs](https://example.org/guide)",
		link: linkKeep, url: "https://example.org/guide", label: "docs"},
	{name: "mailto link", payload: "[mail us](mailto:help@example.org)", text: "[mail us](mailto:help@example.org)",
		link: linkKeep, url: "mailto:help@example.org", label: "mail us"},

	// Ways to join '&' and '#' that go beyond emphasis markers.
	{name: "empty link between & and #", payload: "~~&[](https://x.example)#27;[31mFAKE~~",
		text: "~~&[](https://x.example)#27;[31mFAKE~~", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "& as link text", payload: "~~[&](https://x.example)#27;[31mFAKE~~",
		text: "~~[&](https://x.example)#27;[31mFAKE~~", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "image between & and #", payload: "~~&![](https://x.example/a.png)#27;[31mFAKE~~",
		text: "~~&![](https://x.example/a.png)#27;[31mFAKE~~", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "backslash hard break", payload: "~~&\\\n#27;[31mFAKE~~",
		text: "~~&\\\n#27;[31mFAKE~~", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "hard break in block quote", payload: "> ~~&  \n> #27;[31mFAKE~~",
		text: "> ~~&  \n> #27;[31mFAKE~~", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "autolink between & and #", payload: "~~&<#27@x.example>~~",
		text: "~~&<#27@x.example>~~", entity: true, forbid: []string{"\x1b@"}},
	{name: "safe reference extended through markup", payload: "~~&#x9*d*;0;T&#x9*d*;~~",
		text: "~~&#x9*d*;0;T&#x9*d*;~~", entity: true, forbid: []string{"\u009d"}},
	{name: "windows-1252 C1 passthrough", payload: "&#157;0;T&#7;",
		text: "&#157;0;T&#7;", entity: true, forbid: []string{"\u009d", "\a"}},
	{name: "overflowing reference", payload: "&#4294967323;[31mRED",
		text: "&#4294967323;[31mRED", entity: true, forbid: []string{"\x1b[31m"}},
	{name: "reference in HTML block", payload: "<div>&#27;[31mHTML</div>",
		text: "<div>&#27;[31mHTML</div>", entity: true, forbid: []string{"\x1b[31m"}},
	{name: "reference in table cell", payload: "| a |\n|---|\n| ~~&**#27;**[31mFAKE~~ |",
		text: "| a |\n|---|\n| ~~&**#27;**[31mFAKE~~ |", entity: true, forbid: []string{"\x1b[31mFAKE"}},
	{name: "named bidi marks", payload: "&lrm;x&rlm;&ZeroWidthSpace;", text: "&lrm;x&rlm;&ZeroWidthSpace;",
		entity: true, forbid: []string{"\u200e", "\u200f", "\u200b"}},
}

func TestKnownAttacks(t *testing.T) {
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			// (a) ingestion: Text and Markdown output hold no disallowed rune.
			txt, md := Text(a.payload), Markdown(a.payload)
			if txt != a.text {
				t.Errorf("Text(%q) = %q, want %q", a.payload, txt, a.text)
			}
			noBadRunes(t, "Text", txt)
			noBadRunes(t, "Markdown", md)
			noBadRunes(t, "Line", Line(a.payload))

			// (b) Markdown, Glamour, then ANSI: nothing left for Check.
			raw := render(t, "dark", 80, md)
			shown := ANSI(raw)
			if err := Check(shown); err != nil {
				t.Errorf("Check(ANSI(glamour(Markdown))) = %v", err)
			}
			// Glamour created no escape or control from the content.
			if err := glamourControls(t, 80, md, raw, true); err != nil {
				t.Errorf("Glamour output of Markdown(payload): %v", err)
			}
			for _, f := range a.forbid {
				if strings.Contains(raw, f) {
					t.Errorf("Glamour output of Markdown(payload) contains %q: %q", f, raw)
				}
			}

			// Defence in depth: ANSI alone makes unsanitised Glamour output pass Check.
			if err := Check(ANSI(render(t, "dark", 80, a.payload))); err != nil {
				t.Errorf("Check(ANSI(glamour(payload))) = %v", err)
			}
			if err := Check(ANSI(a.payload)); err != nil {
				t.Errorf("Check(ANSI(payload)) = %v", err)
			}

			checkLink(t, a, raw, shown)
		})
	}
}

// checkLink checks what happened to the hyperlink of a link payload.
func checkLink(t *testing.T, a attack, raw, shown string) {
	t.Helper()
	osc := "\x1b]8;"
	switch a.link {
	case linkKeep:
		if !strings.Contains(shown, ";"+a.url+"\a") || !strings.Contains(shown, osc) {
			t.Errorf("ANSI output lost the OSC 8 link to %s: %q", a.url, shown)
		}
	case linkStrip:
		if a.payload[0] != 0x1b && !strings.Contains(raw, ";"+a.url+"\a") {
			t.Errorf("Glamour no longer links to %s; update the test: %q", a.url, raw)
		}
		direct := ANSI(a.payload) // the allow-list on its own, without Text
		for _, out := range []string{shown, direct} {
			if strings.Contains(out, ";"+a.url) {
				t.Errorf("ANSI output still has an OSC 8 link to %s: %q", a.url, out)
			}
			for rest := out; ; {
				_, after, ok := strings.Cut(rest, osc)
				if !ok {
					break
				}
				if _, uri, _ := strings.Cut(after, ";"); !strings.HasPrefix(uri, "\a") {
					t.Errorf("ANSI output opens a hyperlink: %q", out)
				}
				rest = after
			}
		}
		if !strings.Contains(ansi.Strip(shown), a.label) || !strings.Contains(direct, a.label) {
			t.Errorf("link text %q lost: %q / %q", a.label, shown, direct)
		}
	}
}

// TestAttacksAreLive keeps the attack table meaningful: with Text alone and
// no reference neutralisation, Glamour really does emit a control character
// or escape for every entity payload, which Markdown prevents. If a Glamour
// upgrade stops decoding references, this test fails and the table should be
// revisited.
func TestAttacksAreLive(t *testing.T) {
	for _, a := range attacks {
		if !a.entity {
			continue
		}
		txt := Text(a.payload)
		if err := glamourControls(t, 80, txt, render(t, "dark", 80, txt), true); err == nil {
			t.Errorf("%s: Glamour no longer creates a control from %q", a.name, a.payload)
		} else {
			t.Logf("%s: without Markdown, Glamour emits %v", a.name, err)
		}
	}
}
