package learner

import (
	"fmt"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// RuleMet reports whether the learner's records meet a badge rule.
func (p *Progress) RuleMet(rule lessons.BadgeRule) bool {
	switch rule.Type {
	case lessons.RuleModuleComplete:
		m, ok := p.Pack.Module(rule.Module)
		return ok && p.ModuleStatus(m) == progress.Completed
	case lessons.RuleModuleQuizzes:
		m, ok := p.Pack.Module(rule.Module)
		if !ok {
			return false
		}
		quizzes := 0
		for _, l := range p.Pack.LessonsOf(m) {
			if l.Quiz == nil {
				continue
			}
			quizzes++
			if rec := p.Lessons[l.ID]; !rec.Scored || rec.BestScore < rule.MinScore {
				return false
			}
		}
		return quizzes > 0
	case lessons.RulePerfectScore:
		if rule.Lesson != "" {
			rec := p.Lessons[rule.Lesson]
			return rec.Scored && rec.BestScore == 100
		}
		for _, rec := range p.Lessons {
			if rec.Scored && rec.BestScore == 100 {
				return true
			}
		}
		return false
	case lessons.RulePathComplete:
		path, ok := p.Pack.Path(rule.Path)
		if !ok {
			return false
		}
		for _, id := range path.ModuleIDs {
			m, ok := p.Pack.Module(id)
			if !ok || p.ModuleStatus(m) != progress.Completed {
				return false
			}
		}
		return true
	case lessons.RuleStreak:
		return p.LongestStreak() >= rule.Days
	default:
		return false
	}
}

// Earned reports whether the learner has been awarded a badge.
func (p *Progress) Earned(badgeID string) (time.Time, bool) {
	t, ok := p.Badges[badgeID]
	return t, ok
}

// AwardDue awards every badge whose rule the learner now meets and has not
// been awarded, and returns the newly awarded ones in pack order. It is
// safe to call at any time: awarding is idempotent, so a crash between a
// quiz result and its badge is put right the next time it runs.
func AwardDue(store *progress.Store, p *Progress, at time.Time) ([]lessons.Badge, error) {
	var awarded []lessons.Badge
	for _, b := range p.Pack.Badges {
		if _, ok := p.Badges[b.ID]; ok || !p.RuleMet(b.Rule) {
			continue
		}
		isNew, err := store.AwardBadge(p.Profile.ID, p.Pack.ID, b.ID, at)
		if err != nil {
			return awarded, err
		}
		p.Badges[b.ID] = at
		if isNew {
			awarded = append(awarded, b)
		}
	}
	return awarded, nil
}

// Requirement says in words what earns a badge, for locked badges.
func Requirement(pack *lessons.Pack, rule lessons.BadgeRule) string {
	moduleTitle := func(id string) string {
		if m, ok := pack.Module(id); ok {
			return m.Title
		}
		return id
	}
	switch rule.Type {
	case lessons.RuleModuleComplete:
		return fmt.Sprintf("Complete every lesson in %q", moduleTitle(rule.Module))
	case lessons.RuleModuleQuizzes:
		return fmt.Sprintf("Score at least %d%% on every quiz in %q", rule.MinScore, moduleTitle(rule.Module))
	case lessons.RulePerfectScore:
		if l, ok := pack.Lesson(rule.Lesson); ok {
			return fmt.Sprintf("Score 100%% on the quiz for %q", l.Title)
		}
		return "Score 100% on any quiz"
	case lessons.RulePathComplete:
		if path, ok := pack.Path(rule.Path); ok {
			return fmt.Sprintf("Finish the path %q", path.Title)
		}
		return "Finish the " + string(rule.Path) + " path"
	case lessons.RuleStreak:
		return fmt.Sprintf("Learn on %d days in a row: complete a lesson, finish a quiz or review 5 cards each day", rule.Days)
	default:
		return "Not available"
	}
}
