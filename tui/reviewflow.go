package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/marks"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// startReviewMsg asks the root for a review session: the open one, or a
// new one of the cards due now.
type startReviewMsg struct{}

// reviewReadyMsg carries a review session and its cards to the root.
type reviewReadyMsg struct {
	review progress.Review
	cards  []review.Card
}

// startReviewCmd resumes the learner's open review session, or starts one
// of up to review.SessionSize cards due today, mistakes first.
func (c *common) startReviewCmd() tea.Cmd {
	store, cat, pack, pid, now, seed := c.store, c.catalog, c.pack, c.profileID(), c.now(), c.seed()
	return func() tea.Msg {
		packs := packsOnOffer(cat, pack)
		if r, open, err := store.OpenReview(pid); err != nil {
			return errMsg{err}
		} else if open {
			cards := resolveReview(r, packs)
			if src := newReviewSource(r, cards); src.next() < src.size() {
				return reviewReadyMsg{review: r, cards: cards}
			}
			// Nothing left to ask (its questions left their packs): close
			// it and start afresh.
			if _, err := store.FinishReview(pid, r.ID, now); err != nil {
				return errMsg{err}
			}
		}
		cards, err := review.Due(store, pid, packs, review.EndOfDay(now), review.SessionSize)
		if err != nil {
			return errMsg{err}
		}
		if len(cards) == 0 {
			return noticeMsg{marks.Done + " No cards are due for review. Well done."}
		}
		keys := make([]progress.CardKey, len(cards))
		for i, c := range cards {
			keys[i] = c.Key
		}
		r, err := store.StartReview(pid, keys, seed, now)
		if err != nil {
			return errMsg{err}
		}
		return reviewReadyMsg{review: r, cards: cards}
	}
}

// resolveReview finds the questions of a review session's cards in the
// packs on offer, leaving out any that are no longer there.
func resolveReview(r progress.Review, packs review.Packs) []review.Card {
	var out []review.Card
	for _, k := range r.Cards {
		if c, ok := review.Resolve(k, packs); ok {
			out = append(out, c)
		}
	}
	return out
}

// noticeMsg shows a short message in the footer.
type noticeMsg struct{ text string }
