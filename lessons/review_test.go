package lessons

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// reviewedPack is the valid pack with review dates on its first lesson
// (lines 5 and 6) and none on its second.
func reviewedPack(t *testing.T, reviewed, reviewBy string) fstest.MapFS {
	t.Helper()
	fsys := validPack()
	edit(t, fsys, firstFile, "minutes: 5\n", "minutes: 5\nreviewed: "+reviewed+"\nreview_by: "+reviewBy+"\n")
	return fsys
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestReviewDatesRead(t *testing.T) {
	p := mustLoad(t, reviewedPack(t, "2026-12-02", "2027-06-02"))
	first, _ := p.Lesson("first-lesson")
	if !first.Reviewed.Equal(day(2026, 12, 2)) || !first.ReviewBy.Equal(day(2027, 6, 2)) {
		t.Errorf("reviewed %v, review_by %v", first.Reviewed, first.ReviewBy)
	}
	second, _ := p.Lesson("second-lesson")
	if !second.Reviewed.IsZero() || !second.ReviewBy.IsZero() {
		t.Errorf("a lesson without review dates has %v, %v", second.Reviewed, second.ReviewBy)
	}
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := decoded.Lesson("first-lesson")
	if !reflect.DeepEqual(first, again) {
		t.Errorf("review dates do not survive encoding: %v %v", again.Reviewed, again.ReviewBy)
	}
}

// TestReviewDateErrors checks that a bad review date is an error at its
// line, and so is a review_by before reviewed.
func TestReviewDateErrors(t *testing.T) {
	for _, c := range []struct {
		name, reviewed, reviewBy string
		line                     int
		msg                      string
	}{
		{"bad reviewed", "02/12/2026", "2027-06-02", 5, `reviewed must be a date written YYYY-MM-DD, found "02/12/2026"`},
		{"impossible review_by", "2026-12-02", "2027-02-30", 6, `review_by must be a date written YYYY-MM-DD, found "2027-02-30"`},
		{"review_by before reviewed", "2026-12-02", "2026-12-01", 6, "review_by (2026-12-01) is before reviewed (2026-12-02): a lesson is due for review after it was last reviewed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			problems := loadProblems(t, reviewedPack(t, c.reviewed, c.reviewBy))
			p, ok := findProblem(problems, firstFile, c.line, c.msg)
			if !ok || p.Severity != Error {
				t.Errorf("no error at %s:%d containing %q; got:%s", firstFile, c.line, c.msg, listProblems(problems))
			}
		})
	}
	// The same day is allowed, and so is either date alone.
	mustLoad(t, reviewedPack(t, "2026-12-02", "2026-12-02"))
	alone := validPack()
	edit(t, alone, firstFile, "minutes: 5\n", "minutes: 5\nreview_by: 2027-06-02\n")
	edit(t, alone, secondFile, "minutes: 7\n", "minutes: 7\nreviewed: 2026-12-02\n")
	mustLoad(t, alone)
}

// TestPastReviewWarns checks that, given a day to compare with, a lesson
// past its review_by gives a warning at that line, and that Load without
// one does not look at the clock.
func TestPastReviewWarns(t *testing.T) {
	fsys := reviewedPack(t, "2026-12-02", "2027-06-02")
	const msg = "the lesson was due for review by 2027-06-02: check its facts against its sources, then update reviewed and review_by"
	for _, c := range []struct {
		today time.Time
		warns bool
	}{
		{time.Time{}, false},
		{day(2027, 6, 2), false}, // due that day, not yet past
		{time.Date(2027, 6, 2, 23, 59, 0, 0, time.FixedZone("BST", 3600)), false},
		{day(2027, 6, 3), true},
		{time.Date(2027, 6, 3, 0, 30, 0, 0, time.FixedZone("BST", 3600)), true}, // the learner's day counts, though it is still 2 June in UTC
		{day(2030, 1, 1), true},
	} {
		p, err := LoadWith(fsys, LoadOptions{Today: c.today})
		if err != nil {
			t.Fatal(err)
		}
		_, warned := findProblem(p.Warnings, firstFile, 6, msg)
		reviewWarnings := 0
		for _, w := range p.Warnings {
			if strings.Contains(w.Message, "due for review") {
				reviewWarnings++
			}
		}
		if warned != c.warns || reviewWarnings != map[bool]int{false: 0, true: 1}[c.warns] {
			t.Errorf("today %v: warnings %v, want a past-review warning: %v", c.today, p.Warnings, c.warns)
		}
		past := p.PastReview(c.today)
		if c.warns != (len(past) == 1 && past[0].ID == "first-lesson") || (!c.warns && len(past) != 0) {
			t.Errorf("today %v: PastReview gives %d lessons", c.today, len(past))
		}
	}
}
