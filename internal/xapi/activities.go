package xapi

import (
	"net/url"
	"strings"

	"github.com/upskill-council/upskill/lessons"
)

// The activity IRIs, all under the council's address (BASE):
//
//	BASE/packs/PACK                                  the pack (course)
//	BASE/packs/PACK/lessons/LESSON                   a lesson
//	BASE/packs/PACK/lessons/LESSON/quiz              its quiz (assessment)
//	BASE/packs/PACK/lessons/LESSON/questions/QUESTION a question (cmi.interaction)
//	BASE/packs/PACK/badges/BADGE                     a badge
//	BASE/review                                      the review of questions answered before
//
// Ids are path-escaped. They never change while the ids in the pack do
// not, so an LRS's reports follow a lesson or question across versions.

// IRIs builds a council's activity IRIs.
type IRIs struct{ Base string }

func (i IRIs) seg(parts ...string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(i.Base, "/"))
	for n, p := range parts {
		b.WriteByte('/')
		if n%2 == 1 {
			p = url.PathEscape(p)
		}
		b.WriteString(p)
	}
	return b.String()
}

// Pack is a pack's IRI.
func (i IRIs) Pack(pack string) string { return i.seg("packs", pack) }

// Lesson is a lesson's IRI.
func (i IRIs) Lesson(pack, lesson string) string { return i.seg("packs", pack, "lessons", lesson) }

// Quiz is a lesson's quiz's IRI.
func (i IRIs) Quiz(pack, lesson string) string { return i.Lesson(pack, lesson) + "/quiz" }

// Question is a question's IRI.
func (i IRIs) Question(pack, lesson, question string) string {
	return i.seg("packs", pack, "lessons", lesson, "questions", question)
}

// Badge is a badge's IRI.
func (i IRIs) Badge(pack, badge string) string { return i.seg("packs", pack, "badges", badge) }

// Review is the IRI of review sessions.
func (i IRIs) Review() string { return i.seg("review") }

// language is a pack's BCP 47 tag, or the default.
func language(p *lessons.Pack) string {
	if p == nil || p.Language == "" {
		return defaultLanguage
	}
	return p.Language
}

// text is a language map of one text, or nil when it is empty.
func text(lang, s string) LanguageMap {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return LanguageMap{lang: s}
}

// name is a language map for a name, falling back to the id when the
// pack is not known.
func name(lang, title, id string) LanguageMap {
	if m := text(lang, title); m != nil {
		return m
	}
	return LanguageMap{lang: id}
}

// packActivity is the pack, with its definition.
func (b *Builder) packActivity(pack string, p *lessons.Pack) Activity {
	lang := language(p)
	def := &Definition{Name: LanguageMap{lang: pack}, Type: TypeCourse}
	if p != nil {
		def.Name, def.Description = name(lang, p.Title, pack), text(lang, p.Summary)
	}
	return Activity{ObjectType: "Activity", ID: b.iris.Pack(pack), Definition: def}
}

// lessonActivity is a lesson, with its definition: its title, and its
// objectives as the description.
func (b *Builder) lessonActivity(k lessonRef) Activity {
	lang := language(k.pack)
	def := &Definition{Name: LanguageMap{lang: k.lesson}, Type: TypeLesson}
	if l := k.find(); l != nil {
		def.Name, def.Description = name(lang, l.Title, k.lesson), text(lang, strings.Join(l.Objectives, "; "))
	}
	return Activity{ObjectType: "Activity", ID: b.iris.Lesson(k.packID, k.lesson), Definition: def}
}

// quizActivity is a lesson's quiz.
func (b *Builder) quizActivity(k lessonRef) Activity {
	lang := language(k.pack)
	title := k.lesson
	if l := k.find(); l != nil && l.Title != "" {
		title = l.Title
	}
	def := &Definition{Name: LanguageMap{lang: "Quiz: " + title}, Type: TypeAssessment}
	if l := k.find(); l != nil && l.Quiz != nil {
		def.Description = LanguageMap{lang: quizDescription(l.Quiz)}
	}
	return Activity{ObjectType: "Activity", ID: b.iris.Quiz(k.packID, k.lesson), Definition: def}
}

// badgeActivity is a badge, with its title and description.
func (b *Builder) badgeActivity(pack, badge string, p *lessons.Pack) Activity {
	lang := language(p)
	def := &Definition{Name: LanguageMap{lang: badge}, Type: TypeBadge}
	if p != nil {
		for _, bd := range p.Badges {
			if bd.ID == badge {
				def.Name, def.Description = name(lang, bd.Title, badge), text(lang, bd.Description)
			}
		}
	}
	return Activity{ObjectType: "Activity", ID: b.iris.Badge(pack, badge), Definition: def}
}

// reviewActivity is the review of questions answered before.
func (b *Builder) reviewActivity() Activity {
	return Activity{ObjectType: "Activity", ID: b.iris.Review(), Definition: &Definition{
		Name:        LanguageMap{defaultLanguage: "Review"},
		Description: LanguageMap{defaultLanguage: "Questions answered before, asked again when they are due"},
		Type:        TypeAssessment,
	}}
}

// lessonRef is a lesson's ids with its pack, when the pack is known.
type lessonRef struct {
	packID, lesson string
	pack           *lessons.Pack
}

func (k lessonRef) find() *lessons.Lesson {
	if k.pack == nil {
		return nil
	}
	l, _ := k.pack.Lesson(k.lesson)
	return l
}
