package learner

import "github.com/upskill-council/upskill/lessons"

// OnPath reports whether the learner's path can earn a badge: a badge for
// a module on their path, for their own path, for a perfect score on a
// quiz of their path (or any quiz), or for a streak. Badges for other
// modules and other paths can still be earned, by learning outside the
// path, but are not counted as the path's.
func (p *Progress) OnPath(b lessons.Badge) bool {
	onPath := func(moduleID string) bool {
		for _, m := range p.Modules() {
			if m.ID == moduleID {
				return true
			}
		}
		return false
	}
	switch b.Rule.Type {
	case lessons.RuleModuleComplete, lessons.RuleModuleQuizzes:
		return onPath(b.Rule.Module)
	case lessons.RulePathComplete:
		return b.Rule.Path == p.Audience()
	case lessons.RulePerfectScore:
		if b.Rule.Lesson == "" {
			return true
		}
		l, ok := p.Pack.Lesson(b.Rule.Lesson)
		return ok && onPath(l.ModuleID)
	default:
		return true
	}
}

// PathBadges splits the pack's badges into those the learner's path can
// earn and the others, each in the pack's order.
func (p *Progress) PathBadges() (path, other []lessons.Badge) {
	for _, b := range p.Pack.Badges {
		if p.OnPath(b) {
			path = append(path, b)
		} else {
			other = append(other, b)
		}
	}
	return path, other
}
