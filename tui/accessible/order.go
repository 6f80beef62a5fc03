package accessible

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/upskill-council/upskill/lessons"
)

// The two functions here copy, line for line, how package tui orders an
// attempt (startQuizCmd's shuffle) and a question's options
// (displayOrder in tui/quiz_answer.go), so that an attempt resumed in
// either mode asks the same questions with the same numbers. Change both
// places together.

// questionOrder is the order an attempt asks a quiz's questions in:
// shuffled by the attempt's seed when the quiz asks for it.
func questionOrder(q *lessons.Quiz, seed int64) []string {
	order := make([]string, len(q.Questions))
	for i, qu := range q.Questions {
		order[i] = qu.ID
	}
	if q.ShuffleQuestions {
		rand.New(rand.NewPCG(uint64(seed), 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return order
}

// displayOrder is the order to show a question's options in: its choices,
// a matching question's answers, or an ordering question's items as they
// start. Shuffled orders come from the attempt's seed, so a resumed
// attempt shows them as before. Matching answers are always shuffled, and
// ordering items never start in the right order.
func displayOrder(q *lessons.Question, seed int64, shuffleChoices bool) []int {
	n, shuffle := len(q.Choices), shuffleChoices && q.Type != lessons.TrueFalse
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
