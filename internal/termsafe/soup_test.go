package termsafe

import (
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
)

var soupN = flag.Int("soup", 300, "number of token-soup documents TestMarkdownTokenSoup renders")

// soupTokens is the alphabet of TestMarkdownTokenSoup: the pieces of
// character references and the Markdown syntax that Glamour drops when it
// flattens inline text.
var soupTokens = []string{
	"&", "&", "&", "#", "#", "#", "27", "1", "0", "9", "x", "X", "1b", "9d", "d", "b", "7", ";", ";",
	"*", "**", "_", "~~", "~", "`", "``", "\\", "[", "]", "](https://u.example)", "![", "(", ")", "<", ">",
	"<https://a.example/", "@x.example>", " ", "  \n", "\\\n", "\n", "\n> ", "\n\n", "\n  ", "- ", "|",
	"amp;", "lrm;", "<b>", "</b>", "<div>", "[31m", "]0;T", "a",
}

// soup returns a random document of n tokens.
func soup(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(soupTokens[r.IntN(len(soupTokens))])
	}
	return b.String()
}

// TestMarkdownTokenSoup renders random mixtures of reference pieces and
// droppable Markdown syntax, which a byte-level fuzzer is slow to assemble,
// and checks that Glamour creates no control from Markdown's output and that
// Markdown is idempotent. Use -soup=N for a longer run.
func TestMarkdownTokenSoup(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range *soupN {
		s := "~~" + soup(r, 4+r.IntN(24)) + "~~"
		md := Markdown(s)
		if Markdown(md) != md {
			t.Fatalf("Markdown not idempotent on %q: %q then %q", s, md, Markdown(md))
		}
		dark := render(t, "dark", 60, md)
		if err := Check(ANSI(dark)); err != nil {
			t.Fatalf("Check(ANSI(glamour(Markdown(%q)))) = %v", s, err)
		}
		if err := glamourControls(t, 60, md, dark, false); err != nil {
			t.Fatalf("Markdown(%q) = %q: %v", s, md, err)
		}
	}
}
