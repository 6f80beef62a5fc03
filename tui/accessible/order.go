package accessible

import (
	"github.com/upskill-council/upskill/internal/quizorder"
	"github.com/upskill-council/upskill/lessons"
)

// questionOrder is the order an attempt asks a quiz's questions in, as in
// the full-screen quiz (quizorder.Questions).
func questionOrder(q *lessons.Quiz, seed int64) []string { return quizorder.Questions(q, seed) }

// displayOrder is the order to show a question's options in, as in the
// full-screen quiz (quizorder.Options).
func displayOrder(q *lessons.Question, seed int64) []int { return quizorder.Options(q, seed) }
