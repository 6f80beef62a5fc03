package xapi

import (
	"slices"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// requiredModule is the result extensions of a lesson's completion that
// completes a module required for the learner's role: the module's id
// and, when its completions expire, until when this one is valid (the
// completion's time plus the renewal period, as internal/compliance
// counts it). It is nil for any other completion. It uses only the event
// (the learner's role and the lessons of the pack they have completed,
// which the store puts in it) and the pack in memory.
func requiredModule(k lessonRef, ev progress.Event) map[string]any {
	if k.pack == nil {
		return nil
	}
	for _, r := range k.pack.Requirements() {
		if !r.For(lessons.Audience(ev.Role)) || !moduleHas(k.pack, r.Module, k.lesson) {
			continue
		}
		if !moduleDone(k.pack, r.Module, ev.Completed) {
			return nil
		}
		ext := map[string]any{ExtRequiredModule: r.Module.ID}
		if r.RenewMonths > 0 {
			ext[ExtValidUntil] = ev.At.AddDate(0, r.RenewMonths, 0).UTC().Format(time.RFC3339)
		}
		return ext
	}
	return nil
}

// moduleHas reports whether lesson is one of module m's lessons.
func moduleHas(p *lessons.Pack, m *lessons.Module, lesson string) bool {
	return slices.ContainsFunc(p.LessonsOf(m), func(l *lessons.Lesson) bool { return l.ID == lesson })
}

// moduleDone reports whether every lesson of module m is completed.
func moduleDone(p *lessons.Pack, m *lessons.Module, completed []string) bool {
	ls := p.LessonsOf(m)
	return len(ls) > 0 && !slices.ContainsFunc(ls, func(l *lessons.Lesson) bool { return !slices.Contains(completed, l.ID) })
}
