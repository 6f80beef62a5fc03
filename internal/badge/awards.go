package badge

import (
	"fmt"
	"slices"
	"time"

	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Awards lists the badges a learner has earned in the packs on offer, in
// catalogue and pack order. email may be empty (Upskill stores no email
// addresses). It reads the learner's stable id, making it if need be.
func Awards(cat *catalog.Catalog, p progress.Profile, email string) ([]Award, error) {
	store := cat.Store()
	var out []Award
	uid := ""
	for _, e := range cat.Entries() {
		pack, err := cat.Load(e.ID)
		if err != nil {
			continue // a pack that cannot be loaded has no badges to show
		}
		earned, err := store.Badges(p.ID, pack.ID)
		if err != nil {
			return nil, err
		}
		for _, b := range pack.Badges {
			at, ok := earned[b.ID]
			if !ok {
				continue
			}
			if uid == "" {
				if uid, err = store.LearnerUID(p.ID); err != nil {
					return nil, err
				}
			}
			out = append(out, Award{Pack: pack, Badge: b, Earned: at, ValidUntil: ValidUntil(pack, b, p.Role, at),
				LearnerUID: uid, Name: p.Name, Email: email})
		}
	}
	return out, nil
}

// ValidUntil is when a badge earned at earned lapses: for a badge that
// completes a module required of the learner's role with a renewal
// period, that period after it was earned; otherwise never (zero).
func ValidUntil(pack *lessons.Pack, b lessons.Badge, role string, earned time.Time) time.Time {
	switch b.Rule.Type {
	case lessons.RuleModuleComplete, lessons.RuleModuleQuizzes:
	default:
		return time.Time{}
	}
	for _, r := range compliance.Requirements(pack, role) {
		if r.Module == b.Rule.Module && r.RenewalMonths > 0 {
			return earned.AddDate(0, r.RenewalMonths, 0)
		}
	}
	return time.Time{}
}

// Select picks the awards of one badge id (all when id is empty); an id
// the learner has not earned is an error naming the ones they have.
func Select(awards []Award, id string) ([]Award, error) {
	if id == "" {
		return awards, nil
	}
	i := slices.IndexFunc(awards, func(a Award) bool { return a.Badge.ID == id || a.Pack.ID+"/"+a.Badge.ID == id })
	if i < 0 {
		var ids []string
		for _, a := range awards {
			ids = append(ids, a.Badge.ID)
		}
		if len(ids) == 0 {
			return nil, fmt.Errorf("no badge %q: no badges earned yet", id)
		}
		return nil, fmt.Errorf("no earned badge %q: earned are %v", id, ids)
	}
	return awards[i : i+1], nil
}

// Export builds and signs an award in the form asked.
func Export(is *badgeissuer.Issuer, a Award, f Format, now time.Time) ([]byte, error) {
	c, err := Build(is, a)
	if err != nil {
		return nil, err
	}
	return Sign(is, c, f, now)
}

// FileName is a file name for an exported award: pack-badge and the
// format's extension.
func FileName(a Award, f Format) string { return a.Pack.ID + "-" + a.Badge.ID + f.Ext() }
