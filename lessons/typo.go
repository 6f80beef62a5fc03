package lessons

import (
	"unicode"
)

// Typos says whether a text question forgives a slip of one letter.
type Typos string

// The spellings a pack, quiz or question can ask for with "typos".
const (
	// TyposInherit is a question or quiz that says nothing: it follows the
	// quiz, then the pack, and forgives slips when none says otherwise.
	TyposInherit Typos = ""
	// TyposForgive accepts an answer one edit away from an accepted answer
	// of [MinTypoLetters] letters or more.
	TyposForgive Typos = "forgive"
	// TyposStrict accepts only answers spelt as written (capitals and
	// spaces are still ignored).
	TyposStrict Typos = "strict"
)

// MinTypoLetters is the fewest letters an accepted answer needs before a
// slip in it is forgiven: in a short answer one letter can change the
// meaning ("cat" and "car").
const MinTypoLetters = 8

// letters counts the letters in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// withinOneEdit reports whether a and b are at most one edit apart by the
// optimal string alignment distance (the restricted Damerau–Levenshtein
// distance): one rune inserted, deleted or changed, or two neighbouring
// runes swapped. It works on runes, so an accented letter is one edit.
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		// One change, or one swap of neighbours, then the rest equal.
		if i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:]) {
			return true
		}
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	// One rune more in rb: skip it.
	return string(ra[i:]) == string(rb[i+1:])
}

// osaDistance is the optimal string alignment distance between a and b,
// counted in runes. withinOneEdit is the fast form of osaDistance <= 1;
// this one is kept for tests, which check the two agree.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
