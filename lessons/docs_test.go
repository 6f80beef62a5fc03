package lessons

import (
	"bytes"
	"os"
	"regexp"
	"testing"
	"testing/fstest"
)

// TestDocsWorkedExampleIsValid keeps the complete example in
// docs/pack-format.md §10 true: its two files, as printed, load cleanly.
func TestDocsWorkedExampleIsValid(t *testing.T) {
	doc, err := os.ReadFile("../docs/pack-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, example, ok := bytes.Cut(doc, []byte("## 11. A complete worked example"))
	if !ok {
		t.Fatal("the docs have no worked example section")
	}
	block := func(name, lang string) []byte {
		re := regexp.MustCompile("(?s)`" + regexp.QuoteMeta(name) + "`:\n\n```" + lang + "\n(.*?)\n```\n")
		m := re.FindSubmatch(example)
		if m == nil {
			t.Fatalf("no %s block for %s in section 10", lang, name)
		}
		return append(m[1], '\n')
	}
	fsys := fstest.MapFS{
		"pack.yaml":                   {Data: block("pack.yaml", "yaml")},
		"lessons/strong-passwords.md": {Data: block("lessons/strong-passwords.md", "markdown")},
	}
	p, err := Load(fsys)
	if err != nil {
		t.Fatalf("the worked example does not load:\n%v", err)
	}
	if len(p.Warnings) > 0 || p.LessonCount() != 1 || p.QuestionCount() != 5 || len(p.Badges) != 4 {
		t.Errorf("worked example: %d warnings, %d lessons, %d questions, %d badges", len(p.Warnings), p.LessonCount(), p.QuestionCount(), len(p.Badges))
	}
}

// TestExamplePackIsValid keeps examples/cyber-basics, the second pack the
// docs point trainers to, valid and free of warnings.
func TestExamplePackIsValid(t *testing.T) {
	p, err := Load(os.DirFS("../examples/cyber-basics"))
	if err != nil {
		t.Fatalf("examples/cyber-basics: %v", err)
	}
	if len(p.Warnings) > 0 || p.LessonCount() != 2 || p.QuestionCount() != 9 {
		t.Errorf("warnings %v, %d lessons, %d questions", p.Warnings, p.LessonCount(), p.QuestionCount())
	}
	l, _ := p.Lesson("spotting-phishing")
	if l.Quiz.Bank != "banks/phishing.gift" || len(l.Quiz.Questions) != 5 {
		t.Errorf("the bank quiz has %d questions", len(l.Quiz.Questions))
	}
}
