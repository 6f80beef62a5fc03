package packgen

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// TestWritePackAndAnswer: a generated pack is valid with the lessons and
// questions asked for, and Answer gives exactly the cards asked for,
// spread over every pack.
func TestWritePackAndAnswer(t *testing.T) {
	var packs []*lessons.Pack
	for _, id := range []string{"one", "two"} {
		dir, err := WritePack(t.TempDir(), id, "Pack "+id, 12)
		if err != nil {
			t.Fatal(err)
		}
		p, err := lessons.Load(os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != id || p.LessonCount() != 12 || p.QuestionCount() != 12*Questions || len(p.Modules) != 2 {
			t.Fatalf("pack %s: %d lessons, %d questions, %d modules", p.ID, p.LessonCount(), p.QuestionCount(), len(p.Modules))
		}
		packs = append(packs, p)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	pr, _ := store.CreateProfile("Ada", "staff", time.Now())
	if err := Answer(store, pr.ID, packs, 35, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pack string
		want int
	}{{"", 35}, {"one", 20}, {"two", 15}} {
		if cards, err := store.Cards(pr.ID, c.pack); err != nil || len(cards) != c.want {
			t.Errorf("cards of %q: %d, %v; want %d", c.pack, len(cards), err, c.want)
		}
	}
	if err := Answer(store, pr.ID, packs, 1000, time.Now()); err == nil {
		t.Error("answering more cards than the packs have questions: no error")
	}
}
