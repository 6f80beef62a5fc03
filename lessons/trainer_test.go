package lessons

import (
	"strings"
	"testing"
)

// problemLines loads the bank pack with edits, which must make it
// invalid, and returns its problems as the trainer reads them, one a
// line, leaving out the warnings the unedited pack has.
func problemLines(t *testing.T, edits ...string) []string {
	t.Helper()
	base, err := loadBankPack(t)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, w := range base.Warnings {
		known[w.String()] = true
	}
	_, err = loadBankPack(t, edits...)
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("Load error = %v, want a *ValidationError", err)
	}
	var out []string
	for _, p := range ve.Problems {
		if !known[p.String()] {
			out = append(out, p.String())
		}
	}
	return out
}

// wantLines fails unless got is exactly want.
func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// Item 1: a missing bank is reported at the lesson that names it, with
// the nearest bank file the pack has.
func TestMissingBankNamesLessonLineAndNearestFile(t *testing.T) {
	wantLines(t, problemLines(t, "lessons/from-aiken.md", "banks/digital-skills.aiken.txt", "banks/digital-skill.aiken.txt"),
		`lessons/from-aiken.md:10: bank "banks/digital-skill.aiken.txt" is not in the pack (did you mean "banks/digital-skills.aiken.txt"?)`)
	wantLines(t, problemLines(t, "lessons/from-aiken.md", "banks/digital-skills.aiken.txt", "questions/other.txt"),
		`lessons/from-aiken.md:10: bank "questions/other.txt" is not in the pack; its banks are banks/digital-skills.aiken.txt, banks/digital-skills.gift`)
}

// Item 2: a lesson that cannot be read is reported once, where it is
// broken; the module naming it is told why, as a warning, not a false
// "no lesson has that id".
func TestUnreadableLessonIsNotAlsoMissing(t *testing.T) {
	cases := []struct{ name, old, new, problem string }{
		{"tab in the YAML", "title: From Aiken", "\ttitle: From Aiken", "lessons/from-aiken.md:3: YAML syntax error: found a tab character that violates indentation"},
		{"no front matter", "---\nid: from-aiken", "id: from-aiken", "lessons/from-aiken.md:1: lesson file has no front matter: it must start with a line holding only ---"},
		{"alias", "title: From Aiken", "title: &t From Aiken\nx: *t", "lessons/from-aiken.md:3: YAML anchors and aliases (& and *) are not allowed in packs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := problemLines(t, "lessons/from-aiken.md", c.old, c.new)
			if len(got) != 2 || !strings.HasPrefix(got[0], c.problem) ||
				got[1] != `pack.yaml:12: warning: module "banks" names lesson "from-aiken", which could not be read because of the problem in lessons/from-aiken.md` {
				t.Errorf("problems:\n\t%s", strings.Join(got, "\n\t"))
			}
		})
	}
}

// Item 4: a category copied from the bank, in any form Moodle writes,
// finds its questions; one that finds none lists the bank's categories.
func TestCategoryAsMoodleWritesIt(t *testing.T) {
	for _, category := range []string{
		"$course$/top/Digital Skills/Data Protection",
		"$system$/Digital Skills/Data Protection",
		"top/Digital Skills/Data Protection",
		"digital skills/data protection/",
	} {
		p, err := loadBankPack(t, "lessons/from-gift.md", "category: Digital Skills/Cyber Security", "category: "+category)
		if err != nil {
			t.Errorf("category %q: %v", category, err)
			continue
		}
		if l, _ := p.Lesson("from-gift"); len(l.Quiz.Questions) != 2 {
			t.Errorf("category %q: %d questions, want own + DP-001", category, len(l.Quiz.Questions))
		}
	}
	wantLines(t, problemLines(t, "lessons/from-gift.md", "category: Digital Skills/Cyber Security", "category: $course$/top/Digital Skills/Data"),
		"lessons/from-gift.md:9: warning: the quiz has only one question",
		`lessons/from-gift.md:10: bank banks/digital-skills.gift has no questions in category "$course$/top/Digital Skills/Data"; its categories are "Digital Skills/Cyber Security", "Digital Skills/Data Protection"`)
}

// Item 12: a bank question with neither [id:] nor ::name:: gets its id
// from its text; validate warns, with the line and an [id:] to add.
func TestBankQuestionWithoutIDWarns(t *testing.T) {
	p, err := loadBankPack(t, "banks/digital-skills.gift", "::CS-006 Numerical tolerance::What is 36 + 1?", "What is 36 + 1?")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-gift")
	var id string
	for _, q := range l.Quiz.Questions {
		if strings.HasPrefix(q.Prompt, "What is 36 + 1?") {
			id = q.ID
		}
	}
	want := "banks/digital-skills.gift:35: warning: the question has no [id:] or ::name::, so its id (" + id +
		") comes from its text and changes when the text does, and learners lose their answers to it: add the line // [id:what-is-36-1] above it"
	var found []string
	for _, w := range p.Warnings {
		if strings.Contains(w.Message, "[id:]") {
			found = append(found, w.String())
		}
	}
	if !strings.HasPrefix(id, "q-") || len(found) != 1 || found[0] != want {
		t.Errorf("id %q; warnings:\n\t%s\nwant:\n\t%s", id, strings.Join(found, "\n\t"), want)
	}
}

// Item 13: a GIFT question written [markdown] keeps its Markdown, marked
// to be rendered as lesson text; others are plain text.
func TestMarkdownBankQuestion(t *testing.T) {
	p, err := loadBankPack(t, "banks/digital-skills.gift", "::CS-006 Numerical tolerance::What is 36 + 1?", "::CS-006 Numerical tolerance::[markdown]What is **36 + 1**?")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-gift")
	found := false
	for _, q := range l.Quiz.Questions {
		found = found || q.ID == "cs-006-numerical-tolerance"
		switch {
		case q.ID == "cs-006-numerical-tolerance" && (!q.Markdown || q.Prompt != "What is **36 + 1**? (within 0.5)"):
			t.Errorf("markdown question: %+v", q)
		case q.ID != "cs-006-numerical-tolerance" && q.Markdown:
			t.Errorf("question %s is marked Markdown", q.ID)
		}
	}
	if !found {
		t.Error("the quiz lacks cs-006")
	}
	wantLines(t, problemLines(t, "banks/digital-skills.gift", "::CS-006 Numerical tolerance::What is 36 + 1?", "::CS-006 Numerical tolerance::[markdown]"+strings.Repeat("> ", 9)+"What"),
		"banks/digital-skills.gift:35: lists and block quotes are nested 9 deep; the limit is 8")
}

// Item 13, as documented: an unweighted = answer is worth 100% even when
// only a wrong answer has a weight.
func TestUnweightedRightAnswerIsFullMarks(t *testing.T) {
	p, err := loadBankPack(t, "banks/digital-skills.gift", "::CS-006 Numerical tolerance::What is 36 + 1? (within 0.5){#37:0.5}", "::CS-006 Numerical tolerance::Pick one.{=right ~%50%half ~wrong}")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-gift")
	q, ok := l.Quiz.Question("cs-006-numerical-tolerance")
	if !ok || q.Type != SingleChoice {
		t.Fatalf("question: %+v", q)
	}
	for i, want := range []float64{1, 0.5, 0} {
		if got := q.Score(Response{Choices: []int{i}}); got != want {
			t.Errorf("choice %d (%s) scores %v, want %v", i, q.Choices[i].Text, got, want)
		}
	}
}
