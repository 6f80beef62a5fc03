package lessons

import "time"

// Pack is a loaded, valid lesson pack. Its text fields are sanitised: they
// hold no control characters or escape sequences.
type Pack struct {
	Format   int
	ID       string
	Title    string
	Version  string
	Language string
	Authors  []string
	Licence  string
	Summary  string
	Modules  []Module
	Paths    []Path
	Badges   []Badge
	// Typos is the pack's rule for slips of spelling in text answers:
	// TyposStrict, or TyposInherit (forgive) when the pack says nothing.
	Typos Typos
	// Warnings lists problems that do not make the pack invalid.
	Warnings []Problem

	lessons map[string]*Lesson
}

// Module is an ordered group of lessons.
type Module struct {
	ID        string
	Title     string
	Summary   string
	LessonIDs []string
	// Required is nil unless the module itself is marked required; see
	// [Pack.Requirements] for what paths add.
	Required *Required
}

// Audience is who a learning path is for.
type Audience string

// The audiences a path may be written for, which are also the roles a
// learner picks.
const (
	Staff    Audience = "staff"
	Graduate Audience = "graduate"
	Manager  Audience = "manager"
)

// Audiences lists every audience in the order they are offered to learners.
var Audiences = []Audience{Staff, Graduate, Manager}

// Label is the audience's name as learners read it.
func (a Audience) Label() string {
	switch a {
	case Staff:
		return "Council staff"
	case Graduate:
		return "Graduate"
	case Manager:
		return "Manager"
	default:
		return string(a)
	}
}

// Valid reports whether a is one of [Audiences].
func (a Audience) Valid() bool {
	for _, known := range Audiences {
		if a == known {
			return true
		}
	}
	return false
}

// Path is the ordered list of modules one audience works through.
type Path struct {
	Audience  Audience
	Title     string
	ModuleIDs []string
	// Required is nil unless every module of the path is required for
	// the path's audience.
	Required *Required
}

// Badge is an award and the rule that earns it.
type Badge struct {
	ID          string
	Title       string
	Description string
	Rule        BadgeRule
}

// RuleType names what a badge rule checks.
type RuleType string

// The badge rule types of format version 1.
const (
	RuleModuleComplete RuleType = "module_complete"
	RuleModuleQuizzes  RuleType = "module_quizzes"
	RulePerfectScore   RuleType = "perfect_score"
	RulePathComplete   RuleType = "path_complete"
	RuleStreak         RuleType = "streak"
)

// BadgeRule says what earns a badge. Which fields are set depends on Type.
type BadgeRule struct {
	Type     RuleType
	Module   string   // module_complete, module_quizzes
	MinScore int      // module_quizzes: per cent, 1 to 100
	Lesson   string   // perfect_score: empty means any quiz
	Path     Audience // path_complete
	Days     int      // streak: days in a row, 2 to 365
}

// Lesson is one lesson: its metadata, Markdown body and optional quiz.
type Lesson struct {
	ID         string
	Title      string
	Minutes    int
	Objectives []string
	Sources    []Source
	Body       string // Markdown, sanitised with termsafe.Markdown
	Quiz       *Quiz  // nil when the lesson has no quiz
	ModuleID   string // the module the lesson belongs to
	File       string // path of the lesson file inside the pack
	// Reviewed is the day the lesson's facts were last checked, and
	// ReviewBy the day by which they should be checked again, each at
	// midnight UTC; either is zero when the lesson does not say.
	Reviewed time.Time
	ReviewBy time.Time
}

// Source is where a lesson's facts come from.
type Source struct {
	Title   string
	URL     string
	Checked time.Time
}

// Quiz is the set of questions that follows a lesson.
type Quiz struct {
	PassMark         int // per cent, 1 to 100
	ShuffleQuestions bool
	// ShuffleChoices shuffles the choices of single- and multiple-choice
	// questions on each attempt; it is true unless the quiz sets
	// shuffle_choices: false. A question's own shuffle overrides it.
	ShuffleChoices bool
	// Typos is the quiz's rule for slips of spelling, TyposInherit when
	// it follows the pack.
	Typos Typos
	// Questions holds the questions written in the lesson, then those
	// read from Bank.
	Questions []Question
	// Bank is the question bank (GIFT or Aiken) the quiz also draws on,
	// as a path in the pack, and BankCategory the GIFT category within
	// it, if only one; both empty when the quiz has no bank.
	Bank         string
	BankCategory string
	bankLine     int // where bank is written, for messages
}

// Question returns the question with the given id.
func (q *Quiz) Question(id string) (*Question, bool) {
	for i := range q.Questions {
		if q.Questions[i].ID == id {
			return &q.Questions[i], true
		}
	}
	return nil, false
}

// Passed reports whether a score in per cent meets the pass mark.
func (q *Quiz) Passed(percent int) bool { return percent >= q.PassMark }

// Lesson returns the lesson with the given id.
func (p *Pack) Lesson(id string) (*Lesson, bool) {
	l, ok := p.lessons[id]
	return l, ok
}

// Module returns the module with the given id.
func (p *Pack) Module(id string) (*Module, bool) {
	for i := range p.Modules {
		if p.Modules[i].ID == id {
			return &p.Modules[i], true
		}
	}
	return nil, false
}

// Path returns the learning path for an audience.
func (p *Pack) Path(a Audience) (*Path, bool) {
	for i := range p.Paths {
		if p.Paths[i].Audience == a {
			return &p.Paths[i], true
		}
	}
	return nil, false
}

// ModulesFor returns the modules of the audience's path in order, or every
// module in manifest order when the pack has no path for the audience.
func (p *Pack) ModulesFor(a Audience) []*Module {
	path, ok := p.Path(a)
	if !ok {
		all := make([]*Module, len(p.Modules))
		for i := range p.Modules {
			all[i] = &p.Modules[i]
		}
		return all
	}
	mods := make([]*Module, 0, len(path.ModuleIDs))
	for _, id := range path.ModuleIDs {
		if m, ok := p.Module(id); ok {
			mods = append(mods, m)
		}
	}
	return mods
}

// LessonsOf returns a module's lessons in order.
func (p *Pack) LessonsOf(m *Module) []*Lesson {
	out := make([]*Lesson, 0, len(m.LessonIDs))
	for _, id := range m.LessonIDs {
		if l, ok := p.lessons[id]; ok {
			out = append(out, l)
		}
	}
	return out
}

// LessonCount is the number of lessons in the pack.
func (p *Pack) LessonCount() int { return len(p.lessons) }

// QuestionCount is the number of quiz questions in the pack.
func (p *Pack) QuestionCount() int {
	n := 0
	for _, l := range p.lessons {
		if l.Quiz != nil {
			n += len(l.Quiz.Questions)
		}
	}
	return n
}
