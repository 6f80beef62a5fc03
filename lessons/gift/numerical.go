package gift

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// numerical reads the answers of a numerical question, "{#...}".
func (r *reader) numerical(q *Question, answer seg) error {
	body := answer.from(1) // after "#"
	// As Moodle: everything from the first "~" is the catch-all feedback.
	catchAll, hasCatchAll := seg{}, false
	if i := strings.IndexByte(body.s, '~'); i >= 0 {
		catchAll, hasCatchAll = body.from(i), true
		body = body.slice(0, i)
	}
	r.st.pieces = body.split(r.st.pieces[:0], '=')
	pieces := dropEmptyFirst(r.st.pieces)
	if err := checkCount(pieces); err != nil {
		return err
	}
	if len(pieces) == 0 {
		return errors.New("a numerical question needs at least one answer, such as {#37} or {#37:0.5}")
	}
	q.Numbers = r.st.numbers.take(len(pieces) + btoi(hasCatchAll))
	fractions := r.st.fractions[:0]
	for n, p := range pieces {
		p = p.trim()
		if p.s == "" {
			return r.errAt(p, "answer %d is empty; remove the extra \"=\"", n+1)
		}
		body, frac := p.s, 1.0
		if w, rest, ok := matchWeight(body); ok {
			f, err := parseWeight(w)
			if err != nil {
				return r.errAt(p, "answer %d: %v", n+1, err)
			}
			body, frac = rest, f
		}
		a := NumberAnswer{Fraction: frac}
		// As splitFeedback, but the number needs no copy in the arena.
		ans, fb, _ := strings.Cut(body, "#")
		ans, _ = formatPrefix(trim(ans), q.TextFormat)
		text := trim(decode(ans))
		a.Feedback, _ = r.st.textWithFormat(trim(fb), q.TextFormat)
		var err error
		if a.Value, a.Tolerance, err = numberAnswer(text); err != nil {
			if errors.Is(err, errNotNumber) {
				return r.errAt(p, "answer %d: %v; write a number such as 37, a number and tolerance such as 37:0.5, or a range such as 1..5", n+1, err)
			}
			return r.errAt(p, "answer %d: %v", n+1, err)
		}
		q.Numbers = append(q.Numbers, a)
		fractions = append(fractions, frac)
	}
	r.st.fractions = fractions
	if hasCatchAll {
		rest := catchAll.from(1).trim() // after "~"
		// Stricter than Moodle, which throws away whatever stands between
		// "~" and "#", and keeps any further "~" in the feedback.
		if rest.s != "" && rest.s[0] != '#' {
			return r.errAt(catchAll, `after "~" a numerical question takes only "#" and the feedback for any other answer, but found %s; write other answers with "="`, quote(decode(rest.s)))
		}
		if strings.IndexByte(rest.s, '~') >= 0 {
			return r.errAt(catchAll, `a numerical question may have only one "~#feedback" for any other answer`)
		}
		var fb string
		if rest.s != "" {
			fb, _ = r.st.textWithFormat(trim(rest.s[1:]), q.TextFormat)
		}
		q.Numbers = append(q.Numbers, NumberAnswer{Any: true, Feedback: fb})
	}
	return checkBest(fractions)
}

// numberAnswer reads "value", "value:tolerance" or "min..max", as Moodle
// does.
func numberAnswer(s string) (value, tolerance float64, err error) {
	// As Moodle: ".." or ":" at the very start does not count.
	if i := strings.Index(s, ".."); i > 0 {
		lo, err := number(trim(s[:i]))
		if err != nil {
			return 0, 0, err
		}
		hi, err := number(trim(s[i+2:]))
		if err != nil {
			return 0, 0, err
		}
		value = (lo + hi) / 2
		tolerance = hi - value
		if math.IsInf(value, 0) || math.IsInf(tolerance, 0) {
			return 0, 0, fmt.Errorf("the range %s is too large", quote(s))
		}
		// Stricter than Moodle, which stores a negative tolerance.
		if tolerance < 0 {
			return 0, 0, fmt.Errorf("the range %s runs from high to low; write the lower number first", quote(s))
		}
		return value, tolerance, nil
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		if value, err = number(trim(s[:i])); err != nil {
			return 0, 0, err
		}
		if tolerance, err = number(trim(s[i+1:])); err != nil {
			return 0, 0, err
		}
		// Stricter than Moodle, which stores a negative tolerance.
		if tolerance < 0 {
			return 0, 0, fmt.Errorf("the tolerance in %s cannot be negative", quote(s))
		}
		return value, tolerance, nil
	}
	value, err = number(trim(s))
	return value, 0, err
}

// Errors that number wraps.
var (
	errNotNumber = errors.New("is not a number")
	errTooLarge  = errors.New("is too large")
)

// number reads a number as PHP's is_numeric accepts it: an optional sign,
// digits with an optional decimal point, and an optional exponent.
//
// Stricter than Moodle: a typo in Moodle's check ("|| $ans = '*'", an
// assignment) makes it accept any answer that is not a number, such as
// "{#abc}", as "*", which matches every number. Parse refuses it.
func number(s string) (float64, error) {
	if !isNumeric(s) {
		return 0, fmt.Errorf("%s %w", quote(s), errNotNumber)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s %w", quote(s), errTooLarge)
	}
	return f, nil
}

// isNumeric reports whether s matches [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?.
func isNumeric(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intDigits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		intDigits++
	}
	fracDigits := 0
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			fracDigits++
		}
	}
	if intDigits+fracDigits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		expDigits := 0
		for i < len(s) && isDigit(s[i]) {
			i++
			expDigits++
		}
		if expDigits == 0 {
			return false
		}
	}
	return i == len(s)
}

// btoi returns 1 for true and 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
