package gift

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"testing"
)

// TestResultsDoNotShareSrc checks that Parse, which reads src in place,
// returns nothing that shares memory with it: scribbling over src after
// the parse changes no question and no problem.
func TestResultsDoNotShareSrc(t *testing.T) {
	fixture, err := os.ReadFile("testdata/digital-skills.gift")
	if err != nil {
		t.Fatal(err)
	}
	errs, err := os.ReadFile("testdata/gift-errors.gift")
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string][]byte{"bank": generateBank(240), "fixture": fixture, "errors": errs} {
		qs, ps := Parse(src)
		wantQs, wantPs := Parse(bytes.Clone(src))
		for i := range src {
			src[i] = '?'
		}
		if !reflect.DeepEqual(qs, wantQs) || !reflect.DeepEqual(ps, wantPs) {
			t.Errorf("%s: changing src after Parse changed what Parse returned", name)
		}
	}
}

// TestQuestionsKeepTheirOwnText checks that reading a block never changes
// the questions read before it (blocks are read in reused scratch space):
// every question of a bank equals the same question read on its own.
func TestQuestionsKeepTheirOwnText(t *testing.T) {
	const n = 3 * 12 // every template, three times
	qs, ps := Parse(generateBank(n))
	if len(qs) != n || len(ps) != 0 {
		t.Fatalf("got %d questions and problems %v", len(qs), ps)
	}
	for i, got := range qs {
		alone, ps := Parse(fmt.Appendf(nil, bankTemplates[i%len(bankTemplates)], i))
		if len(alone) != 1 || len(ps) != 0 {
			t.Fatalf("question %d alone: %d questions, problems %v", i, len(alone), ps)
		}
		want := alone[0]
		want.Line, want.Category = got.Line, got.Category
		if !reflect.DeepEqual(got, want) {
			t.Errorf("question %d in the bank:\n%+v\nalone:\n%+v", i, got, want)
		}
	}
}
