package lessons

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestValidPackLoads proves that the pack the validation tests mutate is
// valid, so that every problem they find comes from their mutation, and
// that Load decodes every field of it.
func TestValidPackLoads(t *testing.T) {
	p := mustLoad(t, validPack())
	// The second lesson deliberately has no sources: a warning, not an error.
	if len(p.Warnings) != 1 || p.Warnings[0].String() != "lessons/second-lesson.md:2: warning: the lesson has no sources: say where its facts come from" {
		t.Errorf("warnings: %v", p.Warnings)
	}
	if p.Format != 1 || p.ID != "test-pack" || p.Title != "Test pack" || p.Version != "1.0.0" ||
		p.Language != "en-GB" || p.Licence != "OGL-UK-3.0" || p.Summary != "A small pack for tests." ||
		len(p.Authors) != 1 || p.Authors[0] != "Test team" {
		t.Errorf("pack fields: %+v", p)
	}
	if len(p.Modules) != 2 || len(p.Paths) != 2 || len(p.Badges) != 4 || p.LessonCount() != 2 || p.QuestionCount() != 5 {
		t.Fatalf("counts: %d modules, %d paths, %d badges, %d lessons, %d questions",
			len(p.Modules), len(p.Paths), len(p.Badges), p.LessonCount(), p.QuestionCount())
	}
	wantRules := []BadgeRule{
		{Type: RuleModuleComplete, Module: "basics"},
		{Type: RuleModuleQuizzes, Module: "basics", MinScore: 80},
		{Type: RulePerfectScore, Lesson: "first-lesson"},
		{Type: RulePathComplete, Path: Staff},
	}
	for i, b := range p.Badges {
		if b.Rule != wantRules[i] {
			t.Errorf("badge %s rule = %+v, want %+v", b.ID, b.Rule, wantRules[i])
		}
	}
	if mods := p.ModulesFor(Manager); len(mods) != 1 || mods[0].ID != "more" {
		t.Errorf("ModulesFor(manager) = %v", mods)
	}
	if mods := p.ModulesFor(Graduate); len(mods) != 2 {
		t.Errorf("ModulesFor(graduate) without a path = %d modules, want all 2", len(mods))
	}

	first, ok := p.Lesson("first-lesson")
	if !ok {
		t.Fatal("no first-lesson")
	}
	if first.ModuleID != "basics" || first.File != firstFile || first.Minutes != 5 || first.Title != "First lesson" {
		t.Errorf("first lesson: %+v", first)
	}
	if len(first.Sources) != 1 || first.Sources[0].Checked != time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) ||
		!strings.HasPrefix(first.Sources[0].URL, "https://www.ncsc.gov.uk/") {
		t.Errorf("sources: %+v", first.Sources)
	}
	if !strings.HasPrefix(first.Body, "## Why it matters\n") {
		t.Errorf("body starts %q", first.Body[:min(len(first.Body), 30)])
	}
	q := first.Quiz
	if q == nil || q.PassMark != 60 || q.ShuffleQuestions || !q.ShuffleChoices || len(q.Questions) != 3 {
		t.Fatalf("first quiz: %+v", q)
	}
	tf, ok := q.Question("is-it")
	if !ok || tf.Type != TrueFalse || len(tf.Choices) != 2 ||
		tf.Choices[0] != (Choice{Text: "True", Feedback: "It is false."}) ||
		tf.Choices[1] != (Choice{Text: "False", Correct: true, Weight: 1}) {
		t.Errorf("true_false question: %+v", tf)
	}
	second, _ := p.Lesson("second-lesson")
	num, ok := second.Quiz.Question("how-many")
	if !ok || num.Type != NumberAnswer || len(num.Numbers) != 1 || num.Numbers[0].Value != 72 || num.Numbers[0].Tolerance != 1 || num.Unit != "hours" {
		t.Errorf("number question: %+v", num)
	}
	text, ok := second.Quiz.Question("type-it")
	if !ok || text.Type != TextAnswer || len(text.Accept) != 2 || text.WrongFeedback != "It is Cymraeg." {
		t.Errorf("text question: %+v", text)
	}
	types := map[QuestionType]bool{}
	for _, l := range []*Lesson{first, second} {
		for _, q := range l.Quiz.Questions {
			types[q.Type] = true
		}
	}
	if len(types) != 5 {
		t.Errorf("the valid pack covers %d question types, want 5", len(types))
	}
}

// validationCase mutates the valid pack into one with a single kind of
// error and says where Load must report it.
type validationCase struct {
	name   string
	mutate func(t testing.TB, fsys fstest.MapFS)
	file   string
	line   int
	msg    string
}

func editCase(name, file, old, new string, line int, msg string) validationCase {
	return validationCase{name, func(t testing.TB, fsys fstest.MapFS) { edit(t, fsys, file, old, new) }, file, line, msg}
}

// lessonWith returns a valid lesson file with the given quiz questions
// (YAML, indented for the questions list).
func lessonWith(id, questions string) string {
	return "---\nid: " + id + "\ntitle: Generated\nminutes: 3\nobjectives: [Learn]\nquiz:\n  pass_mark: 50\n  questions:\n" +
		questions + "---\nText.\n"
}

func singleQuestion(id string, choices int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "    - id: %s\n      type: single\n      prompt: Pick\n      explanation: Why\n      choices:\n", id)
	for i := range choices {
		fmt.Fprintf(&b, "        - text: Choice %d\n", i)
		if i == 0 {
			b.WriteString("          correct: true\n")
		}
	}
	return b.String()
}

const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

func validationCases() []validationCase {
	const m = ManifestFile
	nested9 := "- 1\n  - 2\n    - 3\n      - 4\n        - 5\n          - 6\n            - 7\n              - 8\n                - 9\n"
	return []validationCase{
		// Unknown fields, with suggestions.
		editCase("unknown field in manifest", m, "licence: OGL-UK-3.0\n", "licence: OGL-UK-3.0\nsumary: typo\n", 9, `unknown field "sumary" (did you mean "summary"?)`),
		editCase("unknown field in lesson", firstFile, "minutes: 5\n", "minutes: 5\ntitel: typo\n", 5, `unknown field "titel" (did you mean "title"?)`),
		editCase("unknown field in question", firstFile, "wrong_feedback: It is false.", "wrong_feedbak: It is false.", 39, `question "is-it": unknown field "wrong_feedbak" (did you mean "wrong_feedback"?)`),
		editCase("unknown field in choice", firstFile, "text: Right answer\n          correct: true", "text: Right answer\n          corect: true", 22, `question "pick-one", choice 2: unknown field "corect" (did you mean "correct"?)`),
		editCase("unknown field in module", m, "    summary: The first module.\n", "    summary: The first module.\n    lesons: [x]\n", 14, `module "basics": unknown field "lesons" (did you mean "lessons"?)`),
		editCase("unknown field in badge rule", m, "      min_score: 80\n", "      min_scor: 80\n", 41, `unknown field "min_scor" (did you mean "min_score"?)`),
		editCase("unknown field without a suggestion", m, "licence: OGL-UK-3.0\n", "licence: OGL-UK-3.0\nzzzzzzzzzz: x\n", 9, `unknown field "zzzzzzzzzz"`),

		// YAML structure.
		editCase("duplicate key", m, "title: Test pack\n", "title: Test pack\ntitle: Again\n", 4, `duplicate key "title" (first on line 3)`),
		editCase("duplicate key in question", firstFile, "      prompt: Which is right?\n", "      prompt: Which is right?\n      prompt: Again?\n", 18, `duplicate key "prompt" (first on line 17)`),
		editCase("missing required field in manifest", m, "licence: OGL-UK-3.0\n", "", 1, `missing required field "licence"`),
		editCase("missing required field in lesson", firstFile, "minutes: 5\n", "", 2, `missing required field "minutes"`),
		editCase("missing required field in question", firstFile, "      explanation: Because it is.\n", "", 15, `question "pick-one": missing required field "explanation"`),
		editCase("missing required field in choice", firstFile, "        - text: Wrong answer\n          feedback: Not this one.\n", "        - feedback: Not this one.\n", 19, `missing required field "text"`),
		editCase("field with no value", firstFile, "title: First lesson\n", "title:   # nothing\n", 3, `"title" has no value`),
		editCase("field with blank text", m, "summary: A small pack for tests.\n", "summary: \"  \"\n", 9, `"summary" has no value`),
		editCase("text where a number is needed", firstFile, "minutes: 5\n", "minutes: five\n", 4, `"minutes" must be a whole number, found "five"`),
		editCase("fraction where a whole number is needed", firstFile, "pass_mark: 60\n", "pass_mark: 60.5\n", 12, `"pass_mark" must be a whole number, found "60.5"`),
		editCase("number where true/false is needed", firstFile, "text: Right answer\n          correct: true", "text: Right answer\n          correct: 1", 22, `"correct" must be true or false, found "1"`),
		editCase("yes is not true/false", firstFile, "shuffle_choices: true", "shuffle_choices: yes", 13, `"shuffle_choices" must be true or false, found "yes"`),
		editCase("explicit bool tag on yes", firstFile, "shuffle_choices: true", "shuffle_choices: !!bool yes", 13, `"shuffle_choices" must be true or false, found "yes"`),
		editCase("explicit int tag on text", firstFile, "minutes: 5\n", "minutes: !!int five\n", 4, `"minutes" must be a whole number, found "five"`),
		editCase("mapping where a list is needed", firstFile, "objectives:\n  - Know the first thing\n", "objectives:\n  first: thing\n", 6, `"objectives" must be a list, found a set of fields`),
		editCase("text where a list is needed", m, "authors:\n  - Test team\n", "authors: Test team\n\n", 6, `"authors" must be a list, found "Test team"`),
		editCase("list where text is needed", firstFile, "title: First lesson\n", "title: [First, lesson]\n", 3, `"title" must be text, found a list`),
		editCase("empty list", firstFile, "objectives:\n  - Know the first thing\n", "objectives: []\n\n", 5, `"objectives" is an empty list`),
		editCase("list where a mapping is needed", m, "    rule:\n      type: module_complete\n      module: basics\n", "    rule: [module_complete, basics]\n\n\n", 32, `badge "basics-done" rule: expected a set of fields (name: value), found a list`),
		{"front matter is not a mapping", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, "---\n- just\n- a list\n---\nText.\n")
		}, firstFile, 2, `expected a set of fields (name: value), found a list`},
		{"empty front matter", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, "---\n# only a comment\n---\nText.\n")
		}, firstFile, 2, `the YAML is empty`},

		// Values.
		editCase("invalid slug id", firstFile, "id: first-lesson\n", "id: First_Lesson\n", 2, `"First_Lesson" is not a valid id`),
		editCase("slug with a leading hyphen", m, "  - id: basics\n", "  - id: -basics\n", 11, `"-basics" is not a valid id`),
		editCase("slug too long", m, "id: test-pack\n", "id: "+strings.Repeat("a", 65)+"\n", 2, `is not a valid id`),
		editCase("bad semver version", m, "version: 1.0.0\n", "version: \"1.0\"\n", 4, `version "1.0" is not a semantic version`),
		editCase("semver with a leading v", m, "version: 1.0.0\n", "version: v1.0.0\n", 4, `version "v1.0.0" is not a semantic version`),
		editCase("bad language tag", m, "language: en-GB\n", "language: english\n", 5, `language "english" is not a BCP 47 language tag`),
		editCase("format 2", m, "format: 1\n", "format: 2\n", 1, `format 2 needs a newer version of Upskill`),
		editCase("format 0", m, "format: 1\n", "format: 0\n", 1, `format must be 1`),
		editCase("title too long", firstFile, "title: First lesson\n", "title: "+strings.Repeat("x", 201)+"\n", 3, `"title" is longer than 200 characters`),
		editCase("minutes 0", firstFile, "minutes: 5\n", "minutes: 0\n", 4, `minutes must be between 1 and 240, found 0`),
		editCase("minutes 241", firstFile, "minutes: 5\n", "minutes: 241\n", 4, `minutes must be between 1 and 240, found 241`),
		editCase("bad source url", firstFile, "    url: https://www.ncsc.gov.uk/", "    url: ftp://www.ncsc.gov.uk/", 9, `source 1: url must start with https:// or http://, found "ftp://`),
		editCase("javascript source url", firstFile, "    url: https://www.ncsc.gov.uk/", "    url: javascript:alert(1)//www.ncsc.gov.uk/", 9, `url must start with https:// or http://`),
		editCase("source url with a space", firstFile, "    url: https://www.ncsc.gov.uk/", "    url: https://www.ncsc.gov.uk/a b/", 9, `url must not contain spaces`),
		editCase("bad checked date", firstFile, "checked: 2026-11-01", "checked: 01/11/2026", 10, `checked must be a date written YYYY-MM-DD, found "01/11/2026"`),
		editCase("impossible checked date", firstFile, "checked: 2026-11-01", "checked: 2026-02-30", 10, `checked must be a date written YYYY-MM-DD`),

		// Identity and cross-references.
		editCase("duplicate module id", m, "  - id: more\n", "  - id: basics\n", 16, `duplicate module id "basics" (first on line 11)`),
		editCase("duplicate lesson id", secondFile, "id: second-lesson\n", "id: first-lesson\n", 2, `duplicate lesson id "first-lesson" (also in lessons/first-lesson.md:2)`),
		editCase("duplicate question id", firstFile, "    - id: pick-many\n", "    - id: pick-one\n", 24, `duplicate question id "pick-one" (first on line 15)`),
		editCase("duplicate badge id", m, "  - id: sharp\n", "  - id: basics-done\n", 35, `duplicate badge id "basics-done" (first on line 29)`),
		editCase("module names a missing lesson", m, "      - second-lesson\n", "      - second-lesson\n      - ghost-lesson\n", 21, `module "more" names lesson "ghost-lesson" but no lesson has that id`),
		editCase("lesson in two modules", m, "      - second-lesson\n", "      - second-lesson\n      - first-lesson\n", 21, `lesson "first-lesson" is in module "basics" and again in module "more" (line 15)`),
		{"lesson in no module", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, "lessons/extra.md", "---\ntitle: Extra\nid: extra-lesson\nminutes: 1\nobjectives: [x]\n---\nText.\n")
		}, "lessons/extra.md", 3, `lesson "extra-lesson" is not in any module`},
		editCase("path names an unknown module", m, "modules: [basics, more]", "modules: [basics, ghost]", 24, `path "staff" names module "ghost" but the pack has no module with that id`),
		editCase("two paths for one audience", m, "audience: manager", "audience: staff", 25, `a second path for audience "staff" (the first is on line 22)`),
		editCase("unknown audience", m, "audience: manager", "audience: boss", 25, `"audience" must be one of staff, graduate or manager, found "boss"`),

		// Badge rules.
		editCase("rule with an unknown type", m, "type: module_complete", "type: module_finished", 33, `unknown rule type "module_finished"`),
		editCase("rule missing a needed field", m, "      type: module_complete\n      module: basics\n", "      type: module_complete\n\n", 33, `badge "basics-done" rule: rule type module_complete needs the field "module"`),
		editCase("module_quizzes missing min_score", m, "      min_score: 80\n", "\n", 39, `rule type module_quizzes needs the field "min_score"`),
		editCase("rule field that does not apply", m, "      type: path_complete\n", "      type: path_complete\n      module: basics\n", 53, `field "module" does not apply to rule type path_complete`),
		editCase("rule names an unknown module", m, "      type: module_complete\n      module: basics\n", "      type: module_complete\n      module: ghost\n", 34, `badge "basics-done" rule names unknown module "ghost"`),
		editCase("rule names an unknown lesson", m, "lesson: first-lesson", "lesson: ghost-lesson", 47, `badge "flawless" rule names unknown lesson "ghost-lesson"`),
		editCase("rule names a path the pack lacks", m, "path: staff", "path: graduate", 53, `badge "staff-done" rule names the graduate path but the pack has no path for that audience`),
		editCase("rule names an unknown audience", m, "path: staff", "path: everyone", 53, `"path" must be one of staff, graduate or manager, found "everyone"`),
		{"module_quizzes on a module without quizzes", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, secondFile, secondLessonNoQuiz)
			edit(t, fsys, m, "      module: basics\n      min_score", "      module: more\n      min_score")
		}, m, 40, `badge "sharp" rule: module "more" has no quizzes, so the badge could never be earned`},
		{"perfect_score on a lesson without a quiz", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, firstLessonNoQuiz)
		}, m, 47, `badge "flawless" rule: lesson "first-lesson" has no quiz, so the badge could never be earned`},
		{"perfect_score with no quizzes in the pack", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, firstLessonNoQuiz)
			setFile(fsys, secondFile, secondLessonNoQuiz)
			edit(t, fsys, m, "      lesson: first-lesson\n", "\n")
		}, m, 46, `badge "flawless" rule: the pack has no quizzes, so the badge could never be earned`},
		editCase("min_score 0", m, "min_score: 80", "min_score: 0", 41, `min_score must be between 1 and 100, found 0`),
		editCase("min_score 101", m, "min_score: 80", "min_score: 101", 41, `min_score must be between 1 and 100, found 101`),

		// Quizzes and questions.
		editCase("pass_mark 0", firstFile, "pass_mark: 60", "pass_mark: 0", 12, `quiz: pass_mark must be between 1 and 100, found 0`),
		editCase("pass_mark 101", firstFile, "pass_mark: 60", "pass_mark: 101", 12, `quiz: pass_mark must be between 1 and 100, found 101`),
		{"too many questions", func(t testing.TB, fsys fstest.MapFS) {
			var qs strings.Builder
			for i := range 101 {
				qs.WriteString(singleQuestion(fmt.Sprintf("q%d", i), 2))
			}
			setFile(fsys, firstFile, lessonWith("first-lesson", qs.String()))
		}, firstFile, 9, `a quiz may have at most 100 questions, found 101`},
		{"too many choices", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, lessonWith("first-lesson", singleQuestion("q1", 11)))
		}, firstFile, 14, `question "q1": a question may have at most 10 choices, found 11`},
		editCase("unknown question type", firstFile, "type: single", "type: essay", 16, `question "pick-one": unknown question type "essay"`),
		editCase("field that does not apply to the type", firstFile, "      answer: false\n", "      answer: false\n      choices: [{text: a}, {text: b}]\n", 39, `question "is-it": field "choices" does not apply to a true_false question`),
		editCase("accept on a single question", firstFile, "      prompt: Which is right?\n", "      prompt: Which is right?\n      accept: [x]\n", 18, `field "accept" does not apply to a single question`),
		editCase("text question without accept", secondFile, "      accept:\n        - Cymraeg\n        - Welsh language\n", "", 10, `question "type-it": a text question needs the field "accept"`),
		editCase("true_false without answer", firstFile, "      answer: false\n", "", 35, `a true_false question needs the field "answer"`),
		editCase("number question without answer", secondFile, "      answer: 72\n", "", 18, `a number question needs the field "answer"`),
		editCase("single choice with 0 correct", firstFile, "text: Right answer\n          correct: true\n", "text: Right answer\n", 19, `question "pick-one": a single-choice question needs exactly one correct choice, found 0`),
		editCase("single choice with 2 correct", firstFile, "          feedback: Not this one.\n", "          correct: true\n", 19, `a single-choice question needs exactly one correct choice, found 2`),
		editCase("multiple with 0 correct", firstFile, "        - text: Yes one\n          correct: true\n        - text: Yes two\n          correct: true\n", "        - text: Yes one\n        - text: Yes two\n", 28, `question "pick-many": a multiple-choice question needs at least one correct choice, found 0`),
		editCase("fewer than 2 choices", firstFile, "        - text: Wrong answer\n          feedback: Not this one.\n", "", 19, `a single question needs at least 2 choices, found 1`),
		editCase("duplicate choice text", firstFile, "text: Wrong answer", "text: \" right ANSWER\"", 21, `question "pick-one", choice 2: the same text as choice 1`),
		editCase("duplicate accepted answer", secondFile, "        - Welsh language\n", "        - \"  CYMRAEG \"\n", 15, `accepted answer "  CYMRAEG " is listed twice`),
		editCase("negative tolerance", secondFile, "tolerance: 1", "tolerance: -1", 22, `question "how-many": tolerance must not be negative, found -1`),
		editCase("number answer that is not a number", secondFile, "answer: 72", "answer: seventy", 21, `"answer" must be a number, found "seventy"`),
		editCase("number answer that is infinite", secondFile, "answer: 72", "answer: .inf", 21, `"answer" must be a number, found ".inf"`),
		editCase("question with an invalid id", firstFile, "    - id: pick-one\n", "    - id: Pick One\n", 15, `"Pick One" is not a valid id`),

		// Lesson file structure.
		{"no front matter", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, strings.TrimPrefix(firstLesson, "---\n"))
		}, firstFile, 1, `lesson file has no front matter`},
		{"unclosed front matter", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, strings.Replace(firstLesson, "---\n## Why", "## Why", 1))
		}, firstFile, 1, `the front matter is not closed`},
		{"empty body", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, secondFile, secondLesson[:strings.Index(secondLesson, "## Second")]+"\n  \n")
		}, secondFile, 25, `the lesson has no text after its front matter`},
		{"file ending at the closing ---", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, secondFile, secondLesson[:strings.Index(secondLesson, "\n## Second")])
		}, secondFile, 25, `the lesson has no text after its front matter`},
		{"front matter over the limit", func(t testing.TB, fsys fstest.MapFS) {
			edit(t, fsys, firstFile, "  - Know the first thing\n", "  - Know the first thing\n  - "+strings.Repeat("long ", 14000)+"\n")
		}, firstFile, 1, `the front matter is 69.3 KiB; the limit for front matter is 64 KiB`},

		// YAML syntax and hostile YAML.
		editCase("YAML syntax error in manifest", m, "title: Test pack\n", "title: Test: pack\n", 3, `YAML syntax error: mapping values are not allowed in this context`),
		editCase("YAML syntax error in lesson", firstFile, "minutes: 5\n", "minutes: 5\nminutes 6\n", 5, `YAML syntax error: could not find expected ':'`),
		editCase("YAML parser error in lesson", firstFile, "minutes: 5\n", "minutes: [5\n", 4, `YAML syntax error: did not find expected ',' or ']'`),
		editCase("YAML parser error in manifest", m, "licence: OGL-UK-3.0\n", "licence: OGL-UK-3.0\n- stray\n", 9, `YAML syntax error: did not find expected key`),
		{"YAML ending inside a flow mapping", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, m, "{")
		}, m, 1, `YAML syntax error: did not find expected node content`},
		{"YAML ending inside a flow sequence", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, m, "format: 1\nid: [a,\n")
		}, m, 2, `YAML syntax error: did not find expected node content`},
		editCase("unclosed quote", firstFile, "title: First lesson\n", "title: 'First lesson\n", 3, `YAML syntax error: found unexpected end of stream`),
		editCase("YAML anchor in lesson", firstFile, "title: First lesson\n", "title: &t First lesson\n", 3, `YAML anchors and aliases (& and *) are not allowed`),
		editCase("YAML alias in manifest", m, "licence: OGL-UK-3.0\n", "licence: &l OGL-UK-3.0\nsummary2: *l\n", 8, `YAML anchors and aliases`),
		{"billion laughs", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, m, billionLaughs)
		}, m, 1, `YAML anchors and aliases (& and *) are not allowed`},
		{"two YAML documents in the manifest", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, m, validManifest+"---\nid: another\n")
		}, m, 54, `only one YAML document is allowed here`},

		// Unsafe text.
		editCase("ESC in a lesson title", firstFile, "title: First lesson\n", "title: First \x1b]0;x\x07lesson\n", 3, `contains the control character U+001B`),
		editCase("ESC in the manifest", m, "summary: A small pack for tests.\n", "summary: A small \x1b[2J pack.\n", 9, `contains the control character U+001B`),
		editCase("escaped ESC in a title", firstFile, "title: First lesson\n", "title: \"First \\e[31mlesson\"\n", 3, `"title" contains the control character U+001B; remove it`),
		editCase("U+202E in a title", firstFile, "title: First lesson\n", "title: First \u202elesson\n", 3, `"title" contains the control character U+202E; remove it`),
		editCase("C1 CSI in a choice", firstFile, "text: Wrong answer", "text: Wrong \u009b2J answer", 19, `contains the control character U+009B`),
		editCase("carriage return in feedback", firstFile, "feedback: Not this one.", "feedback: \"Not this\\rone.\"", 20, `"feedback" contains the control character U+000D`),
		editCase("zero-width space in an objective", firstFile, "  - Know the first thing\n", "  - Know the\u200bfirst thing\n", 6, `"objectives" contains the control character U+200B`),
		editCase("lone CR in the front matter", firstFile, "title: First lesson\n", "title: First\rlesson\n", 3, `the YAML contains the control character U+000D`),
		editCase("NEL in the manifest", m, "summary: A small pack for tests.\n", "summary: A small\u0085pack.\n", 9, `the YAML contains the control character U+0085`),
		editCase("line separator in a title", firstFile, "title: First lesson\n", "title: First\u2028lesson\n", 3, `the YAML contains the line separator U+2028`),
		editCase("line separator before an unknown field", m, "summary: A small pack for tests.\n", "summary: \"A small\u2029pack.\"\n", 9, `line separator U+2029`),
		editCase("ESC in the body", firstFile, "Some text with", "Some \x1b[31mtext with", 44, `the lesson text contains the control character U+001B; remove it`),
		editCase("U+202E in the body", firstFile, "> A quote", "> A \u202equote", 46, `the lesson text contains the control character U+202E; remove it`),
		editCase("lone CR in the body", firstFile, "- a list\n", "- a\rlist\n", 48, `the lesson text contains the control character U+000D`),
		editCase("invalid UTF-8 in the body", firstFile, "Some text with", "Some \xff text with", 44, `the file is not valid UTF-8 text`),
		editCase("invalid UTF-8 in the front matter", firstFile, "title: First lesson\n", "title: First \xc3\x28 lesson\n", 3, `the file is not valid UTF-8 text`),
		editCase("invalid UTF-8 in the manifest", m, "summary: A small pack for tests.\n", "summary: A small \xed\xa0\x80 pack.\n", 9, `the file is not valid UTF-8 text`),

		// Sizes and nesting.
		{"lesson file over the size limit", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, firstFile, firstLesson+strings.Repeat("x", maxLessonBytes-len(firstLesson)+1))
		}, firstFile, 0, fmt.Sprintf("the file is %d bytes; the limit for a lesson file is 256 KiB (262144 bytes)", maxLessonBytes+1)},
		{"manifest over the size limit", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, m, validManifest+"#"+strings.Repeat("x", 64<<10))
		}, m, 0, `the file is 65.1 KiB; the limit for pack.yaml is 64 KiB`},
		editCase("block quotes nested 9 deep", firstFile, "> A quote\n", "> > > > > > > > > A quote\n", 46, `lists and block quotes are nested 9 deep; the limit is 8`),
		editCase("empty block quotes nested 10 deep", firstFile, "> A quote\n", ">>>>>>>>>>\n", 46, `lists and block quotes are nested 10 deep; the limit is 8`),
		editCase("lists nested 9 deep", firstFile, "- a list\n  - nested\n", nested9, 56, `lists and block quotes are nested 9 deep; the limit is 8`),
		editCase("lists in block quotes nested 9 deep", firstFile, "> A quote\n", "> - > - > - > - > A quote\n", 46, `nested 9 deep`),
		editCase("block quotes nested 100,000 deep", firstFile, "> A quote\n", strings.Repeat("> ", 100000)+"x\n", 46, `lists and block quotes are nested more than 64 deep; the limit is 8`),
		editCase("lists nested 100,000 deep", firstFile, "> A quote\n", strings.Repeat("- ", 100000)+"x\n", 46, `lists and block quotes are nested more than 64 deep; the limit is 8`),

		// Files and folders.
		{"non-.md file in lessons", func(t testing.TB, fsys fstest.MapFS) {
			setFile(fsys, "lessons/notes.txt", "notes")
		}, "lessons/notes.txt", 0, `lessons holds only lesson files ending .md`},
		{"file name with ESC", func(t testing.TB, fsys fstest.MapFS) {
			fsys["lessons/\x1b]0;pwned\x07.md"] = fsys[secondFile]
			delete(fsys, secondFile)
		}, `lessons/\x1b]0;pwned\a.md`, 0, `the name contains a control character or is not UTF-8`},
		{"folder name with U+202E", func(t testing.TB, fsys fstest.MapFS) {
			fsys["lessons/a\u202egpj/second.md"] = fsys[secondFile]
			delete(fsys, secondFile)
		}, `lessons/a\u202egpj`, 0, `the name contains a control character`},
		{"too many lesson files", func(t testing.TB, fsys fstest.MapFS) {
			for i := range maxLessonFiles {
				setFile(fsys, fmt.Sprintf("lessons/z/%04d.md", i), firstLessonNoQuiz)
			}
		}, "lessons/z/0998.md", 0, `a pack may have at most 1000 lesson files`},
		{"too many modules", func(t testing.TB, fsys fstest.MapFS) {
			var b strings.Builder
			for i := range 100 {
				fmt.Fprintf(&b, "  - id: m%d\n    title: M\n    summary: S\n    lessons: [second-lesson]\n", i)
			}
			edit(t, fsys, m, "paths:\n", b.String()+"paths:\n")
		}, m, 11, `a pack may have at most 100 modules, found 102`},
		{"missing pack.yaml", func(t testing.TB, fsys fstest.MapFS) {
			delete(fsys, m)
		}, m, 0, `the pack has no pack.yaml manifest at its top level`},
		{"pack.yaml is a folder", func(t testing.TB, fsys fstest.MapFS) {
			delete(fsys, m)
			setFile(fsys, m+"/inner", "x")
		}, m, 0, `only regular files are allowed in a pack`},
		{"missing lessons folder", func(t testing.TB, fsys fstest.MapFS) {
			delete(fsys, firstFile)
			delete(fsys, secondFile)
		}, "lessons", 0, `the pack has no lessons folder`},
	}
}

// TestValidationErrors mutates the valid pack into one with a single kind
// of error and checks that Load refuses it with a *ValidationError and no
// pack, and reports the error at the exact file and line.
func TestValidationErrors(t *testing.T) {
	for _, c := range validationCases() {
		t.Run(c.name, func(t *testing.T) {
			fsys := validPack()
			c.mutate(t, fsys)
			problems := loadProblems(t, fsys)
			p, ok := findProblem(problems, c.file, c.line, c.msg)
			if !ok {
				t.Fatalf("no problem at %s:%d containing %q; got:%s", c.file, c.line, c.msg, listProblems(problems))
			}
			if p.Severity != Error {
				t.Errorf("%v has severity %v, want Error", p, p.Severity)
			}
		})
	}
}

// TestBillionLaughsNotExpanded checks that YAML aliases are refused without
// being expanded: expanding them would allocate gigabytes, refusing them
// well under 1 MiB (BenchmarkRejectHostile times it).
func TestBillionLaughsNotExpanded(t *testing.T) {
	for _, file := range []string{ManifestFile, firstFile} {
		fsys := validPack()
		if file == ManifestFile {
			setFile(fsys, file, billionLaughs)
		} else {
			setFile(fsys, file, "---\n"+billionLaughs+"---\nText.\n")
		}
		var problems []Problem
		alloc := bytesAllocated(func() { problems = loadProblems(t, fsys) })
		if alloc > 1<<20 {
			t.Errorf("%s: refusing aliases allocated %d bytes", file, alloc)
		}
		want := 1
		if file == firstFile {
			want = 2
		}
		if _, ok := findProblem(problems, file, want, "YAML anchors and aliases"); !ok {
			t.Errorf("%s: aliases not reported at line %d:%s", file, want, listProblems(problems))
		}
	}
}

// bytesAllocated returns the bytes fn allocates, freed or not.
func bytesAllocated(fn func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestEveryProblemReported puts problems in several files and checks that
// one Load reports all of them, sorted by file and then line.
func TestEveryProblemReported(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, ManifestFile, "min_score: 80", "min_score: 101")
	edit(t, fsys, ManifestFile, "licence: OGL-UK-3.0\n", "licence: OGL-UK-3.0\nsumary: typo\n")
	edit(t, fsys, firstFile, "minutes: 5\n", "minutes: 500\n")
	edit(t, fsys, firstFile, "type: single", "type: essay")
	edit(t, fsys, secondFile, "tolerance: 1", "tolerance: -1")
	setFile(fsys, "lessons/notes.txt", "notes")
	want := []string{
		"lessons/first-lesson.md:4: minutes must be between 1 and 240, found 500",
		`lessons/first-lesson.md:16: question "pick-one": unknown question type "essay": use single, multiple, true_false, text, number, matching or ordering`,
		"lessons/notes.txt: lessons holds only lesson files ending .md",
		"lessons/second-lesson.md:2: warning: the lesson has no sources: say where its facts come from",
		`lessons/second-lesson.md:22: question "how-many": tolerance must not be negative, found -1`,
		`pack.yaml:9: unknown field "sumary" (did you mean "summary"?)`,
		`pack.yaml:42: badge "sharp" rule: min_score must be between 1 and 100, found 101`,
	}
	problems := loadProblems(t, fsys)
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, err := Load(fsys)
	if msg := err.Error(); msg != "invalid pack:\n"+strings.Join(want, "\n") {
		t.Errorf("Error() = %q", msg)
	}
	if n := err.(*ValidationError).Errors(); n != len(want)-1 { // one of want is a warning
		t.Errorf("Errors() = %d, want %d", n, len(want)-1)
	}
}

func TestProblemString(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "lessons/a.md", Line: 3, Message: "bad thing", Severity: Error}, "lessons/a.md:3: bad thing"},
		{Problem{File: "pack.yaml", Line: 0, Message: "no file", Severity: Error}, "pack.yaml: no file"},
		{Problem{File: "lessons/a.md", Line: 7, Message: "odd thing", Severity: Warning}, "lessons/a.md:7: warning: odd thing"},
		{Problem{File: "lessons", Message: "odd folder", Severity: Warning}, "lessons: warning: odd folder"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.p, got, c.want)
		}
	}
	ve := &ValidationError{Problems: []Problem{cases[0].p, cases[2].p, cases[1].p}}
	if ve.Errors() != 2 {
		t.Errorf("Errors() = %d, want 2 (warnings are not errors)", ve.Errors())
	}
	if want := "invalid pack:\nlessons/a.md:3: bad thing\nlessons/a.md:7: warning: odd thing\npack.yaml: no file"; ve.Error() != want {
		t.Errorf("Error() = %q, want %q", ve.Error(), want)
	}
}

// TestProblemsSorted checks the sort directly: by file, then line, with
// problems on one line kept in the order they were found.
func TestProblemsSorted(t *testing.T) {
	ps := &problems{}
	ps.errorf("pack.yaml", 9, "c")
	ps.warnf("lessons/b.md", 2, "b")
	ps.errorf("lessons/a.md", 10, "a10")
	ps.errorf("lessons/a.md", 2, "a2 first")
	ps.errorf("lessons/a.md", 2, "a2 second")
	ps.errorf("lessons", 0, "dir")
	var got []string
	for _, p := range ps.sorted() {
		got = append(got, p.String())
	}
	want := "lessons: dir|lessons/a.md:2: a2 first|lessons/a.md:2: a2 second|lessons/a.md:10: a10|lessons/b.md:2: warning: b|pack.yaml:9: c"
	if strings.Join(got, "|") != want {
		t.Errorf("sorted = %s\nwant     %s", strings.Join(got, "|"), want)
	}
	if !ps.hasErrors() {
		t.Error("hasErrors = false")
	}
	only := &problems{}
	only.warnf("a", 1, "w")
	if only.hasErrors() {
		t.Error("hasErrors with only a warning = true")
	}
}

func TestValidID(t *testing.T) {
	for _, s := range []string{"staying-safe", "q1", "1", "a-b-c", strings.Repeat("a", 64)} {
		if !ValidID(s) {
			t.Errorf("ValidID(%q) = false", s)
		}
	}
	for _, s := range []string{"", "Staying Safe", "staying_safe", "-safe", "safe-", "a--b", "café", strings.Repeat("a", 65), "a\n"} {
		if ValidID(s) {
			t.Errorf("ValidID(%q) = true", s)
		}
	}
}

// TestHiddenFilesIgnored checks that editor and system files in lessons/
// (names starting with a dot) do not make a pack invalid.
func TestHiddenFilesIgnored(t *testing.T) {
	fsys := validPack()
	setFile(fsys, "lessons/.DS_Store", "\x00\x01binary")
	setFile(fsys, "lessons/.first-lesson.md.swp", "junk")
	mustLoad(t, fsys)
}

// TestCRLFAndBOM checks that Windows line endings and a byte order mark are
// accepted, with line numbers unchanged and no '\r' left in the text.
func TestCRLFAndBOM(t *testing.T) {
	fsys := validPack()
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	setFile(fsys, firstFile, "\ufeff"+crlf(firstLesson))
	setFile(fsys, ManifestFile, crlf(validManifest))
	p := mustLoad(t, fsys)
	l, _ := p.Lesson("first-lesson")
	if strings.Contains(l.Body, "\r") || !strings.HasPrefix(l.Body, "## Why it matters\n") {
		t.Errorf("body = %q", l.Body)
	}
	checkNoDisallowedRunes(t, p)

	edit(t, fsys, firstFile, "Some text with", "Some \x1b text with")
	problems := loadProblems(t, fsys)
	if _, ok := findProblem(problems, firstFile, 44, "U+001B"); !ok {
		t.Errorf("ESC in a CRLF body not at line 44:%s", listProblems(problems))
	}
}

// TestStreakRule: a badge for learning on several days in a row.
func TestStreakRule(t *testing.T) {
	badge := func(rule string) fstest.MapFS {
		fsys := validPack()
		edit(t, fsys, ManifestFile, "badges:\n", "badges:\n  - id: week\n    title: Week streak\n    description: Learned seven days in a row.\n    rule:\n"+rule)
		return fsys
	}
	p := mustLoad(t, badge("      type: streak\n      days: 7\n"))
	b := p.Badges[0]
	if b.ID != "week" || b.Rule.Type != RuleStreak || b.Rule.Days != 7 {
		t.Errorf("badge %+v", b)
	}
	for _, c := range []struct{ rule, want string }{
		{"      type: streak\n", `rule type streak needs the field "days"`},
		{"      type: streak\n      days: 1\n", "days must be between 2 and 365, found 1"},
		{"      type: streak\n      days: 366\n", "days must be between 2 and 365, found 366"},
		{"      type: streak\n      days: 7\n      module: basics\n", `field "module" does not apply to rule type streak`},
		{"      type: module_complete\n      module: basics\n      days: 7\n", `field "days" does not apply to rule type module_complete`},
	} {
		problems := loadProblems(t, badge(c.rule))
		if !slices.ContainsFunc(problems, func(p Problem) bool { return p.File == ManifestFile && strings.Contains(p.Message, c.want) }) {
			t.Errorf("%q: no problem %q:%s", c.rule, c.want, listProblems(problems))
		}
	}
}
