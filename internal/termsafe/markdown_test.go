package termsafe

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// markdownCases maps an input to Markdown's expected output.
var markdownCases = []struct{ name, in, want string }{
	{"plain", "Fish & chips, Q&A, a && b", "Fish & chips, Q&A, a && b"},
	{"safe decimal kept", "&#8212; &#65; &#x41; &#X2014; &#10; &#9;", "&#8212; &#65; &#x41; &#X2014; &#10; &#9;"},
	{"named kept", "&nbsp;&amp;&lt;&copy;&Tab;", "&nbsp;&amp;&lt;&copy;&Tab;"},
	{"ESC decimal", "&#27;[31m", "&amp;#27;[31m"},
	{"ESC hex", "&#x1B;[31m &#x1b;", "&amp;#x1B;[31m &amp;#x1b;"},
	{"ESC padded", "&#0000027;", "&amp;#0000027;"},
	{"no semicolon", "&#27[31m", "&amp;#27[31m"},
	{"VT no semicolon", "&#011", "&amp;#011"},
	{"safe without semicolon", "&#169 2024", "&amp;#169 2024"},
	{"NUL", "&#0; &#x0;", "&amp;#0; &amp;#x0;"},
	{"CR and DEL", "&#13; &#127;", "&amp;#13; &amp;#127;"},
	{"C1", "&#128; &#x9b; &#157;", "&amp;#128; &amp;#x9b; &amp;#157;"},
	{"bidi", "&#x202E; &#8238; &#x2066;", "&amp;#x202E; &amp;#8238; &amp;#x2066;"},
	{"invisible", "&#xFEFF; &#x200B; &#x2060; &#x61C;", "&amp;#xFEFF; &amp;#x200B; &amp;#x2060; &amp;#x61C;"},
	{"surrogate", "&#xD800;", "&amp;#xD800;"},
	{"too large", "&#x110000; &#4294967323;", "&amp;#x110000; &amp;#4294967323;"},
	{"empty", "&#; &#x; &#", "&amp;#; &amp;#x; &amp;#"},
	{"named bidi", "&lrm;&rlm;&ZeroWidthSpace;&NoBreak;&NegativeThinSpace;", "&amp;lrm;&amp;rlm;&amp;ZeroWidthSpace;&amp;NoBreak;&amp;NegativeThinSpace;"},
	{"glamour PR 615", "~~&**#27;**[31mFAKE~~", "~~&amp;**#27;**[31mFAKE~~"},
	{"code span markers", "&`#27;`", "&amp;`#27;`"},
	{"backslash", "&\\#27;", "&amp;\\#27;"},
	{"hard break", "&  \n  #27;", "&amp;  \n  #27;"},
	{"soft break is not a gap", "&\n#27", "&\n#27"},
	{"link destination", "[&](https://a.example)#27;", "[&](https://a.example)&#35;27;"},
	{"extension after #", "[&](u)#*2*7;", "[&](u)&#35;*2*7;"},
	{"gap without & in paragraph", "**#1** and [x](u)#2", "**#1** and [x](u)#2"},
	{"blank line ends paragraph", "Q&A\n\n**#1**", "Q&A\n\n**#1**"},
	{"same paragraph", "Q&A\n**#1**", "Q&A\n**&#35;1**"},
	{"heading after &", "Tom & Jerry\n# Heading\n#1", "Tom & Jerry\n# Heading\n#1"},
	{"shell comment", "sleep 10 & # background", "sleep 10 & # background"},
	{"hash not a reference", "&**#hashtag", "&amp;**#hashtag"},
	{"named split by strikethrough", "~~&~~lrm;)``**", "~~&amp;~~lrm;)``**"},
	{"named prefix before markup", "~~&l*rm*;~~ &N_oBreak_;", "~~&amp;l*rm*;~~ &amp;N_oBreak_;"},
	{"other names before markup kept", "&**bold** &[]int{} &*p", "&**bold** &[]int{} &*p"},
	{"text cleaned first", "\x1b]0;T\a&#27;", "&amp;#27;"},
	{"already neutral", "&amp;#27; &amp;**#27;", "&amp;#27; &amp;**#27;"},
}

func TestMarkdownReferences(t *testing.T) {
	for _, c := range markdownCases {
		t.Run(c.name, func(t *testing.T) {
			if got := Markdown(c.in); got != c.want {
				t.Errorf("Markdown(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestMarkdownRendersUnchanged checks that neutralised references still show
// as intended in paragraphs: a rewritten '#' is shown as '#', a rewritten
// reference is shown as written, and safe references are decoded.
func TestMarkdownRendersUnchanged(t *testing.T) {
	cases := []struct{ in, shown string }{
		{"Q&A\n**#1 tip**", "Q&A #1 tip"},
		{"Press &#27; to quit", "Press &#27; to quit"},
		{"A&#8212;B", "A—B"},
		{"[&](https://a.example)#27;", "& https://a.example#27;"},
	}
	for _, c := range cases {
		out := Line(ansi.Strip(ANSI(render(t, "dark", 80, Markdown(c.in)))))
		if out != c.shown {
			t.Errorf("render(Markdown(%q)) shows %q, want %q", c.in, out, c.shown)
		}
	}
}
