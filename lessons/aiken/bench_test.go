package aiken

import (
	"bytes"
	"fmt"
	"testing"
)

// benchQuestions is the size of the generated bank: a large council bank,
// still under the 1 MiB limit.
const benchQuestions = 10000

func benchFile(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	for i := range benchQuestions {
		fmt.Fprintf(&b, "Question %d: which is right?\nA) first\nB) second\nC) third\nD) fourth\nANSWER: %c\n\n", i, 'A'+i%4)
	}
	if b.Len() > maxBytes {
		tb.Fatalf("generated file is %d bytes, over the limit", b.Len())
	}
	return b.Bytes()
}

func TestBenchFile(t *testing.T) {
	qs, ps := Parse(benchFile(t))
	if len(qs) != benchQuestions || len(ps) != 0 {
		t.Fatalf("got %d questions and %d problems", len(qs), len(ps))
	}
	last := qs[benchQuestions-1]
	if last.Line != 7*(benchQuestions-1)+1 || last.Answer != (benchQuestions-1)%4 || last.Options[3] != "fourth" {
		t.Fatalf("last question: %#v", last)
	}
}

func BenchmarkParse(b *testing.B) {
	src := benchFile(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}

// BenchmarkParseHostile measures the worst case found: 1 MiB of stray option
// lines, each a problem.
func BenchmarkParseHostile(b *testing.B) {
	src := bytes.Repeat([]byte("A)\n"), maxBytes/3)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(src)
	}
}
