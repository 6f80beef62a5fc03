package gift

import (
	"strings"
	"testing"
)

// TestKindOrder checks Moodle's type decision, in its order.
func TestKindOrder(t *testing.T) {
	tests := []struct {
		src  string
		kind Kind
	}{
		{"Just text", Description},
		{"Q{}", Essay},
		{"Q{ \n }", Essay},
		{"Q{####only general feedback}", Essay},
		{"Q{#5}", Numerical},
		{"Q{#=5 ~#other}", Numerical},             // "#" first wins over "~"
		{"Q{=a -> 1 =b -> 2 ~c}", MultipleChoice}, // "~" wins over "->"
		{"Q{=a -> 1 =b -> 2}", Matching},
		{"Q{T}", TrueFalse},
		{"Q{TRUE}", TrueFalse},
		{"Q{F}", TrueFalse},
		{"Q{FALSE}", TrueFalse},
		{"Q{ FALSE #fb}", TrueFalse},
		{"Q{true}", ShortAnswer},
		{"Q{False}", ShortAnswer},
		{"Q{t}", ShortAnswer},
		{"Q{TRUE ish}", ShortAnswer},
		{"Q{=TRUE}", ShortAnswer},
		{"Q{a -> b}", ShortAnswer}, // "->" without "=" is not matching
	}
	for _, tt := range tests {
		if q := parseOne(t, tt.src); q.Kind != tt.kind {
			t.Errorf("%q: kind %v, want %v", tt.src, q.Kind, tt.kind)
		}
	}
}

func TestKindNames(t *testing.T) {
	want := map[Kind][2]string{
		MultipleChoice: {"multiple choice", "multichoice"},
		TrueFalse:      {"true/false", "truefalse"},
		ShortAnswer:    {"short answer", "shortanswer"},
		Matching:       {"matching", "match"},
		Numerical:      {"numerical", "numerical"},
		Essay:          {"essay", "essay"},
		Description:    {"description", "description"},
		Kind(0):        {"kind 0", ""},
	}
	for k, w := range want {
		if k.String() != w[0] || k.QType() != w[1] {
			t.Errorf("Kind(%d): %q %q, want %q %q", int(k), k.String(), k.QType(), w[0], w[1])
		}
	}
	if s := (Problem{Line: 7, Message: "m"}).String(); s != "line 7: m" {
		t.Errorf("Problem.String() = %q", s)
	}
}

func TestEscapes(t *testing.T) {
	q := parseOne(t, `::a\:b\:\:c::T \: \# \= \{ \} \~ \\ \n end \q{=x\=y \# z#f\~g}`)
	if q.Name != "a:b::c" {
		t.Errorf("name %q", q.Name)
	}
	if q.Text != "T : # = { } ~ \\ \n end \\q" {
		t.Errorf("text %q", q.Text)
	}
	if len(q.Answers) != 1 || q.Answers[0].Text != "x=y # z" || q.Answers[0].Feedback != "f~g" {
		t.Errorf("answers %+v", q.Answers)
	}
	// A backslash at the very end stays.
	q = parseOne(t, `Ends in a backslash \`)
	if q.Text != `Ends in a backslash \` {
		t.Errorf("text %q", q.Text)
	}
}

// TestEscapedBackslashBeforeColon: "\\:" is a literal backslash followed
// by an unescaped colon; in a numerical answer the colon still separates
// value and tolerance, so "5\\" is not a number.
func TestEscapedBackslashBeforeColon(t *testing.T) {
	parseProblem(t, `Q{#5\\:1}`, 1, `"5\\" is not a number`)
	q := parseOne(t, `Q{#5\:1}`) // an escaped colon still separates them, as in Moodle
	if q.Numbers[0].Value != 5 || q.Numbers[0].Tolerance != 1 {
		t.Errorf("numbers %+v", q.Numbers)
	}
}

func TestFormatPrefixes(t *testing.T) {
	q := parseOne(t, "[html]<b>Q</b>{=[plain]a#[markdown]*fb* ~b#[nope]x ~[moodle]c ####[plain]gf}")
	if q.TextFormat != FormatHTML || q.Text != "<b>Q</b>" {
		t.Errorf("text %q format %q", q.Text, q.TextFormat)
	}
	want := []Answer{
		{Text: "a", Fraction: 1, Feedback: "*fb*", Format: FormatPlain},
		{Text: "b", Feedback: "[nope]x", Format: FormatHTML},
		{Text: "c", Format: FormatMoodle},
	}
	if len(q.Answers) != len(want) {
		t.Fatalf("answers %+v", q.Answers)
	}
	for i := range want {
		if q.Answers[i] != want[i] {
			t.Errorf("answer %d = %+v, want %+v", i+1, q.Answers[i], want[i])
		}
	}
	if q.GeneralFeedback != "gf" {
		t.Errorf("general feedback %q", q.GeneralFeedback)
	}
	for src, want := range map[string]struct {
		text string
		f    Format
	}{
		"[x]Unknown stays{T}":    {"[x]Unknown stays", FormatNone},
		"[HTML]Case matters{T}":  {"[HTML]Case matters", FormatNone},
		"[html Not closed{T}":    {"[html Not closed", FormatNone},
		" [plain]Plain{T}":       {"Plain", FormatPlain},
		"[markdown]*md*":         {"*md*", FormatMarkdown},
		"Middle [html] only{T}":  {"Middle [html] only", FormatNone},
		"[moodle]Auto-format{T}": {"Auto-format", FormatMoodle},
	} {
		q := parseOne(t, src)
		if q.Text != want.text || q.TextFormat != want.f {
			t.Errorf("%q: text %q format %q, want %q %q", src, q.Text, q.TextFormat, want.text, want.f)
		}
	}
}

func TestMissingWord(t *testing.T) {
	q := parseOne(t, "{~Lock =Always lock} your screen.")
	if !q.MissingWord || q.Text != "_____ your screen." {
		t.Errorf("block first: %+v", q)
	}
	q = parseOne(t, "Lock it.{=yes ~no}")
	if q.MissingWord || q.Text != "Lock it." {
		t.Errorf("block last: %+v", q)
	}
	q = parseOne(t, "Ends with a brace \\}{T}")
	if q.MissingWord || q.Text != "Ends with a brace }" {
		t.Errorf("escaped brace: %+v", q)
	}
	q = parseOne(t, "A {T} B")
	if !q.MissingWord || q.Text != "A _____ B" || q.Kind != TrueFalse {
		t.Errorf("true/false missing word: %+v", q)
	}
}

func TestGeneralFeedbackUsesLastSeparator(t *testing.T) {
	q := parseOne(t, "Q{=a ~b ####first####second}")
	if q.GeneralFeedback != "second" {
		t.Errorf("general feedback %q", q.GeneralFeedback)
	}
	// The text between the separators stays in the answers: as in Moodle,
	// b's feedback starts at its first "#".
	if q.Answers[1].Text != "b" || q.Answers[1].Feedback != "###first" {
		t.Errorf("answers %+v", q.Answers)
	}
	q = parseOne(t, `Q{=a ~b \#\#\#\#not feedback}`)
	if q.GeneralFeedback != "" || q.Answers[1].Text != "b ####not feedback" {
		t.Errorf("escaped: %+v", q)
	}
}

// TestTrueFalseFeedback: fb1 is for a wrong answer, fb2 for a right one,
// whatever the right answer is (Moodle's order, not gift-pegjs's).
func TestTrueFalseFeedback(t *testing.T) {
	q := parseOne(t, "Q{TRUE#wrong one#right one}")
	if !q.TrueFalse || q.FeedbackWrong != "wrong one" || q.FeedbackRight != "right one" {
		t.Errorf("%+v", q)
	}
	q = parseOne(t, "Q{F#only wrong}")
	if q.TrueFalse || q.FeedbackWrong != "only wrong" || q.FeedbackRight != "" {
		t.Errorf("%+v", q)
	}
	q = parseOne(t, "Q{T##right#with hash####general}")
	if q.FeedbackWrong != "" || q.FeedbackRight != "right#with hash" || q.GeneralFeedback != "general" {
		t.Errorf("%+v", q)
	}
}

func TestMultipleChoiceRules(t *testing.T) {
	// Text before the first "~" or "=" is an answer, as in Moodle.
	q := parseOne(t, "Q{first ~second =third}")
	if len(q.Answers) != 3 || q.Answers[0].Text != "first" || q.Answers[0].Fraction != 0 || !q.Single {
		t.Errorf("%+v", q.Answers)
	}
	// An unescaped "=" in feedback starts a new right answer (the
	// documented gotcha): "x=y" becomes feedback "x" and an answer "y".
	q = parseOne(t, "Q{=a#x=y ~b#c}")
	if len(q.Answers) != 3 || q.Answers[0].Feedback != "x" || q.Answers[1].Text != "y" || q.Answers[1].Fraction != 1 {
		t.Errorf("%+v", q.Answers)
	}
	// A "%" that is not a weight stays in the text.
	q = parseOne(t, "Q{=a ~%.5%b ~%5 off%c}")
	if q.Answers[1].Text != "%.5%b" || q.Answers[2].Text != "%5 off%c" {
		t.Errorf("%+v", q.Answers)
	}
	// "%100%" matches Moodle's pattern ([0-9]{1,2} then [0-9]*).
	q = parseOne(t, "Q{~%100%a ~b}")
	if q.Answers[0].Fraction != 1 {
		t.Errorf("%+v", q.Answers)
	}
	q = parseOne(t, "Q{~%5.%a ~%95%b}")
	if q.Answers[0].Fraction != 0.05 || q.Answers[1].Fraction != 0.95 {
		t.Errorf("%+v", q.Answers)
	}
}

func TestMultipleChoiceProblems(t *testing.T) {
	tests := []struct {
		src  string
		line int
		part string
	}{
		{"Q{~only}", 1, "at least 2 answers, but this one has 1"},
		{"Q{=only}", 1, "short"}, // no "~": a short answer, so no problem
		{"Q{\n=a\n~b\n~\n}", 4, "answer 3 is empty"},
		{"Q{=a ~~b}", 1, "answer 2 is empty"},
		{"Q{=a ~#feedback only}", 1, "answer 2 has no text"},
		{"Q{\n=%50%a\n~b\n}", 2, `answer 1 starts with "=" and the weight "%50%"`},
		{"Q{=a ~%150%b}", 1, `the weight "%150%" is outside -100% to 100%`},
		{"Q{=a ~%--50%b}", 1, `the weight "%--50%" is not a number`},
		{"Q{~%50%a ~%40%b ~c}", 1, "add up to 90%, not 100%"},
		{"Q{~%50%a ~%50%b ~%50%c}", 1, "add up to 150%, not 100%"},
		{"Q{~a ~b}", 1, "add up to 0%, not 100%"},
		{"Q{~%33%a ~%33%b ~%32%c}", 1, "add up to 98%, not 100%"},
	}
	for _, tt := range tests {
		if tt.part == "short" {
			if q := parseOne(t, tt.src); q.Kind != ShortAnswer {
				t.Errorf("%q: kind %v", tt.src, q.Kind)
			}
			continue
		}
		parseProblem(t, tt.src, tt.line, tt.part)
	}
	// Within 1% is accepted.
	parseOne(t, "Q{~%33.5%a ~%33%b ~%33%c}")
}

// TestCheckBest covers Moodle's "one answer must be 100%" check, which
// single-answer multiple choice, short answer and numerical share.
func TestCheckBest(t *testing.T) {
	if err := checkBest([]float64{0, 1, -1}); err != nil {
		t.Error(err)
	}
	err := checkBest([]float64{0.5, 0, -1})
	if err == nil || !strings.Contains(err.Error(), "no answer is fully right (the best earns 50%)") {
		t.Errorf("got %v", err)
	}
	if err := checkBest(nil); err == nil || !strings.Contains(err.Error(), "no answer is fully right") {
		t.Errorf("got %v", err)
	}
}

func TestShortAnswerRules(t *testing.T) {
	q := parseOne(t, "Q{=%50%half =full#yes =%-25%minus =%0%*#anything else}")
	want := []Answer{
		{Text: "half", Fraction: 0.5},
		{Text: "full", Fraction: 1, Feedback: "yes"},
		{Text: "minus", Fraction: -0.25},
		{Text: "*", Fraction: 0, Feedback: "anything else"},
	}
	for i := range want {
		if i >= len(q.Answers) || q.Answers[i] != want[i] {
			t.Fatalf("answers %+v, want %+v", q.Answers, want)
		}
	}
	q = parseOne(t, "Q{bare}") // no "=" at all: one full-mark answer
	if len(q.Answers) != 1 || q.Answers[0] != (Answer{Text: "bare", Fraction: 1}) {
		t.Errorf("%+v", q.Answers)
	}
	parseProblem(t, "Q{=%50%half =%20%less}", 1, "no answer is fully right (the best earns 50%)")
	parseProblem(t, "Q{=a ==b}", 1, "answer 2 is empty")
	parseProblem(t, "Q{=a =#fb}", 1, "answer 2 has no text")
	parseProblem(t, "Q{=%101%a}", 1, "outside -100% to 100%")
}

func TestMatchingRules(t *testing.T) {
	q := parseOne(t, "Q{=[html]<b>A</b> -> 1 =B->2 = -> 3 ####gf}")
	want := []Pair{{"<b>A</b>", "1"}, {"B", "2"}, {"", "3"}}
	if len(q.Pairs) != len(want) || q.GeneralFeedback != "gf" {
		t.Fatalf("%+v", q)
	}
	for i := range want {
		if q.Pairs[i] != want[i] {
			t.Errorf("pair %d = %+v, want %+v", i+1, q.Pairs[i], want[i])
		}
	}
	parseProblem(t, "Q{=a -> 1}", 1, "at least 2 pairs, but this one has 1")
	parseProblem(t, "Q{\n=a -> 1\n=b\n}", 3, `pair 2 ("b") has no "->"`)
	parseProblem(t, "Q{=a -> 1 =b ->}", 1, `pair 2 has no answer after "->"`)
	parseProblem(t, "Q{= -> 1 = -> 2}", 1, "at least one pair with a question")
}

func TestNumericalRules(t *testing.T) {
	tests := []struct {
		src  string
		want []NumberAnswer
	}{
		{"Q{#37}", []NumberAnswer{{Value: 37, Fraction: 1}}},
		{"Q{#0}", []NumberAnswer{{Value: 0, Fraction: 1}}}, // Moodle's empty("0") would refuse it
		{"Q{#-1.5e2:.5}", []NumberAnswer{{Value: -150, Tolerance: 0.5, Fraction: 1}}},
		{"Q{#-5..-1}", []NumberAnswer{{Value: -3, Tolerance: 2, Fraction: 1}}},
		{"Q{#2..2}", []NumberAnswer{{Value: 2, Fraction: 1}}},
		{"Q{# =%100%5:0#ok =%-50%6#no ~}", []NumberAnswer{{Value: 5, Fraction: 1, Feedback: "ok"}, {Value: 6, Fraction: -0.5, Feedback: "no"}, {Any: true}}},
		{"Q{#5 ~ #other####general}", []NumberAnswer{{Value: 5, Fraction: 1}, {Any: true, Feedback: "other"}}},
		{"Q{#=%50%4 =5}", []NumberAnswer{{Value: 4, Fraction: 0.5}, {Value: 5, Fraction: 1}}},
	}
	for _, tt := range tests {
		q := parseOne(t, tt.src)
		if len(q.Numbers) != len(tt.want) {
			t.Errorf("%q: %+v, want %+v", tt.src, q.Numbers, tt.want)
			continue
		}
		for i := range tt.want {
			if q.Numbers[i] != tt.want[i] {
				t.Errorf("%q: answer %d = %+v, want %+v", tt.src, i+1, q.Numbers[i], tt.want[i])
			}
		}
	}
	problems := []struct {
		src  string
		line int
		part string
	}{
		{"Q{#abc}", 1, `"abc" is not a number`},
		{"Q{#1,5}", 1, `"1,5" is not a number`},
		{"Q{#5:abc}", 1, `"abc" is not a number`},
		{"Q{#..5}", 1, `"..5" is not a number`},
		{"Q{#}", 1, "needs at least one answer"},
		{"Q{#~#only other}", 1, "needs at least one answer"},
		{"Q{#\n=5\n=\n}", 3, "answer 2 is empty"},
		{"Q{#5:-1}", 1, "cannot be negative"},
		{"Q{#5..1}", 1, "runs from high to low"},
		{"Q{#1e999}", 1, `"1e999" is too large`},
		{"Q{#1.7e308..1.7e308}", 1, "too large"},
		{"Q{#=%50%5}", 1, "no answer is fully right"},
		{"Q{#5\n~%50%4#close}", 2, `after "~" a numerical question takes only "#"`},
		{"Q{#5 ~#a ~#b}", 1, `only one "~#feedback"`},
		{"Q{#=%150%5}", 1, "outside -100% to 100%"},
	}
	for _, tt := range problems {
		parseProblem(t, tt.src, tt.line, tt.part)
	}
}

func TestCategoryPaths(t *testing.T) {
	tests := map[string]string{
		"$course$/top/Digital Skills/Cyber Security": "top/Digital Skills/Cyber Security",
		"Digital Skills/Data Protection":             "top/Digital Skills/Data Protection",
		"$system$/Staff":                             "top/Staff",
		"top":                                        "top",
		"top/A":                                      "top/A",
		"  A  /  B  ":                                "top/A/B",
		"Forms//Letters/2026":                        "top/Forms//Letters/2026",
		`Times\: 9\:00`:                              "top/Times: 9:00",
		"$Course$/A":                                 "top/$Course$/A",
	}
	for path, want := range tests {
		q := parseOne(t, "$CATEGORY: "+path+"\n\nQ{T}")
		if q.Category != want {
			t.Errorf("%q: category %q, want %q", path, q.Category, want)
		}
	}
	// A question before any $CATEGORY has no category.
	if q := parseOne(t, "Q{T}"); q.Category != "" {
		t.Errorf("category %q", q.Category)
	}
}

// TestCategoryBlockWithQuestion: Moodle reads the whole block as the
// category name and loses the question; Parse switches to the category
// on the first line and reports the rest.
func TestCategoryBlockWithQuestion(t *testing.T) {
	qs, ps := parseProblemCount(t, "$CATEGORY: A\n::Lost::Q{T}\n\nKept{T}", 1, 1)
	if qs[0].Category != "top/A" || qs[0].Text != "Kept" {
		t.Errorf("%+v", qs[0])
	}
	if ps[0].Line != 2 || !strings.Contains(ps[0].Message, "put a blank line after the $CATEGORY line") {
		t.Errorf("%v", ps[0])
	}
}

// TestBadCategoryKeepsPrevious: after a bad $CATEGORY the previous one
// stays in force.
func TestBadCategoryKeepsPrevious(t *testing.T) {
	qs, _ := parseProblemCount(t, "$CATEGORY: A\n\n$CATEGORY: B/\n\nQ{T}", 1, 1)
	if qs[0].Category != "top/A" {
		t.Errorf("category %q", qs[0].Category)
	}
}

// TestProblemsDoNotStopParsing: a bad block is skipped and the rest read.
func TestProblemsDoNotStopParsing(t *testing.T) {
	qs, ps := parseProblemCount(t, "A{T}\n\nB{~x}\n\nC{F}\n\nD{=a\n\nE{#1}", 3, 2)
	if qs[0].Text != "A" || qs[1].Text != "C" || qs[2].Text != "E" || ps[0].Line != 3 || ps[1].Line != 7 {
		t.Errorf("%+v %v", qs, ps)
	}
}

// TestZeroLine: Moodle (PHP's empty()) treats a line "0" as blank; Parse
// keeps it as text.
func TestZeroLine(t *testing.T) {
	q := parseOne(t, "How many?\n0\nOr more?{#0}")
	if q.Text != "How many?\n0\nOr more?" {
		t.Errorf("text %q", q.Text)
	}
}

func TestTrimsOnlyPHPSpace(t *testing.T) {
	// PHP's trim, and so Moodle, keeps a no-break space.
	q := parseOne(t, "\u00a0Q\u00a0{T}")
	if q.Text != "\u00a0Q\u00a0" {
		t.Errorf("text %q", q.Text)
	}
}
