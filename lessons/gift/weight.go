package gift

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// matchWeight reports whether s starts with an answer weight as Moodle's
// pattern ^%\-*([0-9]{1,2})\.?([0-9]*)% defines it, and if so returns the
// text between the two "%" and the rest of s. The pattern is matched by
// hand, without backtracking; note that it allows "%100%" and "%99.5%" but
// not "%100.5%".
func matchWeight(s string) (weight, rest string, ok bool) {
	if !strings.HasPrefix(s, "%") {
		return "", s, false
	}
	i := 1
	for i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if digits == 0 {
		return "", s, false
	}
	if i < len(s) && s[i] == '.' {
		if digits > 2 {
			return "", s, false
		}
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i >= len(s) || s[i] != '%' {
		return "", s, false
	}
	return s[1:i], s[i+1:], true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseWeight turns the text of a weight, such as "50", "-100" or
// "33.33333", into a fraction from -1 to 1.
func parseWeight(w string) (float64, error) {
	num := strings.TrimLeft(w, "-")
	// Stricter than Moodle: PHP cannot do arithmetic on "--50" (PHP 7
	// warns and uses 0; PHP 8 stops the import with a TypeError).
	if len(w)-len(num) > 1 {
		return 0, fmt.Errorf("the weight %s is not a number", quote("%"+w+"%"))
	}
	// Moodle divides by 100; an exponent gives the nearest float to the
	// exact quotient, so "%33.33333%" is exactly 0.3333333.
	f, err := strconv.ParseFloat(num+"e-2", 64)
	if err != nil {
		return 0, fmt.Errorf("the weight %s is not a number", quote("%"+w+"%"))
	}
	if num != w {
		f = -f
	}
	// Stricter than Moodle, which stores a weight such as "%150%" as a
	// fraction of 1.5.
	if f < -1 || f > 1 {
		return 0, fmt.Errorf("the weight %s is outside -100%% to 100%%", quote("%"+w+"%"))
	}
	if f == 0 {
		f = 0 // not -0
	}
	return f, nil
}

// fractionEpsilon absorbs rounding when fractions are compared.
const fractionEpsilon = 1e-9

// checkBest reports an error unless some fraction is 1, as Moodle's
// multichoice (single answer), shortanswer and numerical types check when
// they save a question ("one of the answers should have a score of 100%").
func checkBest(fractions []float64) error {
	best := math.Inf(-1)
	for _, f := range fractions {
		best = max(best, f)
	}
	if math.Abs(best-1) <= fractionEpsilon {
		return nil
	}
	if math.IsInf(best, -1) {
		return errors.New(`no answer is fully right; mark one with "=" or a weight of 100%`)
	}
	return fmt.Errorf("no answer is fully right (the best earns %s%%); mark one with \"=\" or a weight of 100%%", percent(best))
}

// sumTolerance is how far the right answers' weights of a multiple-answer
// question may add up to something other than 100%.
const sumTolerance = 0.01

// checkSum reports an error unless the positive fractions add up to 1
// (within sumTolerance), as Moodle's multichoice type checks for a
// multiple-answer question.
func checkSum(fractions []float64) error {
	sum := 0.0
	for _, f := range fractions {
		if f > 0 {
			sum += f
		}
	}
	if math.Abs(sum-1) <= sumTolerance+fractionEpsilon {
		return nil
	}
	return fmt.Errorf("the right answers' weights add up to %s%%, not 100%%; a question with no \"=\" answer lets the learner pick several, and their weights must add up to 100%%", percent(sum))
}

// percent formats a fraction as a percentage with at most 3 decimals.
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100000)/1000, 'f', -1, 64)
}
