package accessible

import (
	"errors"
	"strings"

	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// start chooses the learner as the full-screen interface does: the one
// named, the only one, one picked from several, or a new one.
func (s *session) start(name string) error {
	s.say(msgTitle)
	profiles, err := s.store.Profiles()
	if err != nil {
		return fmtErr("read profiles", err)
	}
	var p progress.Profile
	switch {
	case name != "":
		p, err = s.store.ProfileByName(name)
		if errors.Is(err, progress.ErrNotFound) && !s.one {
			p, err = s.welcome(name)
		}
	case len(profiles) == 1:
		p = profiles[0]
	case len(profiles) > 1:
		p, err = s.pick(profiles, false)
	default:
		p, err = s.welcome("")
	}
	if err != nil {
		return err
	}
	return s.choseLearner(p)
}

// pick asks who is learning. With canGoBack (a learner is already
// chosen), b keeps the current one: it returns errBackToHome.
func (s *session) pick(profiles []progress.Profile, canGoBack bool) (progress.Profile, error) {
	items := make([]string, 0, len(profiles)+1)
	for _, p := range profiles {
		items = append(items, msgProfileItem(p.Name, lessons.Audience(p.Role).Label()))
	}
	items = append(items, msgNewLearner)
	i, err := s.choose([]string{"", msgWhoIsLearning}, items, canGoBack)
	switch {
	case err != nil:
		return progress.Profile{}, err
	case i == back:
		return progress.Profile{}, errBackToHome
	case i == len(profiles):
		return s.welcome("")
	}
	return profiles[i], nil
}

// errBackToHome says the learner went back without choosing.
var errBackToHome = errors.New("back to home")

// welcome creates a profile: the learner's name, unless given, and role.
func (s *session) welcome(name string) (progress.Profile, error) {
	s.gap()
	s.say(msgWelcomeIntro)
	for {
		if name == "" {
			var err error
			if name, err = s.askName(); err != nil {
				return progress.Profile{}, err
			}
		} else {
			s.say(msgWelcomeName(name))
		}
		items := make([]string, len(lessons.Audiences))
		for i, a := range lessons.Audiences {
			items[i] = a.Label()
		}
		i, err := s.choose([]string{msgWhatRole}, items, false)
		if err != nil {
			return progress.Profile{}, err
		}
		p, err := s.store.CreateProfile(name, string(lessons.Audiences[i]), s.now())
		switch {
		case errors.Is(err, progress.ErrProfileExists):
			s.say(msgNameTaken(name))
			name = ""
			continue
		case err != nil:
			s.say(msgProfileNotSaved(err))
			name = ""
			continue
		}
		return p, nil
	}
}

// askName reads a learner's name, refusing an empty one.
func (s *session) askName() (string, error) {
	p := prompt{lines: []string{msgWhatName}, hint: msgTypeName}
	line, err := s.ask(p)
	for {
		if err != nil {
			return "", err
		}
		if name := strings.Join(strings.Fields(line), " "); name != "" {
			return name, nil
		}
		s.retry(p, msgNameEmpty)
		line, err = s.askAgain(p)
	}
}

// choseLearner loads a learner's pack and progress, awards any badge
// due, retires cards whose questions left their packs, and counts the
// cards due, as the full-screen interface does after a learner is chosen.
func (s *session) choseLearner(p progress.Profile) error {
	pack, err := s.packFor(p)
	if err != nil {
		return err
	}
	s.pack = pack
	s.learner = &learner.Progress{Pack: pack, Profile: p}
	if _, err := review.Reconcile(s.store, p.ID, s.packsOnOffer()); err != nil {
		s.say(msgStoreProblem(err))
	}
	awarded, err := s.refresh()
	if err != nil {
		return err
	}
	s.announce(awarded)
	return nil
}

// packFor loads the pack a learner was last taking, or the default pack.
func (s *session) packFor(p progress.Profile) (*lessons.Pack, error) {
	id := p.Last.Pack
	if _, ok := s.catalog.Entry(id); !ok {
		id = s.catalog.Default()
	}
	pack, err := s.catalog.Load(id)
	if err != nil {
		return nil, fmtErr("load pack "+id, err)
	}
	return pack, nil
}

// refresh reads the learner's progress again after a change, awards any
// badge it now earns, and counts the cards due. It returns the badges
// newly awarded; a failure to award or count is told, not returned.
func (s *session) refresh() ([]lessons.Badge, error) {
	profile := s.learner.Profile
	if p, err := s.store.Profile(profile.ID); err == nil {
		profile = p // picks up the lesson to continue from
	}
	prog, err := learner.Load(s.store, s.pack, profile, s.now().Location())
	if err != nil {
		return nil, fmtErr("read progress", err)
	}
	s.learner = prog
	awarded, err := learner.AwardDue(s.store, prog, s.now())
	if err != nil {
		s.say(msgStoreProblem(err))
	}
	due, err := review.CountDue(s.store, profile.ID, s.onOffer, s.now())
	if err != nil {
		s.say(msgStoreProblem(err))
	}
	s.due = due
	s.required = nil
	if s.catalog != nil {
		standing, err := compliance.ForLearner(s.store, s.catalog, profile, s.now())
		if err != nil {
			s.say(msgStoreProblem(err))
		}
		s.required = standing.Items
	}
	return awarded, nil
}

// announce tells the learner of badges just earned.
func (s *session) announce(awarded []lessons.Badge) {
	for _, b := range awarded {
		s.say(msgBadgeEarned(b.Title, b.Description))
	}
}

// packsOnOffer finds the packs a review may draw on: the pack being taken
// and every pack on offer.
func (s *session) packsOnOffer() review.Packs {
	return func(id string) (*lessons.Pack, bool) {
		if s.pack != nil && id == s.pack.ID {
			return s.pack, true
		}
		if _, ok := s.catalog.Entry(id); !ok {
			return nil, false
		}
		p, err := s.catalog.Load(id)
		return p, err == nil
	}
}

// onOffer reports whether a pack is on offer, without loading it.
func (s *session) onOffer(id string) bool {
	if s.pack != nil && id == s.pack.ID {
		return true
	}
	_, ok := s.catalog.Entry(id)
	return ok
}
