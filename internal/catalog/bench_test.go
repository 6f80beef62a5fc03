package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// writeLargePack writes a pack of lessons lessons, each with questions
// questions of mixed types, into a folder.
func writeLargePack(tb testing.TB, dir, id string, lessonCount, questions int) {
	tb.Helper()
	var manifest strings.Builder
	fmt.Fprintf(&manifest, "format: 1\nid: %s\ntitle: Large pack %s\nversion: 1.0.0\nauthors: [bench]\nlicence: OGL-UK-3.0\nsummary: Generated.\nmodules:\n", id, id)
	perModule := 10
	for m := 0; m*perModule < lessonCount; m++ {
		fmt.Fprintf(&manifest, "  - id: m%d\n    title: Module %d\n    summary: Generated.\n    lessons:\n", m, m)
		for l := m * perModule; l < min((m+1)*perModule, lessonCount); l++ {
			fmt.Fprintf(&manifest, "      - l%d\n", l)
		}
	}
	os.MkdirAll(filepath.Join(dir, "lessons"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte(manifest.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	for l := 0; l < lessonCount; l++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\nid: l%d\ntitle: Lesson %d\nminutes: 5\nobjectives: [Learn %d]\nsources:\n  - {title: Source, url: \"https://www.gov.uk/\", checked: 2026-11-01}\nquiz:\n  pass_mark: 70\n  questions:\n", l, l, l)
		for q := 0; q < questions; q++ {
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
		if err := os.WriteFile(filepath.Join(dir, "lessons", fmt.Sprintf("l%d.md", l)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkImportLargePack validates and imports a pack of 1,000 lessons
// and 10,000 questions into a progress file: the whole of `upskill pack
// import` but starting the process.
func BenchmarkImportLargePack(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "large")
	writeLargePack(b, dir, "large", 1000, 10)
	base, err := lessons.Load(os.DirFS("../../tui/testdata/pack"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		store, err := progress.Open(filepath.Join(b.TempDir(), "u.db"), review.StoreOptions())
		if err != nil {
			b.Fatal(err)
		}
		cat, err := Open(store, base, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := cat.Import(dir, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Info.Lessons != 1000 || res.Info.Questions != 10000 {
			b.Fatalf("imported %+v", res.Info)
		}
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
}
