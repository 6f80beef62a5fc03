// Package score rounds marks and percentages, once, for every place that
// shows them: the quiz, its results, the review summary, the dashboard and
// the progress command, and the percentage the progress store records. It
// imports nothing of Upskill's, so that the store can use it too.
//
// The rule: a percentage is rounded half up to a whole number (6.8 of 7 is
// 97%, 62.5% is 63%); marks are shown to at most two decimal places,
// rounded half up, with trailing zeros dropped (4.25 is "4.25", 4.5 is
// "4.5", 3 is "3").
package score

import (
	"math"
	"strconv"
)

// epsilon absorbs the error of sums of binary fractions, so that 0.1+0.2
// marks, or 2.675 stored as 2.67499…, round as the decimal they stand for.
const epsilon = 1e-9

// Percent is points out of total as a whole percentage, rounded half up;
// 0 when total is not positive.
func Percent(points, total float64) int {
	if total <= 0 {
		return 0
	}
	return int(math.Floor(points*100/total + 0.5 + epsilon))
}

// Share is a fraction from 0 to 1 as a whole percentage, rounded half up.
func Share(fraction float64) int { return Percent(fraction, 1) }

// Marks writes a number of marks with at most two decimal places, rounded
// half up, without trailing zeros: "3", "4.5", "4.25", "6.67".
func Marks(points float64) string {
	hundredths := math.Floor(math.Abs(points)*100 + 0.5 + epsilon)
	if points < 0 && hundredths != 0 {
		hundredths = -hundredths
	}
	return strconv.FormatFloat(hundredths/100, 'f', -1, 64)
}

// MarkCount says how many marks: "1 mark", "0 marks", "2.5 marks".
func MarkCount(points float64) string {
	s := Marks(points)
	if s == "1" {
		return "1 mark"
	}
	return s + " marks"
}
