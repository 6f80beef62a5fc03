package accessible

import (
	"errors"
	"fmt"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// action is one thing the home menu offers.
type action struct {
	label string
	do    func() error
}

// home serves the home menu until the learner quits: what to do next,
// then everything else, as a numbered list.
func (s *session) home() error {
	for {
		actions := s.homeActions()
		items := make([]string, len(actions))
		for i, a := range actions {
			items[i] = a.label
		}
		i, err := s.choose(s.homeHeading(), items, false)
		if err != nil {
			return err
		}
		if err := actions[i].do(); err != nil && !errors.Is(err, errBackToHome) {
			return err
		}
	}
}

// homeHeading greets the learner, says where they stand on their
// required training, most urgent first, and where they are in their path.
func (s *session) homeHeading() []string {
	l := s.learner
	done, total := l.PathProgress()
	pathTitle := msgAllModules
	if p, ok := s.pack.Path(l.Audience()); ok {
		pathTitle = p.Title
	}
	heading := []string{"", msgHomeHeading(l.Profile.Name, len(l.Lessons) == 0), msgPathProgress(s.pack.Title, pathTitle, done, total)}
	if len(s.required) > 0 {
		heading = append(heading, msgRequiredHeading)
		for _, it := range s.required {
			heading = append(heading, msgRequiredItem(it, s.now()))
		}
	}
	return append(heading, msgWhatNext)
}

// homeActions lists the home menu: continue, review when cards are due,
// each module of the path, then badges, progress, courses, learner,
// the accessible setting and quit.
func (s *session) homeActions() []action {
	l := s.learner
	var out []action
	if next := l.Next(); next != nil {
		rec := l.Lessons[next.ID]
		mod := ""
		if m, ok := s.pack.Module(next.ModuleID); ok {
			mod = m.Title
		}
		out = append(out, action{msgContinue(next.Title, mod, next.Minutes, rec.OpenAttempt != 0, rec.Status == progress.InProgress), func() error {
			return s.continueLesson(next)
		}})
	} else {
		out = append(out, action{msgPathFinished, s.badges})
	}
	if s.due.Today > 0 {
		out = append(out, action{msgReviewItem(s.due.Today), s.review})
	}
	for _, m := range l.Modules() {
		done, total := l.ModuleProgress(m)
		out = append(out, action{msgModuleItem(m.Title, done, total), func() error { return s.module(m) }})
	}
	earned := 0
	onPath, _ := l.PathBadges()
	for _, b := range onPath {
		if _, ok := l.Earned(b.ID); ok {
			earned++
		}
	}
	out = append(out,
		action{msgBadgesItem(earned, len(onPath)), s.badges},
		action{msgProgressItem, s.progressReport},
		action{msgCoursesItem, s.courses},
	)
	if !s.one {
		out = append(out, action{msgSwitchItem, s.switchLearner})
	}
	return append(out,
		action{msgSettingItem(s.remembered()), s.toggleSetting},
		action{msgQuitItem, func() error { return errQuit }},
	)
}

// continueLesson resumes the learner's next lesson: its open quiz if it
// has one, otherwise the lesson text.
func (s *session) continueLesson(l *lessons.Lesson) error {
	if s.learner.Lessons[l.ID].OpenAttempt != 0 {
		return s.quiz(l, false)
	}
	return s.readLesson(l)
}

// module lists a module's lessons and opens the one chosen.
func (s *session) module(m *lessons.Module) error {
	for {
		ls := s.pack.LessonsOf(m)
		items := make([]string, len(ls))
		for i, l := range ls {
			rec := s.learner.Lessons[l.ID]
			items[i] = msgLessonItem(l.Title, rec.Status.Label(), rec.Scored, rec.BestScore, l.Quiz != nil)
		}
		done, total := s.learner.ModuleProgress(m)
		heading := []string{"", msgModuleHeading(m.Title, done, total)}
		if m.Summary != "" {
			heading = append(heading, m.Summary)
		}
		i, err := s.choose(heading, items, true)
		if err != nil || i == back {
			return err
		}
		if err := s.readLesson(ls[i]); err != nil && !errors.Is(err, errBackToHome) {
			return err
		}
	}
}

// badges lists the badges earned, with their dates, and those still to
// earn, with what earns them.
func (s *session) badges() error {
	l := s.learner
	onPath, others := l.PathBadges()
	describe := func(bs []lessons.Badge) (earned, locked []string) {
		for _, b := range bs {
			if at, ok := l.Earned(b.ID); ok {
				earned = append(earned, msgBadgeLine(b.Title, b.Description, at))
				continue
			}
			locked = append(locked, msgLockedBadgeLine(b.Title, learner.Requirement(s.pack, b.Rule)))
		}
		return earned, locked
	}
	earned, locked := describe(onPath)
	s.gap()
	s.say(msgBadgesHeading(len(earned), len(onPath)))
	if len(earned) > 0 {
		s.say(msgEarnedHeading)
		s.say(earned...)
	}
	if len(locked) > 0 {
		s.say(msgLockedHeading)
		s.say(locked...)
	}
	if len(others) > 0 {
		otherEarned, otherLocked := describe(others)
		s.say(msgOtherBadgesHeading)
		s.say(otherEarned...)
		s.say(otherLocked...)
	}
	_, err := s.waitForEnter(prompt{hint: msgEnterForHome}, false)
	return err
}

// courses lists the packs on offer and switches to the one chosen.
func (s *session) courses() error {
	entries := s.catalog.Entries()
	items := make([]string, len(entries))
	role := lessons.Audience(s.learner.Profile.Role)
	for i, e := range entries {
		// Count the lessons of the learner's path in each pack, as home
		// does.
		recs, err := s.store.Lessons(s.learner.Profile.ID, e.ID)
		if err != nil {
			s.say(msgStoreProblem(err))
		}
		pack, err := s.catalog.Load(e.ID)
		if err != nil {
			s.say(msgStoreProblem(err))
			items[i] = msgCourseItem(e.Title, e.ID == s.pack.ID, 0, e.Lessons)
			continue
		}
		done, total := 0, 0
		for _, m := range pack.ModulesFor(role) {
			for _, id := range m.LessonIDs {
				total++
				if recs[id].Status == progress.Completed {
					done++
				}
			}
		}
		items[i] = msgCourseItem(e.Title, e.ID == s.pack.ID, done, total)
	}
	i, err := s.choose([]string{"", msgCoursesHeading}, items, true)
	if err != nil || i == back {
		return err
	}
	id := entries[i].ID
	pack, err := s.catalog.Load(id)
	if err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	if err := s.store.SetCurrentPack(s.learner.Profile.ID, id); err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	s.pack = pack
	s.say(msgCourseChosen(pack.Title))
	s.reload()
	return nil
}

// switchLearner lets someone else use the same file.
func (s *session) switchLearner() error {
	profiles, err := s.store.Profiles()
	if err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	p, err := s.pick(profiles, true)
	if err != nil {
		return err
	}
	if err := s.choseLearner(p); err != nil {
		s.say(msgStoreProblem(err))
	}
	return nil
}

// remembered reports whether the learner has asked for accessible mode
// every time; a failure to read it is told and taken as no.
func (s *session) remembered() bool {
	set, err := s.store.Settings(s.learner.Profile.ID)
	if err != nil {
		s.say(msgStoreProblem(err))
	}
	return set.Accessible
}

// toggleSetting turns the learner's saved accessible-mode setting on or
// off: when on, Upskill starts in this mode for them without the flag.
func (s *session) toggleSetting() error {
	set, err := s.store.Settings(s.learner.Profile.ID)
	if err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	set.Accessible = !set.Accessible
	if err := s.store.SaveSettings(s.learner.Profile.ID, set); err != nil {
		s.say(msgStoreProblem(err))
		return nil
	}
	s.say(msgSettingSaved(set.Accessible))
	return nil
}

// reload reads the learner's progress again, telling them of a failure.
func (s *session) reload() {
	awarded, err := s.refresh()
	if err != nil {
		s.say(msgStoreProblem(err))
	}
	s.announce(awarded)
}

// fmtErr wraps err with what was being done.
func fmtErr(what string, err error) error { return fmt.Errorf("%s: %w", what, err) }
