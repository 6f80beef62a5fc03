package builtin

import (
	"reflect"
	"testing"

	"github.com/upskill-council/upskill/lessons"
)

// TestBuiltinPackLoads checks that the embedded pack is valid with no
// warnings, that it has content, that every lesson has a quiz and belongs
// to a module, and that every module is on some learning path.
func TestBuiltinPackLoads(t *testing.T) {
	p, err := LoadSource()
	if err != nil {
		t.Fatalf("the built-in pack is invalid: %v", err)
	}
	if len(p.Warnings) != 0 {
		t.Errorf("the built-in pack has warnings: %v", p.Warnings)
	}
	if p.ID == "" || p.Title == "" || p.Version == "" || len(p.Authors) == 0 {
		t.Errorf("pack metadata missing: %+v", p)
	}
	if len(p.Modules) == 0 || len(p.Paths) == 0 || len(p.Badges) == 0 || p.LessonCount() == 0 || p.QuestionCount() == 0 {
		t.Fatalf("empty built-in pack: %d modules, %d paths, %d badges, %d lessons, %d questions",
			len(p.Modules), len(p.Paths), len(p.Badges), p.LessonCount(), p.QuestionCount())
	}

	inPath := map[string]bool{}
	for _, path := range p.Paths {
		for _, id := range path.ModuleIDs {
			inPath[id] = true
		}
	}
	lessonsSeen := 0
	for i := range p.Modules {
		m := &p.Modules[i]
		if !inPath[m.ID] {
			t.Errorf("module %q is in no learning path", m.ID)
		}
		ls := p.LessonsOf(m)
		if len(ls) == 0 || len(ls) != len(m.LessonIDs) {
			t.Errorf("module %q: %d of %d lessons found", m.ID, len(ls), len(m.LessonIDs))
		}
		for _, l := range ls {
			lessonsSeen++
			if l.ModuleID != m.ID {
				t.Errorf("lesson %q: ModuleID %q, want %q", l.ID, l.ModuleID, m.ID)
			}
			if l.Quiz == nil || len(l.Quiz.Questions) == 0 {
				t.Errorf("lesson %q has no quiz", l.ID)
			}
			if l.Minutes <= 0 || len(l.Objectives) == 0 || l.Body == "" {
				t.Errorf("lesson %q: minutes %d, %d objectives, body %d bytes", l.ID, l.Minutes, len(l.Objectives), len(l.Body))
			}
		}
	}
	if lessonsSeen != p.LessonCount() {
		t.Errorf("modules hold %d lessons, the pack %d: a lesson is in no module", lessonsSeen, p.LessonCount())
	}
	for _, a := range lessons.Audiences {
		if _, ok := p.Path(a); !ok {
			t.Errorf("no path for audience %q", a)
		}
	}
}

// TestEncodedPackIsCurrent checks that the embedded encoded pack, which
// Upskill loads at start-up, is the Markdown source as it stands.
func TestEncodedPackIsCurrent(t *testing.T) {
	source, err := LoadSource()
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(source, decoded) {
		t.Fatal("pack.bin is out of date: run go generate ./lessons/builtin")
	}
}

// BenchmarkLoadBuiltin measures loading the built-in pack as Upskill does
// at every start: decoding its embedded encoded form.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadBuiltinSource measures reading and validating the pack's
// Markdown source, which start-up no longer does.
func BenchmarkLoadBuiltinSource(b *testing.B) {
	fsys := FS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lessons.Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
