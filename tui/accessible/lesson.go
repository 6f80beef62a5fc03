package accessible

import (
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// pageLines is about how many lines a page of a lesson holds; a page
// ends between blocks, so a long paragraph or table may make it longer.
const pageLines = 20

// readLesson prints a lesson a page at a time from where the learner left
// off, saving how far they have read as the full-screen interface does,
// then starts its quiz or marks it complete.
func (s *session) readLesson(l *lessons.Lesson) error {
	lk := s.lessonKey(l.ID)
	pos := s.learner.Lessons[l.ID].Position
	// Opening a lesson starts it and makes it the one to continue.
	s.saveReading(lk, pos)
	s.reload()
	pages := paginate(lessonBlocks(s.pack, l), pageLines)
	first := 0
	if pos > 0 && pos < 1 {
		first = min(int(pos*float64(len(pages)-1)+0.5), len(pages)-1)
		s.say(msgResuming(first+1, len(pages)))
	}
	for i := first; i < len(pages); i++ {
		s.gap()
		s.say(pages[i]...)
		if i == len(pages)-1 {
			break
		}
		wentBack, err := s.waitForEnter(prompt{hint: msgMore}, true)
		if err != nil || wentBack {
			s.saveReading(lk, pagePosition(i, len(pages)))
			return err
		}
	}
	wentBack, err := s.waitForEnter(prompt{hint: msgLessonEnd(l.Quiz != nil)}, true)
	s.saveReading(lk, 1)
	if err != nil || wentBack {
		return err
	}
	if l.Quiz != nil {
		return s.quiz(l, false)
	}
	if err := s.store.CompleteLesson(s.learner.Profile.ID, lk, s.now()); err != nil {
		s.say(msgNotCompleted(err))
		return nil
	}
	s.say(msgLessonComplete(l.Title))
	s.reload()
	return nil
}

// saveReading stores how far a lesson is read, from 0 to 1, telling the
// learner if it cannot.
func (s *session) saveReading(lk progress.LessonKey, pos float64) {
	if err := s.store.SaveReading(s.learner.Profile.ID, lk, pos, s.now()); err != nil {
		s.say(msgStoreProblem(err))
	}
}

// pagePosition is the reading position of page i of n: 0 on the first,
// 1 on the last.
func pagePosition(i, n int) float64 {
	if n <= 1 {
		return 1
	}
	return float64(i) / float64(n-1)
}

// lessonKey names a lesson of the pack in the store.
func (s *session) lessonKey(lessonID string) progress.LessonKey {
	return progress.LessonKey{Pack: s.pack.ID, Lesson: lessonID}
}

// lessonBlocks puts a lesson together for reading, as the full-screen
// interface does: title and time, the objectives, the text, the sources.
func lessonBlocks(pack *lessons.Pack, l *lessons.Lesson) [][]string {
	module := ""
	if m, ok := pack.Module(l.ModuleID); ok {
		module = m.Title
	}
	questions := 0
	if l.Quiz != nil {
		questions = len(l.Quiz.Questions)
	}
	out := [][]string{{msgLessonTitle(l.Title), msgLessonMeta(l.Minutes, module, questions)}}
	if len(l.Objectives) > 0 {
		b := []string{msgObjectives}
		for _, o := range l.Objectives {
			b = append(b, "- "+o)
		}
		out = append(out, b)
	}
	out = append(out, plainBlocks(l.Body)...)
	if len(l.Sources) > 0 {
		b := []string{msgSources}
		for _, src := range l.Sources {
			b = append(b, "- "+msgSource(src.Title, src.URL, src.Checked))
		}
		out = append(out, b)
	}
	return out
}

// paginate groups blocks into pages of about size lines, with an empty
// line between blocks; a page always holds at least one block.
func paginate(blocks [][]string, size int) [][]string {
	var pages [][]string
	var page []string
	for _, b := range blocks {
		if len(page) > 0 && len(page)+1+len(b) > size {
			pages = append(pages, page)
			page = nil
		}
		if len(page) > 0 {
			page = append(page, "")
		}
		page = append(page, b...)
	}
	if len(page) > 0 || len(pages) == 0 {
		pages = append(pages, page)
	}
	return pages
}
