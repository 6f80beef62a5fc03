package learner

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

var now = time.Date(2026, time.November, 26, 10, 0, 0, 0, time.UTC)

const testManifest = `format: 1
id: p
title: P
version: 1.0.0
authors: [t]
licence: OGL-UK-3.0
summary: A pack for learner tests.
modules:
  - id: one
    title: Module one
    summary: First.
    lessons: [a, b]
  - id: two
    title: Module two
    summary: Second.
    lessons: [c]
paths:
  - audience: staff
    title: Staff path
    modules: [two, one]
badges:
  - id: one-done
    title: One done
    description: d
    rule: {type: module_complete, module: one}
  - id: one-sharp
    title: One sharp
    description: d
    rule: {type: module_quizzes, module: one, min_score: 80}
  - id: perfect-c
    title: Perfect c
    description: d
    rule: {type: perfect_score, lesson: c}
  - id: perfect-any
    title: Perfect any
    description: d
    rule: {type: perfect_score}
  - id: staff-done
    title: Staff done
    description: d
    rule: {type: path_complete, path: staff}
`

func lesson(id string, quiz bool) string {
	s := "---\nid: " + id + "\ntitle: Lesson " + id + "\nminutes: 3\nobjectives: [learn]\n"
	if quiz {
		s += "quiz:\n  pass_mark: 50\n  questions:\n    - {id: q1, type: true_false, prompt: p, answer: true, explanation: e}\n    - {id: q2, type: true_false, prompt: p, answer: true, explanation: e}\n"
	}
	return s + "---\n## Text\n\nWords.\n"
}

// fixture is a learner with a fresh store on a small pack: module one has
// lesson a (quiz) and b (no quiz); module two has lesson c (quiz); the staff
// path is module two, then module one.
type fixture struct {
	t       *testing.T
	store   *progress.Store
	pack    *lessons.Pack
	profile progress.Profile
}

func newFixture(t *testing.T, role string) *fixture {
	t.Helper()
	pack, err := lessons.Load(fstest.MapFS{
		"pack.yaml":    {Data: []byte(testManifest)},
		"lessons/a.md": {Data: []byte(lesson("a", true))},
		"lessons/b.md": {Data: []byte(lesson("b", false))},
		"lessons/c.md": {Data: []byte(lesson("c", true))},
	})
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	p, err := store.CreateProfile("Sam", role, now)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: store, pack: pack, profile: p}
}

func (f *fixture) key(id string) progress.LessonKey { return progress.LessonKey{Pack: "p", Lesson: id} }

// quiz takes a lesson's quiz with the given number of right answers (of 2).
func (f *fixture) quiz(id string, right int) {
	f.t.Helper()
	a, err := f.store.StartAttempt(f.profile.ID, f.key(id), []string{"q1", "q2"}, 1, now)
	if err != nil {
		f.t.Fatal(err)
	}
	for i, q := range a.Questions {
		ans := progress.Answer{Question: q, Correct: i < right, At: now}
		ans.Rating = review.RateUntimed(ans)
		if err := f.store.RecordAnswer(f.profile.ID, f.key(id), a.ID, ans); err != nil {
			f.t.Fatal(err)
		}
	}
	if _, err := f.store.FinishAttempt(f.profile.ID, f.key(id), a.ID, 50, now); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) load() *Progress {
	f.t.Helper()
	p, err := f.store.Profile(f.profile.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	prog, err := Load(f.store, f.pack, p, time.UTC)
	if err != nil {
		f.t.Fatal(err)
	}
	return prog
}

func TestModulesFollowThePath(t *testing.T) {
	f := newFixture(t, "staff")
	var ids []string
	for _, m := range f.load().Modules() {
		ids = append(ids, m.ID)
	}
	if strings.Join(ids, ",") != "two,one" {
		t.Errorf("staff modules %v, want the path's order two,one", ids)
	}
	// No path for managers: every module, in manifest order.
	g := newFixture(t, "manager")
	ids = nil
	for _, m := range g.load().Modules() {
		ids = append(ids, m.ID)
	}
	if strings.Join(ids, ",") != "one,two" {
		t.Errorf("manager modules %v, want one,two", ids)
	}
}

func TestNextLesson(t *testing.T) {
	f := newFixture(t, "staff")
	if next := f.load().Next(); next == nil || next.ID != "c" {
		t.Fatalf("first lesson %v, want c (the path starts with module two)", next)
	}
	// The last lesson opened wins while it is not complete.
	f.store.SaveReading(f.profile.ID, f.key("b"), 0.5, now)
	if next := f.load().Next(); next.ID != "b" {
		t.Errorf("after opening b, next is %s", next.ID)
	}
	f.store.CompleteLesson(f.profile.ID, f.key("b"), now)
	if next := f.load().Next(); next.ID != "c" {
		t.Errorf("after completing b, next is %s, want the first incomplete, c", next.ID)
	}
	f.quiz("c", 2)
	f.quiz("a", 1) // 50%: passes a pass mark of 50
	if next := f.load().Next(); next != nil {
		t.Errorf("next %s after everything is complete, want none", next.ID)
	}
}

func TestProgressCounts(t *testing.T) {
	f := newFixture(t, "staff")
	f.quiz("a", 0) // fails: in progress, scored 0
	f.store.CompleteLesson(f.profile.ID, f.key("b"), now)
	p := f.load()
	one, _ := f.pack.Module("one")
	if done, total := p.ModuleProgress(one); done != 1 || total != 2 {
		t.Errorf("module one %d/%d, want 1/2", done, total)
	}
	if st := p.ModuleStatus(one); st != progress.InProgress {
		t.Errorf("module one %q", st)
	}
	two, _ := f.pack.Module("two")
	if st := p.ModuleStatus(two); st != progress.NotStarted {
		t.Errorf("module two %q", st)
	}
	if done, total := p.PathProgress(); done != 1 || total != 3 {
		t.Errorf("path %d/%d, want 1/3", done, total)
	}
}

func TestBadgeRules(t *testing.T) {
	f := newFixture(t, "staff")
	earned := func() string {
		p := f.load()
		var ids []string
		for _, b := range f.pack.Badges {
			if p.RuleMet(b.Rule) {
				ids = append(ids, b.ID)
			}
		}
		return strings.Join(ids, ",")
	}
	if got := earned(); got != "" {
		t.Fatalf("badges before anything: %s", got)
	}
	f.quiz("a", 1) // 50%: passed, but under the 80% of one-sharp
	f.store.CompleteLesson(f.profile.ID, f.key("b"), now)
	if got := earned(); got != "one-done" {
		t.Errorf("after module one at 50%%: %s, want one-done", got)
	}
	f.quiz("a", 2)
	if got := earned(); got != "one-done,one-sharp,perfect-any" {
		t.Errorf("after 100%% on a: %s", got)
	}
	f.quiz("c", 2)
	if got := earned(); got != "one-done,one-sharp,perfect-c,perfect-any,staff-done" {
		t.Errorf("after everything: %s", got)
	}
}

func TestAwardDueIsIdempotent(t *testing.T) {
	f := newFixture(t, "staff")
	f.quiz("c", 2)
	later := now.Add(time.Hour)
	awarded, err := AwardDue(f.store, f.load(), now)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, b := range awarded {
		ids = append(ids, b.ID)
	}
	if strings.Join(ids, ",") != "perfect-c,perfect-any" {
		t.Errorf("awarded %v", ids)
	}
	again, err := AwardDue(f.store, f.load(), later)
	if err != nil || len(again) != 0 {
		t.Errorf("second award gave %v, %v; want nothing new", again, err)
	}
	if at, ok := f.load().Earned("perfect-c"); !ok || !at.Equal(now) {
		t.Errorf("perfect-c earned %v %v, want the first time", at, ok)
	}
}

// finishQuiz finishes an attempt at lesson l's quiz at time at: a day
// that counts.
func (f *fixture) finishQuiz(t *testing.T, l string, at time.Time) {
	t.Helper()
	a, err := f.store.StartAttempt(f.profile.ID, f.key(l), []string{"q"}, 1, at)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.FinishAttempt(f.profile.ID, f.key(l), a.ID, 50, at); err != nil {
		t.Fatal(err)
	}
}

func TestStreak(t *testing.T) {
	f := newFixture(t, "staff")
	day := func(d int) time.Time { return time.Date(2026, time.November, d, 23, 30, 0, 0, time.UTC) }
	p := f.load()
	if s := p.Streak(day(26)); s != 0 || p.LongestStreak() != 0 {
		t.Errorf("streak with no activity %d", s)
	}
	for _, d := range []int{20, 23, 24, 25} {
		f.finishQuiz(t, "a", day(d))
	}
	// Reading alone does not make a day count.
	f.store.SaveReading(f.profile.ID, f.key("a"), 0.1, day(22))
	p = f.load()
	cases := []struct {
		today int
		want  int
	}{
		{25, 3}, // 23, 24, 25
		{26, 3}, // nothing yet today: yesterday's streak is still alive
		{27, 0}, // a day missed
		{21, 1}, // 20 only, as seen on the 21st
		{22, 0}, // the 22nd had reading only
	}
	for _, c := range cases {
		if s := p.Streak(time.Date(2026, time.November, c.today, 8, 0, 0, 0, time.UTC)); s != c.want {
			t.Errorf("streak on the %dth = %d, want %d", c.today, s, c.want)
		}
	}
	if got := p.LongestStreak(); got != 3 {
		t.Errorf("longest streak %d, want 3", got)
	}

	// A quiz finished just before and one just after midnight fall on two
	// days.
	g := newFixture(t, "staff")
	g.finishQuiz(t, "a", time.Date(2026, time.November, 24, 23, 59, 0, 0, time.UTC))
	g.finishQuiz(t, "a", time.Date(2026, time.November, 25, 0, 1, 0, 0, time.UTC))
	if s := g.load().Streak(time.Date(2026, time.November, 25, 12, 0, 0, 0, time.UTC)); s != 2 {
		t.Errorf("streak across midnight = %d, want 2", s)
	}
}

// TestStreakAcrossTimeZones: days are the learner's local dates where
// they were. Flying east can skip a date, flying west repeat one.
func TestStreakAcrossTimeZones(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	newYork, _ := time.LoadLocation("America/New_York")
	f := newFixture(t, "staff")
	f.finishQuiz(t, "a", time.Date(2026, time.November, 23, 21, 0, 0, 0, london))
	f.finishQuiz(t, "a", time.Date(2026, time.November, 24, 21, 0, 0, 0, london))
	// The next morning in Tokyo is already the 26th there: the 25th was
	// skipped, so the streak starts again.
	f.finishQuiz(t, "a", time.Date(2026, time.November, 26, 8, 0, 0, 0, tokyo))
	p := f.load()
	if s := p.Streak(time.Date(2026, time.November, 26, 9, 0, 0, 0, tokyo)); s != 1 {
		t.Errorf("streak in Tokyo on the 26th = %d, want 1", s)
	}
	// Back in London on the 26th (still the 26th there), and the 27th.
	f.finishQuiz(t, "a", time.Date(2026, time.November, 27, 18, 0, 0, 0, london))
	p = f.load()
	if s := p.Streak(time.Date(2026, time.November, 27, 19, 0, 0, 0, london)); s != 2 || p.LongestStreak() != 2 {
		t.Errorf("streak in London on the 27th = %d, longest %d; want 2 and 2", s, p.LongestStreak())
	}
	// New York is still on the 27th when London has moved to the 28th.
	if s := p.Streak(time.Date(2026, time.November, 27, 21, 0, 0, 0, newYork)); s != 2 {
		t.Errorf("streak seen from New York = %d, want 2", s)
	}
}

// TestReviewCardsCountADay: five review cards make a day count; four do
// not.
func TestReviewCardsCountADay(t *testing.T) {
	f := newFixture(t, "staff")
	at := time.Date(2026, time.November, 25, 9, 0, 0, 0, time.UTC)
	a, _ := f.store.StartAttempt(f.profile.ID, f.key("a"), []string{"q1", "q2", "q3", "q4", "q5"}, 1, at.AddDate(0, 0, -3))
	var cards []progress.CardKey
	for _, q := range a.Questions {
		if err := f.store.RecordAnswer(f.profile.ID, f.key("a"), a.ID, progress.Answer{Question: q, Rating: progress.Again, At: a.Started}); err != nil {
			t.Fatal(err)
		}
		cards = append(cards, progress.CardKey{Pack: f.key("a").Pack, Lesson: "a", Question: q})
	}
	r, err := f.store.StartReview(f.profile.ID, cards, 1, at)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cards {
		if err := f.store.RecordReview(f.profile.ID, r.ID, progress.ReviewAnswer{Card: c, Rating: progress.Good, At: at}); err != nil {
			t.Fatal(err)
		}
		got := f.load().Streak(at)
		if want := map[bool]int{true: 1, false: 0}[i == 4]; got != want {
			t.Errorf("after %d cards the streak is %d, want %d", i+1, got, want)
		}
	}
}

func TestRequirement(t *testing.T) {
	f := newFixture(t, "staff")
	want := map[string]string{
		"one-done":    `Complete every lesson in "Module one"`,
		"one-sharp":   `Score at least 80% on every quiz in "Module one"`,
		"perfect-c":   `Score 100% on the quiz for "Lesson c"`,
		"perfect-any": "Score 100% on any quiz",
		"staff-done":  `Finish the path "Staff path"`,
	}
	for _, b := range f.pack.Badges {
		if got := Requirement(f.pack, b.Rule); got != want[b.ID] {
			t.Errorf("%s: %q, want %q", b.ID, got, want[b.ID])
		}
	}
}

func TestReport(t *testing.T) {
	f := newFixture(t, "staff")
	f.quiz("c", 2)
	p := f.load()
	if _, err := AwardDue(f.store, p, now); err != nil {
		t.Fatal(err)
	}
	r := NewLearnerReport(p, ReportInputs{Today: now})
	r.AddPack(p, 0)
	pr := r.Packs[0]
	if r.Name != "Sam" || r.Role != lessons.Staff || pr.Path == nil || pr.Path.Title != "Staff path" || pr.Path.Audience != lessons.Staff ||
		pr.LessonsDone != 1 || pr.LessonsTotal != 3 || r.Streak != 1 {
		t.Errorf("report %+v", r)
	}
	if pr.Next == nil || pr.Next.Lesson != "a" || pr.Next.Module != "one" || pr.Next.ModuleTitle != "Module one" {
		t.Errorf("next %+v, want lesson a of module one", pr.Next)
	}
	if len(pr.Modules) != 2 || pr.Modules[0].ID != "two" || *pr.Modules[0].Lessons[0].BestScore != 100 || pr.Modules[1].Lessons[0].BestScore != nil {
		t.Errorf("modules %+v", pr.Modules)
	}
	if m := pr.Modules[0]; m.Status != StatusCompleted || m.Lessons[0].Status != StatusCompleted || m.Lessons[0].Quiz != QuizPassed ||
		pr.Modules[1].Status != StatusNotStarted || pr.Modules[1].Lessons[0].Quiz != QuizNotTaken {
		t.Errorf("statuses %+v", pr.Modules)
	}
	for _, b := range pr.Badges {
		if earned := b.ID == "perfect-c" || b.ID == "perfect-any"; (b.State == BadgeEarned) != earned || (b.Earned != nil) != earned {
			t.Errorf("badge %s: state %q, earned %v", b.ID, b.State, b.Earned)
		}
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Sam · Council staff", "Staff path: 1 of 3 lessons complete", "Streak: 1 day", "Next: Lesson a (Module one)",
		"✓ Module two: 1/1 lessons, completed", "✓ Lesson c: completed, best score 100%", "★ Perfect c: earned 26 November 2026",
		"☆ One done: locked; complete every lesson in \"Module one\""} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("text report lacks %q:\n%s", w, buf.String())
		}
	}
	data, err := json.Marshal(r)
	if err != nil || !bytes.Contains(data, []byte(`"lessons_completed":1`)) || !bytes.Contains(data, []byte(`"streak_days":1`)) ||
		!bytes.Contains(data, []byte(`"role":"staff"`)) || !bytes.Contains(data, []byte(`"status":"not_started"`)) ||
		bytes.Contains(data, []byte(`Council staff`)) || bytes.Contains(data, []byte(`"not started"`)) {
		t.Errorf("JSON %s, %v", data, err)
	}
}

func TestStreakBadgeRule(t *testing.T) {
	day := func(d int, counts bool) progress.Day {
		return progress.Day{Date: time.Date(2026, time.November, d, 0, 0, 0, 0, time.UTC), Counts: counts, Events: 1}
	}
	p := &Progress{Days: []progress.Day{day(1, true), day(2, true), day(4, true), day(5, false), day(6, true), day(7, true), day(8, true)}}
	for days, want := range map[int]bool{2: true, 3: true, 4: false} {
		if got := p.RuleMet(lessons.BadgeRule{Type: lessons.RuleStreak, Days: days}); got != want {
			t.Errorf("streak of %d days met = %v, want %v", days, got, want)
		}
	}
	if got := Requirement(nil, lessons.BadgeRule{Type: lessons.RuleStreak, Days: 7}); !strings.Contains(got, "7 days in a row") {
		t.Errorf("requirement %q", got)
	}
}
