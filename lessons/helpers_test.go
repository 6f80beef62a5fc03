package lessons

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The valid test pack. Line numbers are given in the comments because the
// validation tests assert the exact line of each problem.
const (
	validManifest = `format: 1
id: test-pack
title: Test pack
version: 1.0.0
language: en-GB
authors:
  - Test team
licence: OGL-UK-3.0
summary: A small pack for tests.
modules:
  - id: basics
    title: Basics
    summary: The first module.
    lessons:
      - first-lesson
  - id: more
    title: More
    summary: The second module.
    lessons:
      - second-lesson
paths:
  - audience: staff
    title: Staff path
    modules: [basics, more]
  - audience: manager
    title: Manager path
    modules: [more]
badges:
  - id: basics-done
    title: Basics done
    description: Finished the basics.
    rule:
      type: module_complete
      module: basics
  - id: sharp
    title: Sharp
    description: Scored well in the basics.
    rule:
      type: module_quizzes
      module: basics
      min_score: 80
  - id: flawless
    title: Flawless
    description: Scored 100% on the first lesson.
    rule:
      type: perfect_score
      lesson: first-lesson
  - id: staff-done
    title: Staff done
    description: Finished the staff path.
    rule:
      type: path_complete
      path: staff
`
	// Manifest lines: 1 format, 3 title, 11 module basics, 15 "- first-lesson",
	// 16 module more, 20 "- second-lesson", 22 path staff, 24 its modules,
	// 25 path manager, 29 badge basics-done, 33 its rule type, 34 its module,
	// 35 badge sharp, 39 its rule type, 40 its module, 41 min_score,
	// 42 badge flawless, 46 its rule type, 47 its lesson, 48 badge
	// staff-done, 52 its rule type, 53 its path.

	firstLesson = `---
id: first-lesson
title: First lesson
minutes: 5
objectives:
  - Know the first thing
sources:
  - title: "NCSC: Three random words"
    url: https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online/three-random-words
    checked: 2026-11-01
quiz:
  pass_mark: 60
  shuffle_choices: true
  questions:
    - id: pick-one
      type: single
      prompt: Which is right?
      choices:
        - text: Wrong answer
          feedback: Not this one.
        - text: Right answer
          correct: true
      explanation: Because it is.
    - id: pick-many
      type: multiple
      prompt: Which are right?
      choices:
        - text: Yes one
          correct: true
        - text: Yes two
          correct: true
        - text: No
          feedback: Not this.
      explanation: Both yeses.
    - id: is-it
      type: true_false
      prompt: Is it true?
      answer: false
      wrong_feedback: It is false.
      explanation: It was never true.
---
## Why it matters

Some text with a [link](https://example.org).

> A quote

- a list
  - nested
`
	// First lesson lines: 2 id, 3 title, 4 minutes, 6 objective, 9 url,
	// 10 checked, 12 pass_mark, 14 questions, 15 pick-one, 16 its type,
	// 18 its choices, 19 choice 1, 21 choice 2, 22 "correct: true",
	// 24 pick-many, 27 its choices, 28 choice 1, 35 is-it, 38 answer,
	// 41 closing ---, 42 body starts, 44 link paragraph, 46 quote.

	secondLesson = `---
id: second-lesson
title: Second lesson
minutes: 7
objectives:
  - Know the second thing
quiz:
  pass_mark: 50
  questions:
    - id: type-it
      type: text
      prompt: What is Welsh called in Welsh?
      accept:
        - Cymraeg
        - Welsh language
      wrong_feedback: It is Cymraeg.
      explanation: Welsh speakers call it Cymraeg.
    - id: how-many
      type: number
      prompt: Within how many hours must a breach be reported?
      answer: 72
      tolerance: 1
      unit: hours
      explanation: Seventy-two hours.
---
## Second

Text.
`
	// Second lesson lines: 2 id, 10 type-it, 13 accept, 14 "- Cymraeg",
	// 15 "- Welsh language", 18 how-many, 22 tolerance, 25 closing ---,
	// 26 body starts.

	// secondLessonNoQuiz is the second lesson without its quiz.
	secondLessonNoQuiz = `---
id: second-lesson
title: Second lesson
minutes: 7
objectives:
  - Know the second thing
---
## Second

Text.
`
	firstLessonNoQuiz = `---
id: first-lesson
title: First lesson
minutes: 5
objectives:
  - Know the first thing
---
## First

Text.
`
)

const (
	firstFile  = "lessons/first-lesson.md"
	secondFile = "lessons/second-lesson.md"
)

// validPack returns a fresh copy of the valid test pack: a manifest with two
// modules, two paths and four badges (one of each rule type), and two lessons
// whose quizzes hold all five question types.
func validPack() fstest.MapFS {
	return fstest.MapFS{
		ManifestFile: {Data: []byte(validManifest)},
		firstFile:    {Data: []byte(firstLesson)},
		secondFile:   {Data: []byte(secondLesson)},
	}
}

// edit replaces old with new in a file of fsys. old must occur exactly once,
// so that a mutation cannot silently miss.
func edit(t testing.TB, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	f, ok := fsys[file]
	if !ok {
		t.Fatalf("edit: no file %s", file)
	}
	if n := strings.Count(string(f.Data), old); n != 1 {
		t.Fatalf("edit: %q occurs %d times in %s, want once", old, n, file)
	}
	f.Data = []byte(strings.Replace(string(f.Data), old, new, 1))
}

// setFile replaces or adds a file.
func setFile(fsys fstest.MapFS, file, content string) {
	fsys[file] = &fstest.MapFile{Data: []byte(content)}
}

// loadProblems loads a pack that must be invalid and returns its problems.
// It fails the test unless Load gives a nil pack and a *ValidationError.
func loadProblems(t testing.TB, fsys fstest.MapFS) []Problem {
	t.Helper()
	p, err := Load(fsys)
	if p != nil {
		t.Errorf("Load returned a pack for an invalid pack")
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Load error = %v (%T), want a *ValidationError", err, err)
	}
	if len(ve.Problems) == 0 || ve.Errors() == 0 {
		t.Fatalf("ValidationError with no errors: %+v", ve.Problems)
	}
	return ve.Problems
}

// mustLoad loads a pack that must be valid.
func mustLoad(t testing.TB, fsys fstest.MapFS) *Pack {
	t.Helper()
	p, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if p == nil {
		t.Fatal("Load returned no pack and no error")
	}
	return p
}

// findProblem returns the problem at file:line whose message contains msg.
func findProblem(problems []Problem, file string, line int, msg string) (Problem, bool) {
	for _, p := range problems {
		if p.File == file && p.Line == line && strings.Contains(p.Message, msg) {
			return p, true
		}
	}
	return Problem{}, false
}

func listProblems(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "\n\t%s", p)
	}
	return b.String()
}

// disallowedRune reports whether r must never be in text from a loaded pack:
// C0 controls other than '\n' and '\t', DEL, C1 controls, and the
// bidirectional and invisible format controls termsafe removes. It is
// written out here rather than calling unsafeRune, so that the tests check
// the package against the documented list.
func disallowedRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	switch r {
	case 0x200e, 0x200f, 0x061c, 0x200b, 0x2060, 0xfeff:
		return true
	}
	return false
}

// packStrings calls fn with every string reachable from v (exported and
// unexported fields, slices, maps and pointers), named by its path, so that
// a field added later is checked too.
func packStrings(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			packStrings(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			packStrings(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			packStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			packStrings(iter.Key(), path+"{key}", fn)
			packStrings(iter.Value(), fmt.Sprintf("%s[%q]", path, iter.Key().String()), fn)
		}
	}
}

// checkNoDisallowedRunes fails the test for any string of p holding a
// disallowed rune or invalid UTF-8. It returns how many strings it checked.
func checkNoDisallowedRunes(t testing.TB, p *Pack) int {
	t.Helper()
	n := 0
	packStrings(reflect.ValueOf(p), "pack", func(path, s string) {
		n++
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", path, s)
		}
		for _, r := range s {
			if disallowedRune(r) {
				t.Errorf("%s holds %U: %q", path, r, s)
				break
			}
		}
	})
	return n
}
