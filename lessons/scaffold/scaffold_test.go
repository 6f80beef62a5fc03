package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/upskill-council/upskill/lessons"
)

func TestTemplateIsValidWithEveryQuestionType(t *testing.T) {
	p, err := lessons.Load(FS())
	if err != nil {
		t.Fatalf("the starting pack is invalid:\n%v", err)
	}
	if len(p.Warnings) > 0 {
		t.Errorf("warnings: %v", p.Warnings)
	}
	l, _ := p.Lesson("first-lesson")
	types := map[lessons.QuestionType]bool{}
	for _, q := range l.Quiz.Questions {
		types[q.Type] = true
	}
	for _, want := range []lessons.QuestionType{lessons.SingleChoice, lessons.MultipleChoice, lessons.TrueFalse,
		lessons.TextAnswer, lessons.NumberAnswer, lessons.Matching, lessons.Ordering} {
		if !types[want] {
			t.Errorf("no %s question", want)
		}
	}
	if len(p.Badges) == 0 {
		t.Error("no badge")
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-pack")
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := lessons.Load(os.DirFS(dir)); err != nil {
		t.Fatalf("the written pack is invalid: %v", err)
	}
	if err := Write(dir); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("writing over a pack: %v, want ErrNotEmpty", err)
	}
}
