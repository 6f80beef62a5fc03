// Package plural chooses the form of a word for a count by the language's
// plural rules (CLDR's, through golang.org/x/text), not by "n == 1": the
// interface is in English today, and a translated one (Welsh has six
// forms) will choose its forms the same way.
package plural

import (
	"strconv"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// lang is the language of the interface's words.
var lang = language.BritishEnglish

// Form returns one or other: the form English uses for n.
func Form(n int, one, other string) string {
	if plural.Cardinal.MatchPlural(lang, n, 0, 0, 0, 0) == plural.One {
		return one
	}
	return other
}

// Count returns n and the form of the word for it: "1 card", "2 cards".
func Count(n int, one, other string) string {
	return strconv.Itoa(n) + " " + Form(n, one, other)
}
