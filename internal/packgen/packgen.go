// Package packgen makes test data for benchmarks and tests: packs of any
// size, written as pack folders to import, and learners whose review
// cards are recorded through the store's real path, one answer at a time.
package packgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Questions is how many questions each lesson of a generated pack asks.
const Questions = 10

// WritePack writes a valid pack folder with the given id and title into
// dir/id: lessonCount lessons in modules of ten, each asking [Questions]
// questions of mixed types. It returns the folder.
func WritePack(dir, id, title string, lessonCount int) (string, error) {
	root := filepath.Join(dir, id)
	if err := os.MkdirAll(filepath.Join(root, "lessons"), 0o755); err != nil {
		return "", fmt.Errorf("write pack %s: %w", id, err)
	}
	var manifest strings.Builder
	fmt.Fprintf(&manifest, "format: 1\nid: %s\ntitle: %s\nversion: 1.0.0\nauthors: [packgen]\nlicence: OGL-UK-3.0\nsummary: Generated.\nmodules:\n", id, title)
	const perModule = 10
	for m := 0; m*perModule < lessonCount; m++ {
		fmt.Fprintf(&manifest, "  - id: m%d\n    title: Module %d\n    summary: Generated.\n    lessons:\n", m, m)
		for l := m * perModule; l < min((m+1)*perModule, lessonCount); l++ {
			fmt.Fprintf(&manifest, "      - l%d\n", l)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "pack.yaml"), []byte(manifest.String()), 0o644); err != nil {
		return "", fmt.Errorf("write pack %s: %w", id, err)
	}
	for l := range lessonCount {
		if err := os.WriteFile(filepath.Join(root, "lessons", fmt.Sprintf("l%d.md", l)), []byte(lesson(l)), 0o644); err != nil {
			return "", fmt.Errorf("write pack %s: %w", id, err)
		}
	}
	return root, nil
}

// lesson is the file of lesson l: front matter with its quiz, and a short
// text.
func lesson(l int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: l%d\ntitle: Lesson %d\nminutes: 5\nobjectives: [Learn %d]\nsources:\n  - {title: Source, url: \"https://www.gov.uk/\", checked: 2026-11-01}\nquiz:\n  pass_mark: 70\n  questions:\n", l, l, l)
	for q := range Questions {
		switch q % 5 {
		case 0:
			fmt.Fprintf(&b, "    - id: q%d\n      type: single\n      prompt: Which %d?\n      choices:\n        - {text: Right, correct: true}\n        - {text: Wrong, feedback: No.}\n        - {text: Also wrong}\n      explanation: Because.\n", q, q)
		case 1:
			fmt.Fprintf(&b, "    - id: q%d\n      type: multiple\n      prompt: Which %d?\n      choices:\n        - {text: A, correct: true}\n        - {text: B, correct: true}\n        - {text: C}\n      explanation: Because.\n", q, q)
		case 2:
			fmt.Fprintf(&b, "    - id: q%d\n      type: true_false\n      prompt: Is %d true?\n      answer: true\n      explanation: Because.\n", q, q)
		case 3:
			fmt.Fprintf(&b, "    - id: q%d\n      type: text\n      prompt: Say %d.\n      accept: [\"%d\"]\n      explanation: Because.\n", q, q, q)
		case 4:
			fmt.Fprintf(&b, "    - id: q%d\n      type: number\n      prompt: How many %d?\n      answer: %d\n      explanation: Because.\n", q, q, q)
		}
	}
	b.WriteString("---\n## Text\n\nA short lesson with **some** text and a [link](https://www.gov.uk/).\n\n- One\n- Two\n")
	return b.String()
}

// Answer gives a learner review cards for the first cards questions of
// packs, taking a lesson of each pack in turn, one quiz attempt per
// lesson, from start on, every three hours: so the cards fall due over
// the following months. One answer in five is wrong, rated Again; the
// others are rated Good. Every answer goes through
// [progress.Store.RecordAnswer].
func Answer(store *progress.Store, profile uint64, packs []*lessons.Pack, cards int, start time.Time) error {
	var lessonsOf [][]*lessons.Lesson
	for _, p := range packs {
		var ls []*lessons.Lesson
		for i := range p.Modules {
			ls = append(ls, p.LessonsOf(&p.Modules[i])...)
		}
		lessonsOf = append(lessonsOf, ls)
	}
	n := 0
	for turn := 0; n < cards; turn++ {
		i := turn % len(packs)
		if turn/len(packs) >= len(lessonsOf[i]) {
			if turn/len(packs) >= maxLen(lessonsOf) {
				return fmt.Errorf("answer %d cards: the packs have only %d questions", cards, n)
			}
			continue
		}
		l := lessonsOf[i][turn/len(packs)]
		var qs []string
		for _, q := range l.Quiz.Questions {
			if n+len(qs) < cards {
				qs = append(qs, q.ID)
			}
		}
		k := progress.LessonKey{Pack: packs[i].ID, Lesson: l.ID}
		at := start.Add(time.Duration(turn) * 3 * time.Hour)
		a, err := store.StartAttempt(profile, k, qs, 1, at)
		if err != nil {
			return err
		}
		for j, q := range qs {
			ans := progress.Answer{Question: q, Correct: (n+j)%5 != 0, Rating: progress.Good, At: at}
			if !ans.Correct {
				ans.Rating = progress.Again
			}
			if err := store.RecordAnswer(profile, k, a.ID, ans); err != nil {
				return err
			}
		}
		n += len(qs)
	}
	return nil
}

func maxLen(lists [][]*lessons.Lesson) int {
	n := 0
	for _, l := range lists {
		n = max(n, len(l))
	}
	return n
}
