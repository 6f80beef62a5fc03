package accessible

import (
	"errors"
	"slices"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// quiz resumes a lesson's open attempt, or starts a new one (always, when
// fresh), asks its unanswered questions one at a time, then shows the
// results. Each answer is written to the store, in its own transaction,
// before its feedback is printed.
func (s *session) quiz(l *lessons.Lesson, fresh bool) error {
	a, err := s.attempt(l, fresh)
	if err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	s.reload()
	s.gap()
	s.say(msgQuizIntro)
	pid, lk := s.learner.Profile.ID, s.lessonKey(l.ID)
	for i := a.Next(); i < len(a.Questions); i = a.Next() {
		q, ok := l.Quiz.Question(a.Questions[i])
		if !ok {
			s.say(msgQuestionGone)
			return nil
		}
		s.gap()
		heading := []string{msgQuestionHeading(i+1, len(a.Questions), q.Type)}
		order := displayOrder(q, a.Seed)
		shownAt := s.now()
		r, left, err := s.askQuestion(heading, q, order)
		if err != nil {
			return err
		}
		if left {
			s.say(msgQuizLeft)
			return nil
		}
		ans := newAnswer(q, r, shownAt, s.now())
		if err := s.store.RecordAnswer(pid, lk, a.ID, ans); err != nil && !errors.Is(err, progress.ErrAlreadyAnswered) {
			s.say(msgAnswerNotSaved(err))
			continue // the same question again
		}
		a.Answers = append(a.Answers, ans)
		s.feedback(q, ans)
		last := a.Next() >= len(a.Questions)
		wentBack, err := s.waitForEnter(prompt{hint: msgAfterFeedback(last)}, true)
		if err != nil {
			return err
		}
		if wentBack {
			s.say(msgQuizLeft)
			return nil
		}
	}
	done, err := s.store.FinishAttempt(pid, lk, a.ID, l.Quiz.PassMark, s.now())
	if err != nil {
		s.say(msgNotFinished(err))
		return nil
	}
	return s.results(l, done)
}

// attempt resumes the lesson's open attempt, unless fresh or its
// questions have left the quiz, or starts a new one.
func (s *session) attempt(l *lessons.Lesson, fresh bool) (progress.Attempt, error) {
	pid, lk := s.learner.Profile.ID, s.lessonKey(l.ID)
	if !fresh {
		a, open, err := s.store.OpenAttempt(pid, lk)
		if err != nil {
			return progress.Attempt{}, err
		}
		if open && fitsQuiz(a.Questions, l.Quiz) {
			if len(a.Answers) > 0 {
				s.say(msgResumingQuiz(len(a.Answers), len(a.Questions)))
			}
			return a, nil
		}
	}
	seed := s.seed()
	return s.store.StartAttempt(pid, lk, questionOrder(l.Quiz, seed), seed, s.now())
}

// fitsQuiz reports whether an attempt's questions all still exist, so it
// can be resumed after the pack changed.
func fitsQuiz(questions []string, q *lessons.Quiz) bool {
	return !slices.ContainsFunc(questions, func(id string) bool {
		_, ok := q.Question(id)
		return !ok
	})
}

// feedback says whether an answer was right, what the right answer is,
// the feedback that applies, and why.
func (s *session) feedback(q *lessons.Question, a progress.Answer) {
	r := lessons.Response{Choices: a.Choices, Text: a.Text}
	if mk := q.Mark(r); a.Correct && mk.Typo {
		s.say(msgRightWithSlip(mk.Matched))
	} else {
		s.say(msgVerdict(a.Correct, a.Points()))
	}
	s.say(msgYourAnswer(describe(q, r)))
	if !a.Correct {
		s.say(msgRightAnswer(rightAnswer(q)))
	}
	for _, fb := range feedbackFor(q, r, a.Correct) {
		s.say(msgChoiceFeedback(fb.choice, fb.text, q.Type == lessons.MultipleChoice))
	}
	if q.Explanation != "" {
		s.say(msgWhy(q.Explanation))
	}
}

// results shows a finished attempt: the score, the badges it earned and
// each mistake, then offers what to do next.
func (s *session) results(l *lessons.Lesson, a progress.Attempt) error {
	awarded, err := s.refresh()
	if err != nil {
		s.say(msgStoreProblem(err))
	}
	s.gap()
	s.say(msgResultsHeading(l.Title))
	s.say(msgScore(a.Points, len(a.Questions), a.Percent, l.Quiz.PassMark, a.Passed))
	if rec := s.learner.Lessons[l.ID]; rec.Scored {
		s.say(msgBest(rec.BestScore, rec.Attempts))
	}
	s.announce(awarded)
	s.mistakes(l.Quiz, a)
	next := s.learner.Next()
	items := []string{msgResultsNext(next, l), msgRetake, msgHomeItem}
	i, err := s.choose([]string{"", msgWhatNext}, items, true)
	switch {
	case err != nil:
		return err
	case i == 0 && next == nil:
		return s.badges()
	case i == 0 && next.ID == l.ID:
		return s.readLesson(l)
	case i == 0:
		return s.continueLesson(next)
	case i == 1:
		return s.quiz(l, true)
	}
	return nil
}

// mistakes lists each question not fully right, with the answer given,
// the right answer and why.
func (s *session) mistakes(quiz *lessons.Quiz, a progress.Attempt) {
	wrong := 0
	for _, ans := range a.Answers {
		if !ans.Correct {
			wrong++
		}
	}
	if wrong == 0 && len(a.Answers) == len(a.Questions) {
		s.say(msgNoMistakes)
		return
	}
	s.say(msgMistakesHeading(wrong))
	for i, id := range a.Questions {
		q, ok := quiz.Question(id)
		if !ok {
			continue
		}
		ans, answered := answerTo(a, id)
		if answered && ans.Correct {
			continue
		}
		s.say(msgMistake(i+1, q.Prompt, ans.Points()))
		given := msgNotAnswered
		if answered {
			given = describe(q, lessons.Response{Choices: ans.Choices, Text: ans.Text})
		}
		s.say(msgYourAnswer(given), msgRightAnswer(rightAnswer(q)))
		if q.Explanation != "" {
			s.say(msgWhy(q.Explanation))
		}
	}
}

// answerTo finds the answer to a question in an attempt.
func answerTo(a progress.Attempt, question string) (progress.Answer, bool) {
	for _, ans := range a.Answers {
		if ans.Question == question {
			return ans, true
		}
	}
	return progress.Answer{}, false
}
