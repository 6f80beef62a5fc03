package accessible

import (
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// newAnswer grades a response and makes the answer to record, as the
// full-screen quiz does: fully right, or its partial score, when it was
// given and how long it took, and its rating for review.
func newAnswer(q *lessons.Question, r lessons.Response, shownAt, now time.Time) progress.Answer {
	score := q.Score(r)
	took := now.Sub(shownAt)
	ans := progress.Answer{Question: q.ID, Choices: r.Choices, Text: r.Text, Correct: score >= 1-1e-9, At: now,
		Rating: rate(q, score, took), Seconds: took.Seconds()}
	if !ans.Correct {
		ans.Score = score
	}
	return ans
}

// rate is the one place the accessible mode rates an answer for its
// review card.
func rate(q *lessons.Question, score float64, took time.Duration) progress.Rating {
	return review.Rate(q, score, took)
}

// reviewAnswer is an answer as a review session records it.
func reviewAnswer(card progress.CardKey, ans progress.Answer) progress.ReviewAnswer {
	return progress.ReviewAnswer{Card: card, Choices: ans.Choices, Text: ans.Text, Correct: ans.Correct,
		Score: ans.Score, Rating: ans.Rating, Seconds: ans.Seconds, At: ans.At}
}
