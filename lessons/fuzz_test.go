package lessons

import (
	"errors"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// maxFuzzBytes caps fuzz inputs: lessons and manifests of real size are far
// smaller, and larger inputs only slow the fuzzer down.
const maxFuzzBytes = 64 << 10

// fuzzHang is how long one Load may take before a fuzz target reports it.
// It is a guard against hangs, far above the time a valid input needs.
const fuzzHang = 10 * time.Second

const (
	fuzzLessonFile = "lessons/fuzz.md"
	fuzzManifest   = `format: 1
id: fuzz-pack
title: Fuzz pack
version: 1.0.0
authors: [Fuzz]
licence: CC0-1.0
summary: A pack for fuzzing one lesson.
modules:
  - id: fuzz
    title: Fuzz
    summary: The fuzzed lesson.
    lessons: [fuzz-lesson]
`
)

// fuzzSeedLesson is a realistic valid lesson for the fuzzed manifest.
const fuzzSeedLesson = `---
id: fuzz-lesson
title: Spotting phishing
minutes: 8
objectives:
  - Spot the signs of a phishing email
sources:
  - title: "NCSC: Phishing"
    url: https://www.ncsc.gov.uk/guidance/phishing
    checked: 2026-11-01
quiz:
  pass_mark: 75
  shuffle_questions: true
  questions:
    - id: urgent
      type: single
      prompt: An email says your account closes **today**. What do you do?
      choices:
        - text: Click the link
          feedback: Urgency is a classic sign.
        - text: Report it
          correct: true
      explanation: Report suspicious emails.
    - id: signs
      type: multiple
      prompt: Which are signs of phishing?
      choices:
        - text: Urgency
          correct: true
        - text: A sender you know, writing as usual
      explanation: Urgency is a sign.
    - id: safe
      type: true_false
      prompt: Attachments are always safe.
      answer: false
      wrong_feedback: They are not.
      explanation: Attachments can carry malware.
    - id: forward
      type: text
      prompt: Forward suspicious texts to which number?
      accept: ["7726"]
      explanation: 7726 is free.
    - id: hours
      type: number
      prompt: How many hours to report a breach?
      answer: 72
      tolerance: 0
      unit: hours
      explanation: 72 hours.
---
## Phishing

Criminals send emails that *look* real. See [the NCSC](https://www.ncsc.gov.uk).

| sign | example |
|---|---|
| urgency | "today" |

> Report it.

` + "```\ncode &#27;\n```\n"

// FuzzParseLesson feeds arbitrary bytes as the one lesson file of a pack
// with a fixed manifest. Load must never panic or hang; a refused lesson
// must give well-formed problems; and a loaded lesson must satisfy the
// format's invariants and hold only safe text.
func FuzzParseLesson(f *testing.F) {
	f.Add([]byte(fuzzSeedLesson))
	f.Add([]byte(strings.ReplaceAll(fuzzSeedLesson, "\n", "\r\n")))
	f.Add([]byte("\ufeff" + fuzzSeedLesson))
	f.Add([]byte("---\nid: fuzz-lesson\ntitle: T\nminutes: 1\nobjectives: [o]\n---\n&#011\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzBytes {
			return
		}
		fsys := fstest.MapFS{
			ManifestFile:   {Data: []byte(fuzzManifest)},
			fuzzLessonFile: {Data: data},
		}
		p := fuzzLoad(t, fsys)
		if p == nil {
			return
		}
		if p.LessonCount() != 1 {
			t.Fatalf("%d lessons loaded", p.LessonCount())
		}
		l, ok := p.Lesson("fuzz-lesson")
		if !ok {
			t.Fatal("the loaded lesson is not fuzz-lesson")
		}
		if l.File != fuzzLessonFile || l.ModuleID != "fuzz" {
			t.Errorf("File %q ModuleID %q", l.File, l.ModuleID)
		}
		checkPackInvariants(t, p)
	})
}

// FuzzManifest feeds arbitrary bytes as pack.yaml, with two fixed valid
// lessons (one with every question type, one without a quiz).
func FuzzManifest(f *testing.F) {
	f.Add([]byte(validManifest))
	f.Add([]byte(strings.ReplaceAll(validManifest, "\n", "\r\n")))
	f.Add([]byte(billionLaughs))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzBytes {
			return
		}
		fsys := fstest.MapFS{
			ManifestFile: {Data: data},
			firstFile:    {Data: []byte(firstLesson)},
			secondFile:   {Data: []byte(secondLessonNoQuiz)},
		}
		p := fuzzLoad(t, fsys)
		if p == nil {
			return
		}
		if p.LessonCount() != 2 {
			t.Fatalf("%d lessons loaded", p.LessonCount())
		}
		checkPackInvariants(t, p)
	})
}

// fuzzLoad loads fsys within the hang guard. For a refused pack it checks
// the problems and returns nil.
func fuzzLoad(t *testing.T, fsys fstest.MapFS) *Pack {
	t.Helper()
	start := time.Now()
	p, err := Load(fsys)
	if d := time.Since(start); d > fuzzHang {
		t.Errorf("Load took %v", d)
	}
	if err == nil {
		if p == nil {
			t.Fatal("Load returned neither a pack nor an error")
		}
		return p
	}
	if p != nil {
		t.Fatalf("Load returned a pack and an error: %v", err)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Load error %T, want *ValidationError: %v", err, err)
	}
	if ve.Errors() == 0 {
		t.Fatalf("ValidationError with no errors: %v", ve)
	}
	checkProblems(t, fsys, ve.Problems)
	return nil
}

// checkProblems checks that problems are sorted, name a file of the pack
// (or the lessons folder), have a line inside that file, and are one line
// of valid UTF-8 text without control characters.
func checkProblems(t *testing.T, fsys fstest.MapFS, problems []Problem) {
	t.Helper()
	for i, p := range problems {
		if i > 0 {
			q := problems[i-1]
			if q.File > p.File || q.File == p.File && q.Line > p.Line {
				t.Errorf("problems out of order: %v before %v", q, p)
			}
		}
		f, ok := fsys[p.File]
		if !ok && p.File != LessonsDir {
			t.Errorf("problem names a file the pack does not have: %v", p)
			continue
		}
		if max := 1; ok {
			max = strings.Count(string(f.Data), "\n") + 1
			if p.Line < 0 || p.Line > max {
				t.Errorf("problem line %d outside the file's %d lines: %v", p.Line, max, p)
			}
		}
		if p.Message == "" {
			t.Errorf("empty message: %+v", p)
		}
		s := p.String()
		if !utf8.ValidString(s) {
			t.Errorf("problem is not valid UTF-8: %q", s)
		}
		for _, r := range s {
			if r < 0x20 || r >= 0x7f && r <= 0x9f {
				t.Errorf("problem holds control character %U: %q", r, s)
				break
			}
		}
	}
}

// checkPackInvariants checks what every loaded pack must satisfy.
func checkPackInvariants(t *testing.T, p *Pack) {
	t.Helper()
	checkNoDisallowedRunes(t, p)
	for _, w := range p.Warnings {
		if w.Severity != Warning || w.Line < 1 || strings.ContainsAny(w.String(), "\x1b\x07") {
			t.Errorf("bad warning %+v", w)
		}
	}
	if p.Format != FormatVersion || !ValidID(p.ID) || p.Version == "" || p.Language == "" {
		t.Errorf("pack: format %d id %q version %q language %q", p.Format, p.ID, p.Version, p.Language)
	}
	lines := []string{p.Title, p.Licence}
	lines = append(lines, p.Authors...)
	texts := []string{p.Summary}

	if n := len(p.Modules); n < 1 || n > maxModules {
		t.Errorf("%d modules", n)
	}
	modules := map[string]bool{}
	inModule := map[string]string{}
	for i := range p.Modules {
		m := &p.Modules[i]
		if !ValidID(m.ID) || modules[m.ID] {
			t.Errorf("module id %q invalid or repeated", m.ID)
		}
		modules[m.ID] = true
		lines = append(lines, m.Title)
		texts = append(texts, m.Summary)
		if len(m.LessonIDs) == 0 {
			t.Errorf("module %q has no lessons", m.ID)
		}
		for _, id := range m.LessonIDs {
			l, ok := p.Lesson(id)
			if !ok {
				t.Errorf("module %q names missing lesson %q", m.ID, id)
				continue
			}
			if other, dup := inModule[id]; dup {
				t.Errorf("lesson %q in modules %q and %q", id, other, m.ID)
			}
			inModule[id] = m.ID
			if l.ModuleID != m.ID {
				t.Errorf("lesson %q ModuleID %q, want %q", id, l.ModuleID, m.ID)
			}
		}
	}
	if len(inModule) != p.LessonCount() {
		t.Errorf("%d lessons in modules, %d in the pack", len(inModule), p.LessonCount())
	}
	audiences := map[Audience]bool{}
	for _, path := range p.Paths {
		if !path.Audience.Valid() || audiences[path.Audience] {
			t.Errorf("path audience %q invalid or repeated", path.Audience)
		}
		audiences[path.Audience] = true
		lines = append(lines, path.Title)
		if len(path.ModuleIDs) == 0 {
			t.Errorf("path %q has no modules", path.Audience)
		}
		for _, id := range path.ModuleIDs {
			if !modules[id] {
				t.Errorf("path %q names missing module %q", path.Audience, id)
			}
		}
	}
	for _, a := range Audiences {
		for _, m := range p.ModulesFor(a) {
			if m == nil {
				t.Errorf("ModulesFor(%s) holds nil", a)
			}
		}
	}
	badges := map[string]bool{}
	for _, b := range p.Badges {
		if !ValidID(b.ID) || badges[b.ID] {
			t.Errorf("badge id %q invalid or repeated", b.ID)
		}
		badges[b.ID] = true
		lines = append(lines, b.Title)
		texts = append(texts, b.Description)
		checkRuleInvariants(t, p, b)
	}

	for _, m := range p.Modules {
		for _, l := range p.LessonsOf(&m) {
			lines = append(lines, l.Title)
			lines = append(lines, l.Objectives...)
			if !ValidID(l.ID) || l.Minutes < 1 || l.Minutes > maxMinutes || len(l.Objectives) == 0 {
				t.Errorf("lesson %q: minutes %d, %d objectives", l.ID, l.Minutes, len(l.Objectives))
			}
			for _, s := range l.Sources {
				lines = append(lines, s.Title)
				if s.URL != "" && !termsafe.AllowedURL(s.URL) || s.Checked.IsZero() {
					t.Errorf("lesson %q source %+v", l.ID, s)
				}
			}
			if termsafe.Markdown(l.Body) != l.Body || strings.TrimSpace(l.Body) == "" || strings.Contains(l.Body, "\r") {
				t.Errorf("lesson %q body is empty, holds CR or is not a fixed point of termsafe.Markdown: %q", l.ID, l.Body)
			}
			for _, r := range html.UnescapeString(outsideCode(l.Body)) {
				if disallowedRune(r) {
					t.Errorf("lesson %q: decoding the body's references gives %U", l.ID, r)
					break
				}
			}
			if l.Quiz != nil {
				ls, ts := checkQuizInvariants(t, l)
				lines, texts = append(lines, ls...), append(texts, ts...)
			}
		}
	}
	for _, s := range lines {
		if termsafe.Line(s) != s {
			t.Errorf("one-line field %q is not a fixed point of termsafe.Line", s)
		}
	}
	for _, s := range texts {
		if termsafe.Text(s) != s {
			t.Errorf("text field %q is not a fixed point of termsafe.Text", s)
		}
	}
}

func checkRuleInvariants(t *testing.T, p *Pack, b Badge) {
	t.Helper()
	r := b.Rule
	switch r.Type {
	case RuleModuleComplete, RuleModuleQuizzes:
		m, ok := p.Module(r.Module)
		if !ok {
			t.Errorf("badge %q: unknown module %q", b.ID, r.Module)
			return
		}
		if r.Type == RuleModuleQuizzes {
			quizzes := 0
			for _, l := range p.LessonsOf(m) {
				if l.Quiz != nil {
					quizzes++
				}
			}
			if quizzes == 0 || r.MinScore < 1 || r.MinScore > 100 {
				t.Errorf("badge %q: %d quizzes, min_score %d", b.ID, quizzes, r.MinScore)
			}
		}
	case RulePerfectScore:
		if r.Lesson != "" {
			if l, ok := p.Lesson(r.Lesson); !ok || l.Quiz == nil {
				t.Errorf("badge %q: lesson %q missing or without a quiz", b.ID, r.Lesson)
			}
		} else if p.QuestionCount() == 0 {
			t.Errorf("badge %q: perfect_score in a pack without quizzes", b.ID)
		}
	case RulePathComplete:
		if _, ok := p.Path(r.Path); !ok {
			t.Errorf("badge %q: no path for %q", b.ID, r.Path)
		}
	default:
		t.Errorf("badge %q: rule type %q", b.ID, r.Type)
	}
}

// checkQuizInvariants checks a loaded quiz and returns its one-line and
// multi-line text fields.
func checkQuizInvariants(t *testing.T, l *Lesson) (lines, texts []string) {
	t.Helper()
	q := l.Quiz
	if q.PassMark < 1 || q.PassMark > 100 {
		t.Errorf("lesson %q: pass mark %d", l.ID, q.PassMark)
	}
	if n := len(q.Questions); n < 1 || n > maxQuestions {
		t.Errorf("lesson %q: %d questions", l.ID, n)
	}
	ids := map[string]bool{}
	for i := range q.Questions {
		qu := &q.Questions[i]
		if !ValidID(qu.ID) || ids[qu.ID] {
			t.Errorf("question id %q invalid or repeated", qu.ID)
		}
		ids[qu.ID] = true
		texts = append(texts, qu.Prompt, qu.Explanation, qu.WrongFeedback)
		lines = append(lines, qu.Unit)
		for _, a := range qu.Accept {
			lines = append(lines, a.Text)
			texts = append(texts, a.Feedback)
		}
		for _, p := range qu.Pairs {
			lines = append(lines, p.Prompt, p.Answer)
		}
		lines = append(lines, qu.Distractors...)
		lines = append(lines, qu.Items...)
		correct := len(qu.CorrectChoices())
		for _, c := range qu.Choices {
			lines = append(lines, c.Text)
			texts = append(texts, c.Feedback)
		}
		switch qu.Type {
		case SingleChoice, MultipleChoice:
			if n := len(qu.Choices); n < 2 || n > maxChoices {
				t.Errorf("question %q: %d choices", qu.ID, n)
			}
			if qu.Type == SingleChoice && correct != 1 || correct == 0 {
				t.Errorf("%s question %q: %d correct choices", qu.Type, qu.ID, correct)
			}
		case TrueFalse:
			if len(qu.Choices) != 2 || qu.Choices[0].Text != "True" || qu.Choices[1].Text != "False" || correct != 1 {
				t.Errorf("true_false question %q: choices %+v", qu.ID, qu.Choices)
			}
		case TextAnswer:
			seen := map[string]bool{}
			for _, a := range qu.Accept {
				if n := NormaliseAnswer(a.Text); seen[n] || n == "" {
					t.Errorf("text question %q: accepted answer %q empty or repeated", qu.ID, a.Text)
				}
				seen[NormaliseAnswer(a.Text)] = true
			}
			if len(qu.Accept) == 0 || !qu.Grade(Response{Text: qu.CorrectAnswer()}) {
				t.Errorf("text question %q: its own answer %v is not accepted", qu.ID, qu.Accept)
			}
		case NumberAnswer:
			if len(qu.Numbers) != 1 {
				t.Fatalf("number question %q: %d answers", qu.ID, len(qu.Numbers))
			}
			right := qu.Numbers[0]
			if math.IsNaN(right.Value) || math.IsInf(right.Value, 0) || right.Tolerance < 0 || math.IsInf(right.Tolerance, 0) {
				t.Errorf("number question %q: answer %v tolerance %v", qu.ID, right.Value, right.Tolerance)
			}
			// A unit holding digits could be read as part of the number.
			if !strings.ContainsAny(qu.Unit, "0123456789") {
				answer := strconv.FormatFloat(right.Value, 'f', -1, 64)
				if !qu.Grade(Response{Text: answer}) || !qu.Grade(Response{Text: answer + " " + qu.Unit}) {
					t.Errorf("number question %q: its own answer %s %s is wrong", qu.ID, answer, qu.Unit)
				}
			}
		case Matching:
			if n := len(qu.Pairs); n < 2 || n > maxChoices {
				t.Errorf("matching question %q: %d pairs", qu.ID, n)
			}
			right := make([]int, len(qu.Pairs))
			for i, p := range qu.Pairs {
				right[i] = slices.Index(qu.MatchOptions(), p.Answer)
			}
			if !qu.Grade(Response{Choices: right}) {
				t.Errorf("matching question %q: its own pairs are graded wrong", qu.ID)
			}
		case Ordering:
			if n := len(qu.Items); n < 2 || n > maxChoices {
				t.Errorf("ordering question %q: %d items", qu.ID, n)
			}
			order := make([]int, len(qu.Items))
			for i := range order {
				order[i] = i
			}
			if !qu.Grade(Response{Choices: order}) {
				t.Errorf("ordering question %q: the right order is graded wrong", qu.ID)
			}
		default:
			t.Errorf("question %q: type %q", qu.ID, qu.Type)
		}
		if qu.Type.HasChoices() {
			if !qu.Grade(Response{Choices: qu.CorrectChoices()}) {
				t.Errorf("question %q: its correct choices are graded wrong", qu.ID)
			}
			_ = qu.Describe(Response{Choices: []int{-1, 0, len(qu.Choices)}})
		}
		_ = qu.CorrectAnswer()
	}
	return lines, texts
}
