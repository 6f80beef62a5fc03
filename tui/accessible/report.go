package accessible

// progressReport says, in sentences, how far the learner is: their path,
// each module, their streaks, badges and review cards.
func (s *session) progressReport() error {
	l := s.learner
	done, total := l.PathProgress()
	pathTitle := msgAllModules
	if p, ok := s.pack.Path(l.Audience()); ok {
		pathTitle = p.Title
	}
	s.gap()
	s.say(msgProgressHeading(s.pack.Title))
	s.say(msgPathProgress(s.pack.Title, pathTitle, done, total))
	for _, m := range l.Modules() {
		d, t := l.ModuleProgress(m)
		s.say(msgModuleProgress(m.Title, d, t, l.ModuleStatus(m).Label()))
	}
	earned := 0
	for _, b := range s.pack.Badges {
		if _, ok := l.Earned(b.ID); ok {
			earned++
		}
	}
	s.say(msgStreaks(l.Streak(s.now()), l.LongestStreak()))
	s.say(msgBadgesHeading(earned, len(s.pack.Badges)))
	s.say(msgDue(s.due.Today, s.due.Week))
	_, err := s.waitForEnter(prompt{hint: msgEnterForHome}, false)
	return err
}
