package lessons

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWithinOneEditAgreesWithOSA checks the fast test against the full
// optimal string alignment distance, on chosen pairs and on random ones
// over a small alphabet (where near misses are common).
func TestWithinOneEditAgreesWithOSA(t *testing.T) {
	cases := []struct {
		a, b string
		dist int
	}{
		{"customer journey map", "customer journey map", 0},
		{"customer journey map", "custmer journey map", 1},   // deletion
		{"customer journey map", "customer journey maps", 1}, // insertion
		{"customer journey map", "customer jorney nap", 2},
		{"customer journey map", "cusotmer journey map", 1}, // swap
		{"customer journey map", "customre journey map", 1}, // swap
		{"ca", "abc", 3}, // OSA, not full Damerau (which gives 2)
		{"data controller", "data controler", 1},
		{"café", "cafe", 1}, // one rune, not one byte
		{"", "a", 1},
		{"ab", "ba", 1},
	}
	for _, c := range cases {
		if got := osaDistance(c.a, c.b); got != c.dist {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.dist)
		}
		if got := withinOneEdit(c.a, c.b); got != (c.dist <= 1) {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.dist <= 1)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(6))
		for i := range b {
			b[i] = "abc"[rng.IntN(3)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if withinOneEdit(a, b) != (osaDistance(a, b) <= 1) || withinOneEdit(a, b) != withinOneEdit(b, a) {
			t.Fatalf("withinOneEdit(%q, %q) = %v, osaDistance %d", a, b, withinOneEdit(a, b), osaDistance(a, b))
		}
	}
}

func TestTypoForgivenInLongAnswers(t *testing.T) {
	q := &Question{Type: TextAnswer, Accept: []Accepted{
		{Text: "Customer journey map", Score: 1},
		{Text: "journey*", Score: 0.5},
		{Text: "Cymraeg", Score: 1}, // 7 letters: too short to forgive
	}}
	cases := []struct {
		typed   string
		score   float64
		typo    bool
		matched string
	}{
		{"customer journey map", 1, false, "Customer journey map"},
		{"Custmer Journey Map", 1, true, "Customer journey map"},
		{"  CUSTOMER  JOURENY MAP ", 1, true, "Customer journey map"},
		{"custmer jurney map", 0, false, ""}, // two slips
		{"Cymraeg", 1, false, "Cymraeg"},
		{"Cymreag", 0, false, ""}, // a slip in a short answer is not forgiven
		{"journeyx", 0.5, false, "journey*"},
		{"journe", 0, false, ""}, // wildcard patterns are never fuzzy
	}
	for _, c := range cases {
		m := q.Mark(Response{Text: c.typed})
		if m.Score != c.score || m.Typo != c.typo || m.Matched != c.matched {
			t.Errorf("Mark(%q) = %+v, want score %v typo %v matched %q", c.typed, m, c.score, c.typo, c.matched)
		}
		if s := q.Score(Response{Text: c.typed}); s != c.score {
			t.Errorf("Score(%q) = %v, Mark says %v", c.typed, s, c.score)
		}
	}
	q.Typos = TyposStrict
	if m := q.Mark(Response{Text: "Custmer Journey Map"}); m.Score != 0 || m.Typo {
		t.Errorf("strict question forgave a slip: %+v", m)
	}
	if m := q.Mark(Response{Text: "customer journey map"}); m.Score != 1 {
		t.Errorf("strict question refused the right answer: %+v", m)
	}
}

// TestQuizRulesResolve loads typos and shuffle from question, quiz and
// pack, with the defaults: slips forgiven, choices shuffled.
func TestQuizRulesResolve(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, firstFile, "  shuffle_choices: true\n", "")
	p := mustLoad(t, fsys)
	first, _ := p.Lesson("first-lesson")
	second, _ := p.Lesson("second-lesson")
	if q, _ := first.Quiz.Question("pick-one"); q.KeepOrder || !first.Quiz.ShuffleChoices {
		t.Errorf("default: KeepOrder %v, quiz ShuffleChoices %v; want shuffled", q.KeepOrder, first.Quiz.ShuffleChoices)
	}
	if q, _ := second.Quiz.Question("type-it"); q.Typos != TyposForgive {
		t.Errorf("default typos = %q, want forgive", q.Typos)
	}

	fsys = validPack()
	edit(t, fsys, firstFile, "  shuffle_choices: true\n", "  shuffle_choices: false\n")
	edit(t, fsys, firstFile, "      type: multiple\n", "      type: multiple\n      shuffle: true\n")
	edit(t, fsys, secondFile, "  pass_mark: 50\n", "  pass_mark: 50\n  typos: strict\n")
	p = mustLoad(t, fsys)
	first, _ = p.Lesson("first-lesson")
	second, _ = p.Lesson("second-lesson")
	one, _ := first.Quiz.Question("pick-one")
	many, _ := first.Quiz.Question("pick-many")
	if !one.KeepOrder || many.KeepOrder {
		t.Errorf("quiz shuffle_choices false with one question's shuffle true: KeepOrder %v and %v, want true and false", one.KeepOrder, many.KeepOrder)
	}
	if q, _ := second.Quiz.Question("type-it"); q.Typos != TyposStrict {
		t.Errorf("quiz typos strict: question has %q", q.Typos)
	}

	fsys = validPack()
	edit(t, fsys, ManifestFile, "licence: OGL-UK-3.0\n", "licence: OGL-UK-3.0\ntypos: strict\n")
	edit(t, fsys, firstFile, "      type: single\n", "      type: single\n      shuffle: false\n")
	p = mustLoad(t, fsys)
	first, _ = p.Lesson("first-lesson")
	second, _ = p.Lesson("second-lesson")
	if q, _ := second.Quiz.Question("type-it"); q.Typos != TyposStrict {
		t.Errorf("pack typos strict: question has %q", q.Typos)
	}
	if q, _ := first.Quiz.Question("pick-one"); !q.KeepOrder {
		t.Error("shuffle: false on a question did not keep its order")
	}
	edit(t, fsys, secondFile, "      type: text\n", "      type: text\n      typos: forgive\n")
	p = mustLoad(t, fsys)
	second, _ = p.Lesson("second-lesson")
	if q, _ := second.Quiz.Question("type-it"); q.Typos != TyposForgive {
		t.Errorf("question typos forgive in a strict pack: %q", q.Typos)
	}
}

func TestQuizRulesProblems(t *testing.T) {
	cases := []struct {
		file, old, new string
		line           int
		msg            string
	}{
		{secondFile, "      type: text\n", "      type: text\n      typos: loose\n", 12, `typos must be strict or forgive, found "loose"`},
		{firstFile, "      type: true_false\n", "      type: true_false\n      shuffle: false\n", 37, `field "shuffle" does not apply to a true_false question`},
		{secondFile, "      type: number\n", "      type: number\n      typos: strict\n", 20, `field "typos" does not apply to a number question`},
		{firstFile, "      type: single\n", "      type: single\n      shuffle: maybe\n", 17, `"shuffle" must be true or false`},
	}
	for _, c := range cases {
		fsys := validPack()
		edit(t, fsys, c.file, c.old, c.new)
		problems := loadProblems(t, fsys)
		if _, ok := findProblem(problems, c.file, c.line, c.msg); !ok {
			t.Errorf("want %s:%d: %s; got:\n%s", c.file, c.line, c.msg, listProblems(problems))
		}
	}
}

// TestWarnsOfFeedbackThatLooksLikeAMark: pack text that starts a line with
// one of Upskill's marks could pass for Upskill's own verdict.
func TestWarnsOfFeedbackThatLooksLikeAMark(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, secondFile, "      wrong_feedback: It is Cymraeg.\n", "      wrong_feedback: \"It is Cymraeg.\\n✓ Correct\"\n")
	edit(t, fsys, firstFile, "          feedback: Not this one.\n", "          feedback: \"  ★ New badge\"\n")
	p := mustLoad(t, fsys)
	got := listProblems(p.Warnings)
	for _, want := range []string{
		`lessons/second-lesson.md:16: warning: question "type-it": wrong_feedback has a line starting with a mark that Upskill uses for its own verdicts (✓ Correct)`,
		`lessons/first-lesson.md:20: warning: question "pick-one", choice 1: feedback has a line starting with a mark`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}

func TestWarnsOfLinkTextNamingAnotherAddress(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, firstFile, "Some text with a [link](https://example.org).\n",
		"Some text with a [link](https://example.org).\nSee [https://www.gov.uk](https://evil.example), [gov.uk/guidance](https://www.gov.uk/guidance)\nand [www.ncsc.gov.uk](https://ncsc.gov.uk/x) and [Contact us](https://evil.example).\n")
	p := mustLoad(t, fsys)
	got := listProblems(p.Warnings)
	want := `lessons/first-lesson.md:45: warning: the link text "https://www.gov.uk" reads as an address but the link goes to "https://evil.example"`
	if !strings.Contains(got, want) {
		t.Errorf("warnings lack %q:\n%s", want, got)
	}
	if n := strings.Count(got, "reads as an address"); n != 1 {
		t.Errorf("%d link warnings, want 1 (honest links and plain text are fine):\n%s", n, got)
	}
}

func TestMatchHintFitsTheQuestion(t *testing.T) {
	pairs := []Pair{{"A", "1"}, {"B", "2"}}
	cases := []struct {
		q    Question
		want string
	}{
		{Question{Type: Matching, Pairs: pairs}, "2 answers to choose from; each is used once."},
		{Question{Type: Matching, Pairs: pairs, Distractors: []string{"3"}}, "3 answers to choose from; each is used once at most, and some are not used."},
		{Question{Type: Matching, Pairs: []Pair{{"A", "1"}, {"B", "1"}, {"C", "2"}}}, "2 answers to choose from; an answer may be used more than once."},
	}
	for _, c := range cases {
		if got := c.q.MatchHint(); got != c.want {
			t.Errorf("MatchHint(%v) = %q, want %q", c.q.Pairs, got, c.want)
		}
	}
	res := cases[1].q.MatchResults(Response{Choices: []int{0, 2}})
	if len(res) != 2 || !res[0].Correct() || res[1].Correct() || res[1].Given != "3" || res[1].Right != "2" {
		t.Errorf("MatchResults = %+v", res)
	}
	if res := cases[0].q.MatchResults(Response{Choices: []int{-1}}); res[0].Given != "" || res[1].Given != "" {
		t.Errorf("MatchResults of a short answer = %+v", res)
	}
}

// BenchmarkMarkTextWithSlip measures marking a typed answer that needs the
// slip search: every accepted answer is compared twice.
func BenchmarkMarkTextWithSlip(b *testing.B) {
	q := &Question{Type: TextAnswer, Accept: []Accepted{
		{Text: "customer journey map", Score: 1}, {Text: "service blueprint", Score: 1}, {Text: "user journey*", Score: 0.5},
	}}
	r := Response{Text: "Custmer Journey Map"}
	b.ReportAllocs()
	for b.Loop() {
		if !q.Mark(r).Typo {
			b.Fatal("no slip found")
		}
	}
}
