package termsafe

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuzzInput caps fuzz inputs: larger ones add run time, not coverage.
const maxFuzzInput = 4 << 10

// maxNesting is the deepest container nesting the Markdown fuzz target
// renders. Glamour's cost grows steeply with nesting (64 block quotes take
// about 0.9 s, 72 take 5 s), so the lesson loader rejects packs nested more
// than 8 deep and the fuzz target skips them too.
const maxNesting = 8

// FuzzANSI checks the allow-list and the ingestion functions on arbitrary
// bytes: Check(ANSI(x)) is nil, ANSI is idempotent and never lengthens its
// input, Check agrees with ANSI, and Text, Line and Markdown are idempotent
// and produce no disallowed rune.
func FuzzANSI(f *testing.F) {
	for _, s := range corpus() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return // too large to be interesting, and slow to render
		}
		checkProperties(t, s)
	})
}

// FuzzSGR explores SGR parameter strings: ESC [ p m must satisfy every
// property of FuzzANSI, and the single-pass fast path must agree with the
// general path.
func FuzzSGR(f *testing.F) {
	for _, c := range sgrCases {
		if p, ok := strings.CutPrefix(c.in, "\x1b["); ok {
			f.Add(strings.TrimSuffix(p, "m"))
		}
	}
	f.Fuzz(func(t *testing.T, p string) {
		if len(p) > maxFuzzInput {
			return // too large to be interesting, and slow to render
		}
		s := "\x1b[" + p + "m"
		checkProperties(t, s)
		if out, keep := filterSGR(p); keep && isSGRParams(p) {
			if o2, k2 := filterSGR(out); !k2 || o2 != out {
				t.Fatalf("filterSGR not idempotent: %q -> %q -> %q, %v", p, out, o2, k2)
			}
			if hasStandalone8(out) {
				t.Fatalf("filterSGR(%q) = %q keeps a conceal", p, out)
			}
		}
	})
}

// hasStandalone8 reports whether the SGR parameters p contain a parameter
// that a terminal reading ';' and ':' alike could take as conceal: an 8 that
// is not an argument of a complete 38/48/58 colour written with ';'.
func hasStandalone8(p string) bool {
	fields := strings.FieldsFunc(p, func(r rune) bool { return r == ';' })
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.Contains(f, ":") {
			for _, sub := range strings.Split(f, ":") {
				if strings.TrimLeft(sub, "0") == "8" {
					return true
				}
			}
			continue
		}
		switch strings.TrimLeft(f, "0") {
		case "8":
			return true
		case "38", "48", "58":
			if i+1 < len(fields) {
				switch strings.TrimLeft(fields[i+1], "0") {
				case "5":
					i += 2
				case "2":
					i += 4
				}
			}
		}
	}
	return false
}

// FuzzMarkdownGlamour renders Markdown(x) with Glamour at width 60 and checks
// that ANSI makes the output pass Check, that Glamour produced no control or
// escape beyond its own styling (so Markdown left no character reference
// that decodes to a control), and that Text(x) holds no disallowed rune.
//
// Each exec renders twice, so run it with a short minimisation time:
//
//	go test -run='^$' -fuzz=FuzzMarkdownGlamour -fuzztime=60s -fuzzminimizetime=5s ./internal/termsafe
func FuzzMarkdownGlamour(f *testing.F) {
	for _, s := range corpus() {
		f.Add(s)
	}
	// Realistic Markdown (headings, lists, a table, code, links) in small
	// pieces: each exec renders twice, and minimising a large interesting
	// input stalls the fuzzer.
	for _, chunk := range chunks(lessonBody(f), 1<<10) {
		f.Add(chunk)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return // too large to be interesting, and slow to render
		}
		if nesting(s) > maxNesting {
			return // refused by pack validation before it reaches Glamour
		}
		if r, off, bad := badRune(Text(s)); bad {
			t.Fatalf("Text(%q) has %U at byte %d", s, r, off)
		}
		md := Markdown(s)
		dark := render(t, "dark", 60, md)
		if err := Check(ANSI(dark)); err != nil {
			t.Fatalf("Check(ANSI(glamour(Markdown(%q)))) = %v", s, err)
		}
		if err := glamourControls(t, 60, md, dark, false); err != nil {
			t.Fatalf("Glamour output of Markdown(%q) = %q: %v", s, md, err)
		}
	})
}

// chunks splits s at blank lines into pieces of at most n bytes (a longer
// paragraph becomes a piece of its own).
func chunks(s string, n int) []string {
	var out []string
	var cur strings.Builder
	for _, para := range strings.SplitAfter(s, "\n\n") {
		if cur.Len() > 0 && cur.Len()+len(para) > n {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(para)
	}
	return append(out, cur.String())
}

// nesting returns an upper bound on the container nesting of the Markdown
// s: for each line, the number of '>' markers and list markers in its prefix
// plus one level for every two columns of indentation.
func nesting(s string) int {
	deepest := 0
	for line := range strings.Lines(s) {
		depth, cols := 0, 0
	prefix:
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4
			case c == '>':
				depth++
			case c == '-' || c == '*' || c == '+':
				depth++
			case c >= '0' && c <= '9' || c == '.' || c == ')':
				if c == '.' || c == ')' {
					depth++
				}
			default:
				break prefix
			}
		}
		deepest = max(deepest, depth+cols/2)
	}
	return deepest
}

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the seed corpora in testdata/fuzz")

// TestSeedCorpus checks that the attack payloads (and, for FuzzSGR, the
// SGR parameter strings of the table tests) are committed as seed corpus
// files, so plain "go test" replays them as regression tests. Run it with
// -update-corpus to write them after changing the tables.
func TestSeedCorpus(t *testing.T) {
	var payloads, params []string
	for _, a := range attacks {
		payloads = append(payloads, a.payload)
	}
	for _, c := range sgrCases {
		if p, ok := strings.CutPrefix(c.in, "\x1b["); ok {
			params = append(params, strings.TrimSuffix(p, "m"))
		}
	}
	writeSeeds(t, "FuzzANSI", payloads)
	writeSeeds(t, "FuzzMarkdownGlamour", payloads)
	writeSeeds(t, "FuzzSGR", params)
}

// writeSeeds checks (or, with -update-corpus, writes) one corpus file per
// input for the fuzz target.
func writeSeeds(t *testing.T, target string, inputs []string) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	if *updateCorpus {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range inputs {
		data := fmt.Sprintf("go test fuzz v1\nstring(%q)\n", in)
		path := filepath.Join(dir, fmt.Sprintf("seed-%x", sha256.Sum256([]byte(in)))[:21])
		if *updateCorpus {
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != data {
			t.Errorf("seed for %q is missing from %s (run go test -run TestSeedCorpus -update-corpus): %v", in, dir, err)
		}
	}
}

func TestNesting(t *testing.T) {
	cases := []struct {
		s    string
		deep bool
	}{
		{"plain\n> quote\n- item\n  - sub", false},
		{strings.Repeat(">", 9) + " deep", true},
		{strings.Repeat("> ", 9) + "deep", true},
		{strings.Repeat("  ", 9) + "- deep", true},
		{"- - - - - - - - - x", true},
		{"1. 2. 3. x", false},
	}
	for _, c := range cases {
		if got := nesting(c.s) > maxNesting; got != c.deep {
			t.Errorf("nesting(%q) = %d, deep = %v, want %v", c.s, nesting(c.s), got, c.deep)
		}
	}
}
