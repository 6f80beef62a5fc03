package gift

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	catCyber = "top/Digital Skills/Cyber Security"
	catData  = "top/Digital Skills/Data Protection"
)

// digitalSkills is what digital-skills.gift parses to: one entry for each
// row of the expected-results table in formats.md §2.1, every field given.
// The category rows are checked through the Category of each question.
var digitalSkills = []struct {
	row  string // the table's Item column
	want Question
}{
	{"CS-001", Question{
		Line: 6, Category: catCyber, Name: "CS-001 Phishing", IDNumber: "CS-001", Tags: []string{"phishing", "level-1"},
		Text: "Which of these is the strongest sign of a phishing email?", Kind: MultipleChoice, Single: true,
		Answers: []Answer{
			{Text: "An email from a colleague you know", Fraction: 0, Feedback: "Not on its own."},
			{Text: `A link asking you to "verify" your password urgently`, Fraction: 1, Feedback: "Correct – urgency plus a credential request."},
			{Text: "An email with the council logo", Fraction: 0, Feedback: "Logos are easy to copy."},
		},
		GeneralFeedback: "Report suspicious emails with the Report Phishing button.",
	}},
	{"CS-002", Question{
		Line: 13, Category: catCyber, Name: "CS-002 MFA (multiple answer)",
		Text: "Which TWO are examples of multi-factor authentication?", Kind: MultipleChoice, Single: false,
		Answers: []Answer{
			{Text: "A code from an authenticator app", Fraction: 0.5},
			{Text: "A fingerprint on your work phone", Fraction: 0.5},
			{Text: "A second password", Fraction: -1},
			{Text: "Your security question", Fraction: -1},
		},
	}},
	{"CS-003", Question{
		Line: 20, Category: catCyber, Name: "CS-003 TF",
		Text: "Public Wi-Fi is safe for council systems without the VPN.", Kind: TrueFalse, TrueFalse: false,
		// Moodle: feedbacktrue (shown for the wrong answer, TRUE) is fb1.
		FeedbackWrong: "Wrong: public Wi-Fi can be intercepted.",
		FeedbackRight: "Correct: always use the VPN.",
	}},
	{"CS-004", Question{
		Line: 22, Category: catCyber, Name: "CS-004 Short answer",
		Text: `What does "MFA" stand for?`, Kind: ShortAnswer,
		Answers: []Answer{
			{Text: "multi-factor authentication", Fraction: 1, Feedback: "Correct"},
			{Text: "multifactor", Fraction: 0.5, Feedback: "Nearly – please write it in full."},
			{Text: "*", Fraction: 0, Feedback: "Not quite."},
		},
	}},
	{"CS-005", Question{
		Line: 28, Category: catCyber, Name: "CS-005 Matching",
		Text: "Match each term to its meaning.", Kind: Matching,
		Pairs: []Pair{
			{"Phishing", "Fraudulent email that tricks you into giving details"},
			{"Malware", "Software designed to cause harm"},
			{"Patch", "Update that fixes a security flaw"},
			{"", "A type of printer toner"},
		},
	}},
	{"CS-006", Question{
		Line: 35, Category: catCyber, Name: "CS-006 Numerical tolerance",
		Text: "What is 36 + 1? (within 0.5)", Kind: Numerical,
		Numbers: []NumberAnswer{{Value: 37, Tolerance: 0.5, Fraction: 1}},
	}},
	{"CS-007", Question{
		Line: 37, Category: catCyber, Name: "CS-007 Numerical range",
		Text: "Pick a whole number of days from 1 to 5.", Kind: Numerical,
		Numbers: []NumberAnswer{{Value: 3, Tolerance: 2, Fraction: 1}},
	}},
	{"CS-008", Question{
		Line: 39, Category: catCyber, Name: "CS-008 Numerical weighted",
		Text: "In what year did UK GDPR take effect?", Kind: Numerical,
		Numbers: []NumberAnswer{
			{Value: 2021, Tolerance: 0, Fraction: 1, Feedback: "Correct – 1 January 2021."},
			{Value: 2018, Tolerance: 0, Fraction: 0.5, Feedback: "That was the EU GDPR."},
			{Any: true, Fraction: 0, Feedback: "No."},
		},
	}},
	{"CS-009", Question{
		Line: 45, Category: catCyber, Name: "CS-009 Missing word",
		Text: "Always _____ your screen when you leave your desk.", Kind: MultipleChoice, MissingWord: true, Single: true,
		Answers: []Answer{{Text: "share"}, {Text: "lock", Fraction: 1}, {Text: "ignore"}},
	}},
	{"CS-010", Question{
		Line: 47, Category: catCyber, Name: "CS-010 Essay",
		Text: "Describe one way you could spot a fake website.", Kind: Essay,
	}},
	{"CS-011", Question{
		Line: 49, Category: catCyber, Name: "CS-011 Description",
		Text: "**Section 2:** Passwords and passphrases.", TextFormat: FormatMarkdown, Kind: Description,
	}},
	{"CS-012", Question{
		Line: 51, Category: catCyber, Name: "CS-012 Escapes",
		Text: "In a spreadsheet, what does =SUM(A1:A3) do?", Kind: MultipleChoice, Single: true,
		Answers: []Answer{
			{Text: "Adds cells A1 to A3 # correct", Fraction: 1},
			{Text: "Counts cells {A1..A3}"},
			{Text: "Averages them ~ roughly"},
		},
	}},
	{"CS-013", Question{
		Line: 57, Category: catCyber, Name: "CS-013 Newline and backslash",
		Text: "Line one\nLine two: the path is C:\\Users\\trainee", Kind: TrueFalse, TrueFalse: true,
	}},
	{"CS-014", Question{
		Line: 59, Category: catCyber, Name: "CS-014 Case-sensitive TF",
		Text: "Lower-case true is NOT a true/false marker.", Kind: ShortAnswer,
		Answers: []Answer{{Text: "true", Fraction: 1}},
	}},
	{"DP-001", Question{
		Line: 63, Category: catData, Name: "DP-001 HTML",
		Text: "<p>Which key combination locks a <b>Windows</b> PC?</p>", TextFormat: FormatHTML, Kind: MultipleChoice, Single: true,
		Answers: []Answer{
			{Text: "Windows key + L", Fraction: 1, Format: FormatHTML},
			{Text: "Ctrl + Alt + L", Format: FormatHTML},
			{Text: "Alt + F4", Format: FormatHTML},
		},
	}},
}

func TestDigitalSkillsFixture(t *testing.T) {
	for source, src := range fixtureSources(t, "digital-skills.gift") {
		t.Run(source, func(t *testing.T) {
			qs, ps := Parse(src)
			if len(ps) != 0 {
				t.Errorf("problems: %v", ps)
			}
			if len(qs) != len(digitalSkills) {
				t.Fatalf("got %d questions, want %d", len(qs), len(digitalSkills))
			}
			for i, row := range digitalSkills {
				t.Run(row.row, func(t *testing.T) {
					checkQuestion(t, qs[i], row.want)
				})
			}
		})
	}
}

// TestDigitalSkillsHighlights restates the table's key facts on their own,
// so a failure names the rule that broke.
func TestDigitalSkillsHighlights(t *testing.T) {
	src, err := os.ReadFile("testdata/digital-skills.gift")
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := Parse(src)
	byName := map[string]Question{}
	for _, q := range qs {
		id, _, _ := strings.Cut(q.Name, " ")
		byName[id] = q
	}
	if q := byName["CS-001"]; q.Category != "top/Digital Skills/Cyber Security" {
		t.Errorf("first category = %q: $course$ should be dropped and top kept", q.Category)
	}
	if q := byName["DP-001"]; q.Category != "top/Digital Skills/Data Protection" {
		t.Errorf("second category = %q: Moodle 3.5+ puts top first", q.Category)
	}
	if q := byName["CS-003"]; q.TrueFalse || q.FeedbackWrong != "Wrong: public Wi-Fi can be intercepted." {
		t.Errorf("CS-003: right answer %v, wrong-answer feedback %q", q.TrueFalse, q.FeedbackWrong)
	}
	if q := byName["CS-004"]; len(q.Answers) != 3 || q.Answers[2].Text != "*" {
		t.Errorf("CS-004: the wildcard answer should be kept as \"*\": %+v", q.Answers)
	}
	if q := byName["CS-014"]; q.Kind != ShortAnswer {
		t.Errorf("CS-014: kind %v, want short answer ({true} is case-sensitive)", q.Kind)
	}
}

// TestFixtureCopies checks that the copies in testdata still match the
// shared originals, when those are present.
func TestFixtureCopies(t *testing.T) {
	for _, name := range []string{"digital-skills.gift", "gift-errors.gift", "gift-colon-quirk.gift"} {
		srcs := fixtureSources(t, name)
		if shared, ok := srcs["shared"]; ok && !bytes.Equal(shared, srcs["testdata"]) {
			t.Errorf("testdata/%s differs from %s; copy it again", name, filepath.Join(sharedFixtures, name))
		}
	}
}
