package lessons

import "time"

// PastReview reports whether the lesson's review_by date is before
// today's date, in today's own time zone. A lesson without review_by is
// never past review.
func (l *Lesson) PastReview(today time.Time) bool {
	if l.ReviewBy.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(l.ReviewBy)
}

// PastReview returns the pack's lessons that are past their review_by
// date on the day today falls on, in module order.
func (p *Pack) PastReview(today time.Time) []*Lesson {
	var out []*Lesson
	for i := range p.Modules {
		for _, l := range p.LessonsOf(&p.Modules[i]) {
			if l.PastReview(today) {
				out = append(out, l)
			}
		}
	}
	return out
}

// warnPastReview warns, at the line of its review_by, about every lesson
// past its review_by date.
func warnPastReview(files []*lessonAt, today time.Time, ps *problems) {
	for _, at := range files {
		if l := at.lesson; l.PastReview(today) {
			ps.warnf(l.File, at.reviewByLine, "the lesson was due for review by %s: check its facts against its sources, then update reviewed and review_by",
				l.ReviewBy.Format(time.DateOnly))
		}
	}
}
