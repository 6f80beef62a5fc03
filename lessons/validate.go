package lessons

import "fmt"

// validate checks everything that spans files: lesson ids against the
// modules that name them, modules against paths, and badge rules against
// all of these. It returns the pack's lessons by id. unread holds the
// lesson files that could not be read, by the id they seem to hold: a
// module naming one of those has its problem reported at that file
// already.
func validate(m *manifest, files []*lessonAt, unread unreadLessons, ps *problems) map[string]*Lesson {
	lessons := map[string]*Lesson{}
	where := map[string]*lessonAt{}
	for _, at := range files {
		id := at.lesson.ID
		if id == "" {
			continue
		}
		if first, dup := where[id]; dup {
			ps.errorf(at.lesson.File, at.idLine, "duplicate lesson id %q (also in %s:%d)", id, first.lesson.File, first.idLine)
			continue
		}
		where[id] = at
		lessons[id] = at.lesson
		if q := at.lesson.Quiz; q != nil && len(q.Questions) == 1 {
			ps.warnf(at.lesson.File, at.quizLine, "the quiz has only one question")
		}
	}

	named := map[string]ref{}
	for _, r := range m.lessonRefs {
		l, ok := lessons[r.id]
		switch {
		case !ok && unread[r.id] != "":
			ps.warnf(ManifestFile, r.line, "module %q names lesson %q, which could not be read because of the problem in %s", r.ctx, r.id, unread[r.id])
		case !ok:
			ps.errorf(ManifestFile, r.line, "module %q names lesson %q but no lesson has that id", r.ctx, r.id)
		case named[r.id].id != "":
			ps.errorf(ManifestFile, r.line, "lesson %q is in module %q and again in module %q (line %d); a lesson belongs to one module", r.id, named[r.id].ctx, r.ctx, named[r.id].line)
		default:
			named[r.id] = r
			l.ModuleID = r.ctx
		}
	}
	for _, at := range files {
		if id := at.lesson.ID; id != "" && where[id] == at && named[id].id == "" {
			ps.errorf(at.lesson.File, at.idLine, "lesson %q is not in any module; add it to a module's lessons in %s", id, ManifestFile)
		}
	}
	for _, r := range m.pathRefs {
		if _, ok := m.moduleLines[r.id]; !ok {
			ps.errorf(ManifestFile, r.line, "%s names module %q but the pack has no module with that id", r.ctx, r.id)
		}
	}
	for _, b := range m.badgeRules {
		if !namesUnread(m, b, unread) {
			checkRule(m, b, lessons, ps)
		}
	}
	checkRequired(m, ps)
	return lessons
}

// checkRule reports a badge rule that names something the pack does not
// have, or that could never be met.
func checkRule(m *manifest, b badgeRuleAt, lessons map[string]*Lesson, ps *problems) {
	ctx := fmt.Sprintf("badge %q rule", b.badge)
	rule := b.rule
	switch rule.Type {
	case RuleModuleComplete, RuleModuleQuizzes:
		if rule.Module == "" {
			return
		}
		mod, ok := m.pack.Module(rule.Module)
		if !ok {
			ps.errorf(ManifestFile, b.refs["module"], "%s names unknown module %q", ctx, rule.Module)
			return
		}
		if rule.Type == RuleModuleQuizzes && !hasQuiz(mod, lessons) {
			ps.errorf(ManifestFile, b.refs["module"], "%s: module %q has no quizzes, so the badge could never be earned", ctx, rule.Module)
		}
	case RulePerfectScore:
		if rule.Lesson == "" {
			if !anyQuiz(lessons) {
				ps.errorf(ManifestFile, b.line, "%s: the pack has no quizzes, so the badge could never be earned", ctx)
			}
			return
		}
		l, ok := lessons[rule.Lesson]
		switch {
		case !ok:
			ps.errorf(ManifestFile, b.refs["lesson"], "%s names unknown lesson %q", ctx, rule.Lesson)
		case l.Quiz == nil:
			ps.errorf(ManifestFile, b.refs["lesson"], "%s: lesson %q has no quiz, so the badge could never be earned", ctx, rule.Lesson)
		}
	case RulePathComplete:
		if rule.Path == "" {
			return
		}
		if _, ok := m.pack.Path(rule.Path); !ok {
			ps.errorf(ManifestFile, b.refs["path"], "%s names the %s path but the pack has no path for that audience", ctx, rule.Path)
		}
	}
}

// namesUnread reports whether a badge rule depends on a lesson file that
// could not be read: its problem is reported there, and what the rule
// would say about the lesson is unknown.
func namesUnread(m *manifest, b badgeRuleAt, unread unreadLessons) bool {
	if unread[b.rule.Lesson] != "" {
		return true
	}
	if mod, ok := m.pack.Module(b.rule.Module); ok {
		for _, id := range mod.LessonIDs {
			if unread[id] != "" {
				return true
			}
		}
	}
	return b.rule.Type == RulePerfectScore && b.rule.Lesson == "" && len(unread) > 0
}

func hasQuiz(mod *Module, lessons map[string]*Lesson) bool {
	for _, id := range mod.LessonIDs {
		if l, ok := lessons[id]; ok && l.Quiz != nil {
			return true
		}
	}
	return false
}

func anyQuiz(lessons map[string]*Lesson) bool {
	for _, l := range lessons {
		if l.Quiz != nil {
			return true
		}
	}
	return false
}
