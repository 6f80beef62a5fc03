// Package quizorder decides the order a quiz attempt asks its questions
// in and shows each question's options in, from the attempt's seed. The
// full-screen quiz and the accessible mode both use it, so an attempt
// started in one and resumed in the other asks the same questions with
// the same numbers.
package quizorder

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/upskill-council/upskill/lessons"
)

// Questions is the order an attempt asks a quiz's questions in: shuffled
// by the attempt's seed when the quiz asks for it.
func Questions(q *lessons.Quiz, seed int64) []string {
	order := make([]string, len(q.Questions))
	for i, qu := range q.Questions {
		order[i] = qu.ID
	}
	if q.ShuffleQuestions {
		rand.New(rand.NewPCG(uint64(seed), 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return order
}

// Options is the order to show a question's options in: its choices, a
// matching question's answers, or an ordering question's items as they
// start, as indexes into the pack's lists. Choices are shuffled unless the
// question keeps its order (and true or false always reads True, False);
// matching answers are always shuffled, and ordering items never start in
// the right order. The shuffle comes from the attempt's seed and the
// question's id, so a resumed attempt shows the same order and each
// question of an attempt its own.
func Options(q *lessons.Question, seed int64) []int {
	n, shuffle := len(q.Choices), !q.KeepOrder && q.Type != lessons.TrueFalse
	switch q.Type {
	case lessons.Matching:
		n, shuffle = len(q.MatchOptions()), true
	case lessons.Ordering:
		n, shuffle = len(q.Items), true
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if !shuffle {
		return order
	}
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	rng := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	if q.Type == lessons.Ordering && n > 1 && slices.IsSorted(order) {
		order = append(order[1:], order[0])
	}
	return order
}
