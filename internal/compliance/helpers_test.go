package compliance

import (
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// joined is when the test learners join: 1 March 2026.
var joined = time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)

// The test pack: "safe" (lesson read without a quiz, lesson quiz with
// one) is required of every role yearly with 30 days' grace; "lead" of
// managers only, once, with 60 days; "extra" is not required.
const testManifest = `format: 1
id: p
title: Pack P
version: 1.0.0
authors: [t]
licence: OGL-UK-3.0
summary: A pack for compliance tests.
modules:
  - id: safe
    title: Staying safe
    summary: s
    lessons: [read, quiz]
    required:
      renew_months: 12
      grace_days: 30
  - id: lead
    title: Leading
    summary: s
    lessons: [lead]
    required:
      roles: [manager]
      grace_days: 60
  - id: extra
    title: Extra
    summary: s
    lessons: [extra]
`

func lessonFile(id string, quiz bool) string {
	s := "---\nid: " + id + "\ntitle: Lesson " + id + "\nminutes: 3\nobjectives: [learn]\n"
	if quiz {
		s += "quiz:\n  pass_mark: 50\n  questions:\n    - {id: q1, type: true_false, prompt: p, answer: true, explanation: e}\n    - {id: q2, type: true_false, prompt: p, answer: true, explanation: e}\n"
	}
	return s + "---\n## Text\n\nWords.\n"
}

func testPack(t testing.TB) *lessons.Pack {
	t.Helper()
	pack, err := lessons.Load(fstest.MapFS{
		"pack.yaml":        {Data: []byte(testManifest)},
		"lessons/read.md":  {Data: []byte(lessonFile("read", false))},
		"lessons/quiz.md":  {Data: []byte(lessonFile("quiz", true))},
		"lessons/lead.md":  {Data: []byte(lessonFile("lead", false))},
		"lessons/extra.md": {Data: []byte(lessonFile("extra", false))},
	})
	if err != nil {
		t.Fatal(err)
	}
	return pack
}

type fixture struct {
	t     testing.TB
	store *progress.Store
	cat   *catalog.Catalog
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cat, err := catalog.Open(store, testPack(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, cat: cat}
}

func (f *fixture) learner(name, role string, at time.Time) progress.Profile {
	f.t.Helper()
	p, err := f.store.CreateProfile(name, role, at)
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

func key(id string) progress.LessonKey { return progress.LessonKey{Pack: "p", Lesson: id} }

// read completes a lesson without a quiz.
func (f *fixture) read(p progress.Profile, id string, at time.Time) {
	f.t.Helper()
	if err := f.store.CompleteLesson(p.ID, key(id), at); err != nil {
		f.t.Fatal(err)
	}
}

// quiz takes lesson id's quiz with right answers of 2 (1 passes).
func (f *fixture) quiz(p progress.Profile, id string, right int, at time.Time) {
	f.t.Helper()
	a, err := f.store.StartAttempt(p.ID, key(id), []string{"q1", "q2"}, 1, at)
	if err != nil {
		f.t.Fatal(err)
	}
	for i, q := range a.Questions {
		ans := progress.Answer{Question: q, Correct: i < right, At: at}
		ans.Rating = review.RateUntimed(ans)
		if err := f.store.RecordAnswer(p.ID, key(id), a.ID, ans); err != nil {
			f.t.Fatal(err)
		}
	}
	if _, err := f.store.FinishAttempt(p.ID, key(id), a.ID, 50, at); err != nil {
		f.t.Fatal(err)
	}
}

// doSafe completes the module "safe": reads, then passes the quiz at at.
func (f *fixture) doSafe(p progress.Profile, at time.Time, right int) {
	f.t.Helper()
	f.read(p, "read", at.Add(-time.Hour))
	f.quiz(p, "quiz", right, at)
}

func (f *fixture) evaluate(p progress.Profile, asOf time.Time) Learner {
	f.t.Helper()
	l, err := ForLearner(f.store, f.cat, p, asOf)
	if err != nil {
		f.t.Fatal(err)
	}
	return l
}

// item returns the learner's item for a module.
func item(t testing.TB, l Learner, module string) Item {
	t.Helper()
	for _, it := range l.Items {
		if it.Module == module {
			return it
		}
	}
	t.Fatalf("no item for module %s in %+v", module, l.Items)
	return Item{}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
