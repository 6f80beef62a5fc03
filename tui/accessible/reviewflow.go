package accessible

import (
	"errors"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// review resumes the learner's open review session, or starts one of up
// to review.SessionSize cards due today, mistakes first, as the
// full-screen interface does; asks each card as its lesson's quiz would;
// then sums it up and offers more while cards are due.
func (s *session) review() error {
	for {
		r, cards, ok := s.startReview()
		if !ok {
			return nil
		}
		finished, err := s.askCards(r, cards)
		if err != nil || !finished {
			return err
		}
		s.reload()
		if s.due.Today == 0 {
			_, err := s.waitForEnter(prompt{hint: msgEnterForHome}, false)
			return err
		}
		i, err := s.choose([]string{"", msgWhatNext}, []string{msgReviewMore(s.due.Today), msgHomeItem}, true)
		if err != nil || i != 0 {
			return err
		}
	}
}

// startReview finds the session to ask: the open one, or a new one.
// ok is false when there is nothing to review or the store failed, which
// it has told the learner.
func (s *session) startReview() (progress.Review, []review.Card, bool) {
	pid, now, packs := s.learner.Profile.ID, s.now(), s.packsOnOffer()
	if r, open, err := s.store.OpenReview(pid); err != nil {
		s.say(msgStoreProblem(err))
		return progress.Review{}, nil, false
	} else if open {
		cards := resolveReview(r, packs)
		if unanswered(r, cards) > 0 {
			return r, cards, true
		}
		// Nothing left to ask (its questions left their packs): close it
		// and start afresh.
		if _, err := s.store.FinishReview(pid, r.ID, now); err != nil {
			s.say(msgStoreProblem(err))
			return progress.Review{}, nil, false
		}
	}
	cards, err := review.Due(s.store, pid, packs, review.EndOfDay(now), review.SessionSize)
	if err != nil {
		s.say(msgStoreProblem(err))
		return progress.Review{}, nil, false
	}
	if len(cards) == 0 {
		s.say(msgNothingDue)
		return progress.Review{}, nil, false
	}
	keys := make([]progress.CardKey, len(cards))
	for i, c := range cards {
		keys[i] = c.Key
	}
	r, err := s.store.StartReview(pid, keys, s.seed(), now)
	if err != nil {
		s.say(msgStoreProblem(err))
		return progress.Review{}, nil, false
	}
	return r, cards, true
}

// askCards asks a session's unanswered cards; finished is false when the
// learner left it, or it could not be closed.
func (s *session) askCards(r progress.Review, cards []review.Card) (finished bool, err error) {
	pid := s.learner.Profile.ID
	answered := map[progress.CardKey]bool{}
	for _, a := range r.Answers {
		answered[a.Card] = true
	}
	s.gap()
	s.say(msgReviewIntro)
	for i := 0; i < len(cards); i++ {
		c := cards[i]
		if answered[c.Key] {
			continue
		}
		s.gap()
		heading := []string{msgCardHeading(i+1, len(cards), c.Question.Type), msgFrom(c.Lesson.Title)}
		order := displayOrder(c.Question, r.Seed)
		shownAt := s.now()
		resp, left, err := s.askQuestion(heading, c.Question, order)
		if err != nil {
			return false, err
		}
		if left {
			s.say(msgReviewLeft)
			return false, nil
		}
		ans := newAnswer(c.Question, resp, shownAt, s.now())
		ra := reviewAnswer(c.Key, ans)
		if err := s.store.RecordReview(pid, r.ID, ra); err != nil && !errors.Is(err, progress.ErrAlreadyAnswered) {
			s.say(msgAnswerNotSaved(err))
			i-- // the same card again
			continue
		}
		answered[c.Key] = true
		s.feedback(c.Question, ans)
		wentBack, err := s.waitForEnter(prompt{hint: msgAfterCard(len(answered) >= len(cards))}, true)
		if err != nil {
			return false, err
		}
		if wentBack {
			s.say(msgReviewLeft)
			return false, nil
		}
	}
	done, err := s.store.FinishReview(pid, r.ID, s.now())
	if err != nil {
		s.say(msgNotFinished(err))
		return false, nil
	}
	s.reviewSummary(done, cards)
	return true, nil
}

// reviewSummary says how a finished session went, and which cards to
// look at again.
func (s *session) reviewSummary(r progress.Review, cards []review.Card) {
	right, partly := 0, 0
	for _, a := range r.Answers {
		switch {
		case a.Correct:
			right++
		case a.Score > 0:
			partly++
		}
	}
	s.gap()
	s.say(msgReviewFinished(len(r.Answers), right, partly, len(r.Answers)-right-partly), msgReviewExplained)
	for _, a := range r.Answers {
		if a.Correct {
			continue
		}
		c, ok := cardOf(cards, a.Card)
		if !ok {
			continue
		}
		q := c.Question
		s.say(msgLookAgain(q.Prompt), msgFrom(c.Lesson.Title),
			msgYourAnswer(describe(q, lessons.Response{Choices: a.Choices, Text: a.Text})), msgRightAnswer(rightAnswer(q)))
		if q.Explanation != "" {
			s.say(msgWhy(q.Explanation))
		}
	}
}

// resolveReview finds the questions of a session's cards in the packs on
// offer, leaving out any that are no longer there.
func resolveReview(r progress.Review, packs review.Packs) []review.Card {
	var out []review.Card
	for _, k := range r.Cards {
		if c, ok := review.Resolve(k, packs); ok {
			out = append(out, c)
		}
	}
	return out
}

// unanswered counts the cards of a session not yet answered.
func unanswered(r progress.Review, cards []review.Card) int {
	n := 0
	for _, c := range cards {
		found := false
		for _, a := range r.Answers {
			found = found || a.Card == c.Key
		}
		if !found {
			n++
		}
	}
	return n
}

// cardOf finds a card of the session by its key.
func cardOf(cards []review.Card, k progress.CardKey) (review.Card, bool) {
	for _, c := range cards {
		if c.Key == k {
			return c, true
		}
	}
	return review.Card{}, false
}
