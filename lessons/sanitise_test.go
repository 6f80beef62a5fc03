package lessons

import (
	"html"
	"reflect"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Character-reference attacks: text that holds no control character itself
// but becomes one when Glamour decodes the references in a lesson body.
const (
	refOSC    = "&#27;]0;x&#7;"
	refHexCSI = "&#x1B;[31m"
	refSplit  = "~~&**#27;**[31m~~"
	jsLink    = "[x](javascript:alert(1))"
)

// TestSanitisedOutput loads a valid pack whose text fields and lesson body
// hold character-reference attacks and a javascript: link, and checks what
// reaches the caller: no string of the pack holds a control, C1 or bidi
// rune; every plain-text field is a fixed point of termsafe; and in the
// body every reference that would decode to a control character is
// neutralised ("&" written as "&amp;"), so decoding it once, as Glamour
// does, gives no control character.
func TestSanitisedOutput(t *testing.T) {
	fsys := validPack()
	attack := refOSC + " " + refHexCSI + " " + refSplit + " " + jsLink
	q := func(s string) string { return `"` + s + `"` }
	edit(t, fsys, ManifestFile, "title: Test pack\n", "title: "+q("Pack "+refOSC)+"\n")
	edit(t, fsys, ManifestFile, "summary: A small pack for tests.\n", "summary: "+q("Summary "+attack)+"\n")
	edit(t, fsys, ManifestFile, "    title: Basics\n", "    title: "+q("Basics "+refHexCSI)+"\n")
	edit(t, fsys, ManifestFile, "    description: Finished the basics.\n", "    description: "+q(refSplit)+"\n")
	edit(t, fsys, firstFile, "title: First lesson\n", "title: "+q("First "+refOSC)+"\n")
	edit(t, fsys, firstFile, "  - Know the first thing\n", "  - "+q("Know "+refHexCSI)+"\n")
	edit(t, fsys, firstFile, "prompt: Which is right?", "prompt: "+q("Which "+attack))
	edit(t, fsys, firstFile, "text: Wrong answer", "text: "+q("Wrong "+refSplit))
	edit(t, fsys, firstFile, "feedback: Not this one.", "feedback: "+q("Not "+refOSC+" "+jsLink))
	edit(t, fsys, firstFile, "wrong_feedback: It is false.", "wrong_feedback: "+q(refHexCSI))
	edit(t, fsys, firstFile, "explanation: Because it is.", "explanation: "+q(attack))
	edit(t, fsys, secondFile, "        - Welsh language\n", "        - "+q(refOSC)+"\n")
	edit(t, fsys, secondFile, "unit: hours", "unit: "+q("hours "+refHexCSI))
	edit(t, fsys, firstFile, "Some text with a [link](https://example.org).\n",
		"Title "+refOSC+" and "+refHexCSI+" and "+refSplit+" and "+jsLink+".\n\n"+
			"No semicolon &#27[2J, decimal &#0000027;, C1 &#155;2J, bidi &#x202E; and &lrm;.\n\n"+
			"`"+refOSC+"` in code.\n\n```\n"+refHexCSI+"\n```\n\nSafe: &#8212; &amp; &nbsp; &copy;\n")

	p := mustLoad(t, fsys)
	if n := checkNoDisallowedRunes(t, p); n < 60 {
		t.Errorf("checked only %d strings; the walk missed part of the pack", n)
	}
	first, _ := p.Lesson("first-lesson")
	second, _ := p.Lesson("second-lesson")
	pick, _ := first.Quiz.Question("pick-one")

	// Plain-text fields keep references as written (they are never decoded)
	// and are fixed points of termsafe.
	lines := map[string]string{
		"pack title": p.Title, "module title": p.Modules[0].Title, "lesson title": first.Title,
		"objective": first.Objectives[0], "choice": pick.Choices[0].Text, "unit": second.Quiz.Questions[1].Unit,
		"accept": second.Quiz.Questions[0].Accept[1].Text,
	}
	for name, s := range lines {
		if termsafe.Line(s) != s {
			t.Errorf("%s %q is not a fixed point of termsafe.Line", name, s)
		}
	}
	texts := map[string]string{
		"summary": p.Summary, "badge description": p.Badges[0].Description, "prompt": pick.Prompt,
		"feedback": pick.Choices[0].Feedback, "explanation": pick.Explanation,
	}
	for name, s := range texts {
		if termsafe.Text(s) != s {
			t.Errorf("%s %q is not a fixed point of termsafe.Text", name, s)
		}
	}
	if p.Title != "Pack "+refOSC || pick.Prompt != "Which "+attack {
		t.Errorf("plain text changed: title %q, prompt %q", p.Title, pick.Prompt)
	}

	body := first.Body
	if termsafe.Markdown(body) != body {
		t.Errorf("body is not a fixed point of termsafe.Markdown:\n%s", body)
	}
	for _, want := range []string{
		"&amp;#27;]0;x&amp;#7;", "```\n&#x1B;[31m\n```", "~~&amp;**#27;**[31m~~", jsLink,
		"&amp;#27[2J", "&amp;#0000027;", "&amp;#155;2J", "&amp;#x202E;", "&amp;lrm;",
		"&#8212; &amp; &nbsp; &copy;",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	// A code block is shown as written (Glamour decodes nothing in it);
	// everywhere else no live reference is left.
	prose := outsideCode(body)
	if strings.Contains(prose, " &#27;") || strings.Contains(prose, "&#x1B;") {
		t.Errorf("body keeps a live reference outside code blocks:\n%s", body)
	}
	for _, r := range html.UnescapeString(prose) {
		if disallowedRune(r) {
			t.Errorf("decoding the body's references outside code blocks gives %U:\n%s", r, html.UnescapeString(prose))
			break
		}
	}
}

// TestSanitiseCoversEveryField fills every string field of a Pack (found by
// reflection, so that a field added later is included) with raw control
// sequences, C1 and bidi runes, runs sanitise, and checks that only the
// fields that validation restricts instead (ids, versions, file names and
// the like) still hold them. It is the second line of defence behind
// validation, tested on its own.
func TestSanitiseCoversEveryField(t *testing.T) {
	const hostile = "a\x1b]0;title\x07b\u009b2J\u202ec\r\x00d\x7fe"
	p := &Pack{}
	fillStrings(reflect.ValueOf(p).Elem(), hostile)
	l := &Lesson{Quiz: &Quiz{}}
	fillStrings(reflect.ValueOf(l).Elem(), hostile)
	p.lessons = map[string]*Lesson{"l": l}
	sanitise(p)

	// Restricted by validation rather than sanitised: identifiers are
	// slugs, Version matches semver, Language is a parsed BCP 47 tag, Type
	// fields, Typos and Roles are from a fixed set, file names are refused when they hold
	// a control character, and problems quote what they show.
	validated := map[string]bool{
		"ID": true, "Version": true, "Language": true, "LessonIDs": true, "ModuleIDs": true,
		"Audience": true, "Type": true, "Module": true, "Lesson": true, "Path": true,
		"ModuleID": true, "File": true, "Message": true, "Typos": true,
		"Roles": true, // audiences, checked by the manifest's reader and by Decode
	}
	sanitised := 0
	packStrings(reflect.ValueOf(p), "pack", func(path, s string) {
		field := path[strings.LastIndexByte(path, '.')+1:]
		field, _, _ = strings.Cut(field, "[")
		if validated[field] {
			return
		}
		sanitised++
		for _, r := range s {
			if disallowedRune(r) {
				t.Errorf("%s is not sanitised: %q", path, s)
				return
			}
		}
		if strings.Contains(s, "title") {
			t.Errorf("%s keeps an escape sequence's payload: %q", path, s)
		}
	})
	if sanitised < 20 {
		t.Errorf("only %d sanitised strings found; the fill missed fields", sanitised)
	}
	if l.Sources[0].URL != "" {
		t.Errorf("a hostile source URL survived: %q", l.Sources[0].URL)
	}
}

// fillStrings sets every settable string in v to s, giving each slice one
// element and each nil struct pointer a value.
func fillStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillStrings(v.Field(i), s)
			}
		}
	case reflect.Slice:
		if v.CanSet() && v.Type().Elem() != reflect.TypeFor[Problem]() {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			fillStrings(v.Index(0), s)
		}
	case reflect.Pointer:
		if v.IsNil() && v.CanSet() && v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if !v.IsNil() {
			fillStrings(v.Elem(), s)
		}
	}
}
