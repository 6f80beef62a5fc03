package tui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// quizSource is what the quiz screen asks and where its answers go: a
// lesson's quiz attempt, or a review session of due cards from any pack.
// The screen shows one question at a time, the same way for both.
type quizSource interface {
	size() int
	// item is the i-th question and the lesson it comes from.
	item(i int) (*lessons.Lesson, *lessons.Question)
	// next is the first question not yet answered, or size().
	next() int
	seed() int64
	// heading names the question on screen: "Question 3 of 8".
	heading(i int) string
	// points is the marks so far.
	points() float64
	// save writes the answer to question i; its command reports
	// answerSavedMsg once the answer is on disk.
	save(c *common, i int, ans progress.Answer) tea.Cmd
	// withAnswer records an answer that is on disk.
	withAnswer(i int, ans progress.Answer) quizSource
	// finish closes the attempt or session and reports it.
	finish(c *common) tea.Cmd
}

// attemptSource is a lesson's quiz attempt.
type attemptSource struct {
	lesson  *lessons.Lesson
	attempt progress.Attempt
}

func (s attemptSource) size() int { return len(s.attempt.Questions) }

func (s attemptSource) item(i int) (*lessons.Lesson, *lessons.Question) {
	q, _ := s.lesson.Quiz.Question(s.attempt.Questions[i])
	return s.lesson, q
}

func (s attemptSource) next() int   { return s.attempt.Next() }
func (s attemptSource) seed() int64 { return s.attempt.Seed }

func (s attemptSource) heading(i int) string {
	return fmt.Sprintf("Question %d of %d", i+1, len(s.attempt.Questions))
}

func (s attemptSource) points() float64 {
	total := 0.0
	for _, a := range s.attempt.Answers {
		total += a.Points()
	}
	return total
}

func (s attemptSource) save(c *common, _ int, ans progress.Answer) tea.Cmd {
	store, pid, lk, attempt := c.store, c.profileID(), c.lessonKey(s.lesson.ID), s.attempt.ID
	return func() tea.Msg {
		err := store.RecordAnswer(pid, lk, attempt, ans)
		if !errors.Is(err, progress.ErrAlreadyAnswered) {
			return answerSavedMsg{answer: ans, err: err}
		}
		// The record holds an earlier answer: that one counts, so that is
		// the one to show.
		a, open, rerr := store.OpenAttempt(pid, lk)
		if rerr != nil || !open || a.ID != attempt {
			return answerSavedMsg{answer: ans, err: errors.Join(err, rerr)}
		}
		for _, stored := range a.Answers {
			if stored.Question == ans.Question {
				return answerSavedMsg{answer: stored, onRecord: true}
			}
		}
		return answerSavedMsg{answer: ans, err: err}
	}
}

func (s attemptSource) withAnswer(_ int, ans progress.Answer) quizSource {
	s.attempt.Answers = append(s.attempt.Answers, ans)
	return s
}

func (s attemptSource) finish(c *common) tea.Cmd {
	store, pid, lk, id, pass, now := c.store, c.profileID(), c.lessonKey(s.lesson.ID), s.attempt.ID, s.lesson.Quiz.PassMark, c.now()
	lessonID := s.lesson.ID
	return func() tea.Msg {
		a, err := store.FinishAttempt(pid, lk, id, pass, now)
		if err != nil {
			return errMsg{err}
		}
		return quizFinishedMsg{lessonID: lessonID, attempt: a}
	}
}

// reviewSource is a review session: due cards from any pack, each asked
// as its lesson's quiz would ask it.
type reviewSource struct {
	id      uint64
	seedN   int64
	cards   []review.Card
	answers map[progress.CardKey]progress.Answer
}

func newReviewSource(r progress.Review, cards []review.Card) reviewSource {
	s := reviewSource{id: r.ID, seedN: r.Seed, cards: cards, answers: map[progress.CardKey]progress.Answer{}}
	for _, a := range r.Answers {
		s.answers[a.Card] = progress.Answer{Question: a.Card.Question, Choices: a.Choices, Text: a.Text,
			Correct: a.Correct, Score: a.Score, Rating: a.Rating, Seconds: a.Seconds, At: a.At}
	}
	return s
}

func (s reviewSource) size() int { return len(s.cards) }

func (s reviewSource) item(i int) (*lessons.Lesson, *lessons.Question) {
	return s.cards[i].Lesson, s.cards[i].Question
}

func (s reviewSource) next() int {
	for i, c := range s.cards {
		if _, ok := s.answers[c.Key]; !ok {
			return i
		}
	}
	return len(s.cards)
}

func (s reviewSource) seed() int64 { return s.seedN }

func (s reviewSource) heading(i int) string {
	return fmt.Sprintf("Review %d of %d", i+1, len(s.cards))
}

func (s reviewSource) points() float64 {
	total := 0.0
	for _, a := range s.answers {
		total += a.Points()
	}
	return total
}

func (s reviewSource) save(c *common, i int, ans progress.Answer) tea.Cmd {
	store, pid, id := c.store, c.profileID(), s.id
	ra := progress.ReviewAnswer{Card: s.cards[i].Key, Choices: ans.Choices, Text: ans.Text, Correct: ans.Correct,
		Score: ans.Score, Rating: ans.Rating, Seconds: ans.Seconds, At: ans.At}
	return func() tea.Msg {
		err := store.RecordReview(pid, id, ra)
		if !errors.Is(err, progress.ErrAlreadyAnswered) {
			return answerSavedMsg{answer: ans, err: err}
		}
		// The record holds an earlier answer to the card: show that one.
		r, open, rerr := store.OpenReview(pid)
		if rerr != nil || !open || r.ID != id {
			return answerSavedMsg{answer: ans, err: errors.Join(err, rerr)}
		}
		for _, a := range r.Answers {
			if a.Card == ra.Card {
				return answerSavedMsg{onRecord: true, answer: progress.Answer{Question: a.Card.Question, Choices: a.Choices, Text: a.Text,
					Correct: a.Correct, Score: a.Score, Rating: a.Rating, Seconds: a.Seconds, At: a.At}}
			}
		}
		return answerSavedMsg{answer: ans, err: err}
	}
}

func (s reviewSource) withAnswer(i int, ans progress.Answer) quizSource {
	answers := make(map[progress.CardKey]progress.Answer, len(s.answers)+1)
	for k, v := range s.answers {
		answers[k] = v
	}
	answers[s.cards[i].Key] = ans
	s.answers = answers
	return s
}

func (s reviewSource) finish(c *common) tea.Cmd {
	store, pid, id, now, cards := c.store, c.profileID(), s.id, c.now(), s.cards
	return func() tea.Msg {
		r, err := store.FinishReview(pid, id, now)
		if err != nil {
			return errMsg{err}
		}
		return reviewFinishedMsg{review: r, cards: cards}
	}
}

// reviewFinishedMsg carries a finished review session, with its cards'
// questions, to the root.
type reviewFinishedMsg struct {
	review progress.Review
	cards  []review.Card
}
