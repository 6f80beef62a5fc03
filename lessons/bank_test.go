package lessons

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func loadBankPack(t *testing.T, edits ...string) (*Pack, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"pack.yaml", "lessons/from-gift.md", "lessons/from-aiken.md", "banks/digital-skills.gift", "banks/digital-skills.aiken.txt"} {
		data, err := os.ReadFile("testdata/bankpack/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for i := 0; i+2 < len(edits); i += 3 {
		f := fsys[edits[i]]
		if f == nil {
			fsys[edits[i]] = &fstest.MapFile{Data: []byte(edits[i+2])}
			continue
		}
		if !strings.Contains(string(f.Data), edits[i+1]) {
			t.Fatalf("%s lacks %q", edits[i], edits[i+1])
		}
		f.Data = []byte(strings.Replace(string(f.Data), edits[i+1], edits[i+2], 1))
	}
	return Load(fsys)
}

func TestGIFTBankQuestions(t *testing.T) {
	p, err := loadBankPack(t)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-gift")
	quiz := l.Quiz
	if len(quiz.Questions) != 13 || quiz.Questions[0].ID != "own-question" {
		t.Fatalf("%d questions, first %q: want the lesson's own then 12 from the Cyber Security category", len(quiz.Questions), quiz.Questions[0].ID)
	}
	get := func(id string) *Question {
		t.Helper()
		q, ok := quiz.Question(id)
		if !ok {
			var ids []string
			for _, q := range quiz.Questions {
				ids = append(ids, q.ID)
			}
			t.Fatalf("no question %q in %v", id, ids)
		}
		return q
	}
	cs1 := get("cs-001")
	if cs1.Type != SingleChoice || len(cs1.Choices) != 3 || !cs1.Choices[1].Correct || cs1.Weighted ||
		cs1.Choices[0].Feedback != "Not on its own." || cs1.Explanation != "Report suspicious emails with the Report Phishing button." ||
		cs1.Source != "banks/digital-skills.gift:6" {
		t.Errorf("CS-001 %+v", cs1)
	}
	mfa := get("cs-002-mfa-multiple-answer")
	if mfa.Type != MultipleChoice || !mfa.Weighted || !near(mfa.Score(Response{Choices: []int{0, 1}}), 1) ||
		!near(mfa.Score(Response{Choices: []int{1}}), 0.5) || mfa.Score(Response{Choices: []int{0, 2}}) != 0 {
		t.Errorf("CS-002 %+v", mfa)
	}
	tf := get("cs-003-tf")
	if tf.Type != TrueFalse || tf.Choices[0].Correct || tf.Choices[0].Feedback != "Wrong: public Wi-Fi can be intercepted." ||
		tf.Choices[1].Feedback != "Correct: always use the VPN." {
		t.Errorf("CS-003 %+v", tf.Choices)
	}
	short := get("cs-004-short-answer")
	if short.Type != TextAnswer || short.Score(Response{Text: "Multi-Factor Authentication"}) != 1 ||
		!near(short.Score(Response{Text: "multifactor"}), 0.5) || short.AnswerFeedback("mfa") != "Not quite." {
		t.Errorf("CS-004 %+v", short.Accept)
	}
	match := get("cs-005-matching")
	if match.Type != Matching || len(match.Pairs) != 3 || match.Pairs[1] != (Pair{"Malware", "Software designed to cause harm"}) ||
		len(match.Distractors) != 1 || match.Distractors[0] != "A type of printer toner" {
		t.Errorf("CS-005 %+v", match)
	}
	if n := get("cs-006-numerical-tolerance"); n.Type != NumberAnswer || n.Score(Response{Text: "37.4"}) != 1 || n.Score(Response{Text: "37.6"}) != 0 {
		t.Errorf("CS-006 %+v", n.Numbers)
	}
	if n := get("cs-007-numerical-range"); n.Score(Response{Text: "1"}) != 1 || n.Score(Response{Text: "5"}) != 1 || n.Score(Response{Text: "6"}) != 0 {
		t.Errorf("CS-007 %+v", n.Numbers)
	}
	if n := get("cs-008-numerical-weighted"); !near(n.Score(Response{Text: "2018"}), 0.5) || n.AnswerFeedback("1999") != "No." {
		t.Errorf("CS-008 %+v", n.Numbers)
	}
	if q := get("cs-009-missing-word"); q.Type != SingleChoice || q.Prompt != "Always _____ your screen when you leave your desk." {
		t.Errorf("CS-009 %q", q.Prompt)
	}
	if q := get("cs-012-escapes"); q.Prompt != "In a spreadsheet, what does =SUM(A1:A3) do?" || q.Choices[0].Text != "Adds cells A1 to A3 # correct" {
		t.Errorf("CS-012 %q %q", q.Prompt, q.Choices[0].Text)
	}
	if q := get("cs-014-case-sensitive-tf"); q.Type != TextAnswer || q.Score(Response{Text: "True"}) != 1 {
		t.Errorf("CS-014 %+v", q)
	}
	for _, absent := range []string{"cs-010-essay", "cs-011-description", "dp-001-html"} {
		if _, ok := quiz.Question(absent); ok {
			t.Errorf("%s should not be in the quiz", absent)
		}
	}
	warnings := listProblems(p.Warnings)
	for _, want := range []string{"banks/digital-skills.gift:45: warning: a missing-word question",
		"banks/digital-skills.gift:47: warning: essay questions cannot be marked",
		"banks/digital-skills.gift:49: warning: description questions cannot be marked"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
}

func TestBankCategoriesAndHTML(t *testing.T) {
	p, err := loadBankPack(t, "lessons/from-gift.md", "category: Digital Skills/Cyber Security", "category: TOP/digital skills/data protection")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-gift")
	if len(l.Quiz.Questions) != 2 {
		t.Fatalf("%d questions, want own + DP-001", len(l.Quiz.Questions))
	}
	dp := l.Quiz.Questions[1]
	if dp.Prompt != "Which key combination locks a Windows PC?" || dp.CorrectAnswer() != "Windows key + L" {
		t.Errorf("DP-001 %q → %q", dp.Prompt, dp.CorrectAnswer())
	}
	// Without a category, the whole bank.
	p, err = loadBankPack(t, "lessons/from-gift.md", "  category: Digital Skills/Cyber Security\n", "")
	if err != nil {
		t.Fatal(err)
	}
	l, _ = p.Lesson("from-gift")
	if len(l.Quiz.Questions) != 14 {
		t.Errorf("%d questions from the whole bank, want 14", len(l.Quiz.Questions))
	}
}

func TestAikenBankQuestions(t *testing.T) {
	p, err := loadBankPack(t)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := p.Lesson("from-aiken")
	if len(l.Quiz.Questions) != 2 {
		t.Fatalf("%d questions", len(l.Quiz.Questions))
	}
	for _, q := range l.Quiz.Questions {
		if q.Type != SingleChoice || !strings.HasPrefix(q.ID, "q-") || !q.Choices[1].Correct || q.Score(Response{Choices: []int{1}}) != 1 {
			t.Errorf("aiken question %+v", q)
		}
	}
}

func TestBankProblems(t *testing.T) {
	errorsGIFT, err := os.ReadFile("gift/testdata/gift-errors.gift")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		edits []string
		want  string
	}{
		{"missing bank", []string{"lessons/from-aiken.md", "banks/digital-skills.aiken.txt", "banks/nope.txt"}, `lessons/from-aiken.md:10: bank "banks/nope.txt" is not in the pack; its banks are`},
		{"wrong ending", []string{"lessons/from-aiken.md", "banks/digital-skills.aiken.txt", "banks/bank.csv", "banks/bank.csv", "", "a,b"}, "banks/bank.csv: a question bank must be a GIFT file (.gift) or an Aiken file (.txt)"},
		{"outside the pack", []string{"lessons/from-aiken.md", "banks/digital-skills.aiken.txt", "../bank.txt"}, `lessons/from-aiken.md:10: bank "../bank.txt" is not a path inside the pack`},
		{"bank errors by line", []string{"banks/digital-skills.gift", "$CATEGORY", string(errorsGIFT) + "\n\n$CATEGORY"}, `banks/digital-skills.gift:5: the answer block opened with "{" on this line is never closed`},
		{"empty category", []string{"lessons/from-gift.md", "category: Digital Skills/Cyber Security", "category: Nowhere"}, `bank banks/digital-skills.gift has no questions in category "Nowhere"`},
		{"id used twice", []string{"lessons/from-gift.md", "id: own-question", "id: cs-001"}, `question id "cs-001" from banks/digital-skills.gift:6 is also in the quiz`},
		{"category without bank", []string{"lessons/from-aiken.md", "  bank: banks/digital-skills.aiken.txt", "  category: x\n  questions:\n    - {id: a, type: true_false, prompt: p, answer: true, explanation: e}"}, "category chooses questions from a bank"},
		{"no questions at all", []string{"lessons/from-aiken.md", "  bank: banks/digital-skills.aiken.txt\n", ""}, "a quiz needs questions, or a question bank named by bank"},
		{"control character", []string{"banks/digital-skills.aiken.txt", "B) Share a link", "B) Share a \x1b[31mlink"}, "banks/digital-skills.aiken.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadBankPack(t, c.edits...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestBankID(t *testing.T) {
	cases := []struct{ idNumber, name, text, want string }{
		{"CS-001", "CS-001 Phishing", "x", "cs-001"},
		{"", "CS-002 MFA (multiple answer)", "x", "cs-002-mfa-multiple-answer"},
		{"", "", "Which is it?", bankID("", "", "Which is it?")},
		{"!!!", "", "text", bankID("", "", "text")},
	}
	for _, c := range cases {
		if got := bankID(c.idNumber, c.name, c.text); got != c.want || !ValidID(got) {
			t.Errorf("bankID(%q, %q) = %q, want %q", c.idNumber, c.name, got, c.want)
		}
	}
	if bankID("", "", "a") == bankID("", "", "b") {
		t.Error("different texts give the same id")
	}
}
