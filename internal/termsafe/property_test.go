package termsafe

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// corpus returns every input from the table tests.
func corpus() []string {
	var in []string
	for _, a := range attacks {
		in = append(in, a.payload)
	}
	for _, c := range sgrCases {
		in = append(in, c.in)
	}
	for _, c := range ansiCases {
		in = append(in, c.in)
	}
	for _, c := range markdownCases {
		in = append(in, c.in)
	}
	return in
}

// checkProperties tests the invariants every function must hold for s.
func checkProperties(t *testing.T, s string) {
	t.Helper()
	checkFastPath(t, s)
	a := ANSI(s)
	if err := Check(a); err != nil {
		t.Errorf("Check(ANSI(%q)) = %v", s, err)
	}
	if ANSI(a) != a {
		t.Errorf("ANSI not idempotent on %q: %q then %q", s, a, ANSI(a))
	}
	if len(a) > len(s) {
		t.Errorf("ANSI(%q) = %q is longer than its input", s, a)
	}
	err := Check(s)
	if (err == nil) != (a == s) {
		t.Errorf("Check(%q) = %v but ANSI changed it: %v", s, err, a != s)
	}
	var ue *UnsafeError
	if errors.As(err, &ue) && (!strings.HasPrefix(a, s[:ue.Offset]) || !strings.HasPrefix(s[ue.Offset:], ue.Sequence)) {
		t.Errorf("Check(%q) = %v: offset or sequence does not match ANSI's first change", s, err)
	}
	if x := Text(s); Text(x) != x {
		t.Errorf("Text not idempotent on %q: %q then %q", s, x, Text(x))
	} else if r, off, bad := badRune(x); bad {
		t.Errorf("Text(%q) = %q has %U at %d", s, x, r, off)
	} else if Check(x) != nil {
		t.Errorf("Check(Text(%q)) = %v", s, Check(x))
	}
	if l := Line(s); Line(l) != l || strings.ContainsAny(l, "\n\t") {
		t.Errorf("Line(%q) = %q is not a clean single line", s, l)
	}
	if m := Markdown(s); Markdown(m) != m {
		t.Errorf("Markdown not idempotent on %q: %q then %q", s, m, Markdown(m))
	} else if r, off, bad := badRune(m); bad {
		t.Errorf("Markdown(%q) = %q has %U at %d", s, m, r, off)
	}
}

// checkFastPath checks that wherever cleanSGREnd accepts an SGR sequence,
// the general path (lex, ansiToken) sees the same sequence and keeps it.
func checkFastPath(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		end := cleanSGREnd(s, i)
		if end < 0 {
			continue
		}
		tok := lex(s, i)
		if _, changed := ansiToken(s, tok); tok.kind != tokCSI || tok.end != end || changed {
			t.Errorf("fast path keeps %q at %d but the general path gives %+v, changed %v", s[i:end], i, tok, changed)
		}
	}
}

func TestProperties(t *testing.T) {
	for _, s := range corpus() {
		checkProperties(t, s)
	}
}

// TestPropertiesConcatenated joins every pair of inputs, so that sequences
// cut short, unterminated strings and references meet every other input.
func TestPropertiesConcatenated(t *testing.T) {
	in := corpus()
	for _, a := range in {
		for _, b := range in {
			checkProperties(t, a+b)
		}
	}
}

// TestConcurrent runs every function from several goroutines at once; with
// -race it shows they share no mutable state.
func TestConcurrent(t *testing.T) {
	in := corpus()
	want := make([]string, len(in))
	for i, s := range in {
		want[i] = ANSI(Markdown(s)) + Line(s)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, s := range in {
				if got := ANSI(Markdown(s)) + Line(s); got != want[i] || Check(ANSI(s)) != nil {
					t.Errorf("concurrent result differs for %q", s)
				}
			}
		})
	}
	wg.Wait()
}
