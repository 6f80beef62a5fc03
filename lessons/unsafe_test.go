package lessons

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// TestValidationAgreesWithTermsafe pins validation's rune check to what
// termsafe does to text on its way to a terminal: for every code point,
// validation reports it exactly when termsafe.Text changes text holding
// it. (Surrogates cannot be held in a string.)
func TestValidationAgreesWithTermsafe(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := "a" + string(r) + "b"
		_, reported := firstUnsafeRune(s)
		if removed := termsafe.Text(s) != s; reported != removed {
			t.Errorf("%U: validation reports it: %v; termsafe changes it: %v", r, reported, removed)
		}
		if termsafe.ControlRune(r) && !yamlRefusedRune(r) {
			t.Errorf("%U: a control character that the YAML check lets through", r)
		}
	}
}

// TestEveryUnsafeRuneIsReported puts each rune that termsafe removes into a
// lesson's title (YAML) and into its text (Markdown), and checks that
// loading the pack reports it by code point.
func TestEveryUnsafeRuneIsReported(t *testing.T) {
	for r := rune(0); r <= 0xffff; r++ {
		if !termsafe.UnsafeRune(r) || r >= 0xd800 && r <= 0xdfff {
			continue
		}
		for _, c := range []struct{ file, old, new string }{
			{firstFile, "title: First lesson\n", "title: First " + string(r) + "lesson\n"},
			{firstFile, "Some text with", "Some " + string(r) + "text with"},
		} {
			fsys := validPack()
			edit(t, fsys, c.file, c.old, c.new)
			problems := loadProblems(t, fsys)
			want := fmt.Sprintf("control character %U", r)
			if !hasProblemWith(problems, c.file, want) {
				t.Errorf("%U in %q: no problem naming it; got:%s", r, c.new, listProblems(problems))
			}
		}
	}
}

// hasProblemWith reports whether a problem in file contains msg.
func hasProblemWith(problems []Problem, file, msg string) bool {
	for _, p := range problems {
		if p.File == file && strings.Contains(p.Message, msg) {
			return true
		}
	}
	return false
}
