package tui

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
)

const fuzzManifest = `format: 1
id: fuzz
title: Fuzz
version: 1.0.0
authors: [fuzz]
licence: OGL-UK-3.0
summary: Fuzz.
modules:
  - id: m
    title: M
    summary: M.
    lessons: [l]
`

// FuzzRenderLesson feeds arbitrary lesson files through the loader and,
// when one loads, through the real render path (Glamour, then termsafe)
// and the quiz screen: what would reach the terminal must hold nothing but
// text, styling and safe links, whatever the pack says.
func FuzzRenderLesson(f *testing.F) {
	seeds := []string{
		"---\nid: l\ntitle: T\nminutes: 1\nobjectives: [o]\n---\n## Hello\n\nText with **bold** and a [link](https://gov.uk).\n",
		"---\nid: l\ntitle: T\nminutes: 1\nobjectives: [o]\n---\n&#27;]0;title&#7; and &#x1B;[31mred\n",
		"---\nid: l\ntitle: T\nminutes: 1\nobjectives: [o]\n---\n~~&**#27;**[31mFAKE~~ [x](javascript:alert(1)) <file:///etc/passwd>\n",
		"---\nid: l\ntitle: \"&#27;[2J\"\nminutes: 1\nobjectives: [\"&#x9b;2J\"]\nquiz:\n  pass_mark: 50\n  questions:\n    - {id: q, type: single, prompt: \"&#27;]52;c;AAAA&#7;\", choices: [{text: a, correct: true}, {text: b}], explanation: e}\n---\n```go\nfmt.Println(\"&#27;[31m\")\n```\n",
		"---\nid: l\ntitle: T\nminutes: 1\nobjectives: [o]\n---\n| a | b |\n|---|---|\n| `&#27;` | &#011 |\n\n> quote &#8212; dash\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lesson string) {
		if len(lesson) > 4<<10 || strings.Count(lesson, ">") > 64 || strings.Count(lesson, "  ") > 256 {
			return // large and deeply nested inputs are bounded by pack validation
		}
		p, err := lessons.Load(fstest.MapFS{
			"pack.yaml":    {Data: []byte(fuzzManifest)},
			"lessons/l.md": {Data: []byte(lesson)},
		})
		if err != nil {
			return
		}
		l, _ := p.Lesson("l")
		out, err := renderLesson(p, l, 60, NewStyles(true), "enter")
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		if err := termsafe.Check(out); err != nil {
			t.Fatalf("rendered lesson is unsafe: %v\n%q", err, out)
		}
		if l.Quiz != nil {
			store := openStore(t)
			store.CreateProfile("Fuzz", "staff", testNow)
			cat, err := catalog.Open(store, p, nil)
			if err != nil {
				t.Fatal(err)
			}
			h := newHarnessWithCatalog(t, 80, 24, store, cat)
			h.keys("enter", "enter")
			frame := h.m.View().Content
			if err := termsafe.Check(frame); err != nil {
				t.Fatalf("a quiz frame is unsafe: %v\n%q", err, ansi.Strip(frame))
			}
		}
	})
}
