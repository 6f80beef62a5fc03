package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// schemaPath is the progress report's JSON Schema, which scripts rely on.
const schemaPath = "../../docs/progress-report.schema.json"

// compileSchema compiles the progress report's schema, asserting formats
// (date, date-time) as well as types.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	return s
}

// validate checks a JSON document against the schema.
func validate(t *testing.T, s *jsonschema.Schema, doc []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	return s.Validate(v)
}

// answerQuiz finishes an attempt at a lesson's quiz, every answer right or
// every answer wrong, at a given time.
func answerQuiz(t *testing.T, store *progress.Store, p progress.Profile, pack *lessons.Pack, l *lessons.Lesson, correct bool, at time.Time) {
	t.Helper()
	key := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
	var ids []string
	for _, q := range l.Quiz.Questions {
		ids = append(ids, q.ID)
	}
	a, err := store.StartAttempt(p.ID, key, ids, 1, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		ans := progress.Answer{Question: id, Correct: correct, At: at}
		ans.Rating = review.RateUntimed(ans)
		if err := store.RecordAnswer(p.ID, key, a.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.FinishAttempt(p.ID, key, a.ID, l.Quiz.PassMark, at); err != nil {
		t.Fatal(err)
	}
}

// seedVariedProgress fills a progress file with learners in every state
// the report can show: each role; lessons not started, in progress and
// completed; a quiz passed and one not passed; earned and locked badges;
// review cards due; time spent; and a second pack, imported.
func seedVariedProgress(t *testing.T, db string) {
	t.Helper()
	if r := upskill(t, []string{"UPSKILL_DB=" + db}, "pack", "import", example); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	seedLearner(t, db, "Sam Patel", "graduate") // a quiz passed with full marks, a badge
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	alex, err := store.CreateProfile("Alex Jones", "staff", now)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := learner.Load(store, pack, alex, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	first := prog.Next()
	// Wrong answers two days ago: a quiz not passed, and cards due now.
	answerQuiz(t, store, alex, pack, first, false, now.Add(-48*time.Hour))
	key := progress.LessonKey{Pack: pack.ID, Lesson: first.ID}
	if err := store.SaveReading(alex.ID, key, 0.5, now); err != nil {
		t.Fatal(err)
	}
	if err := store.AddTime(alex.ID, key, progress.Reading, 7*time.Minute, now); err != nil {
		t.Fatal(err)
	}
	// In the imported pack, a lesson read to the end and completed.
	_, parsed, err := store.Pack("cyber-basics")
	if err != nil {
		t.Fatal(err)
	}
	cyber, err := lessons.Decode(parsed)
	if err != nil {
		t.Fatal(err)
	}
	lesson := cyber.LessonsOf(&cyber.Modules[0])[0]
	if err := store.CompleteLesson(alex.ID, progress.LessonKey{Pack: cyber.ID, Lesson: lesson.ID}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateProfile("Priya Shah", "manager", now); err != nil {
		t.Fatal(err)
	}
}

// TestProgressJSONMatchesSchema runs `upskill progress --json` on a file
// with varied progress and checks the output against the documented
// schema, and that it says what the file holds in stable ids.
func TestProgressJSONMatchesSchema(t *testing.T) {
	schema := compileSchema(t)
	db := filepath.Join(t.TempDir(), "upskill.db")
	seedVariedProgress(t, db)
	r := upskill(t, []string{"UPSKILL_DB=" + db}, "progress", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if err := validate(t, schema, []byte(r.stdout)); err != nil {
		t.Fatalf("progress --json does not match %s: %v\n%s", schemaPath, err, r.stdout)
	}
	var report learner.ProgressReport
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatal(err)
	}
	if report.Schema != learner.ReportSchema || len(report.Learners) != 3 {
		t.Fatalf("schema %d, %d learners, want %d and 3", report.Schema, len(report.Learners), learner.ReportSchema)
	}
	roles := map[string]lessons.Audience{}
	statuses := map[learner.Status]bool{}
	quizzes := map[learner.QuizState]bool{}
	badges := map[learner.BadgeState]bool{}
	packs := map[string]string{} // learner/pack: language
	for _, l := range report.Learners {
		roles[l.Name] = l.Role
		for _, p := range l.Packs {
			packs[l.Name+"/"+p.ID] = p.Language
			for _, m := range p.Modules {
				statuses[m.Status] = true
				for _, lr := range m.Lessons {
					statuses[lr.Status] = true
					quizzes[lr.Quiz] = true
				}
			}
			for _, b := range p.Badges {
				badges[b.State] = true
			}
		}
	}
	want := map[string]lessons.Audience{"Sam Patel": lessons.Graduate, "Alex Jones": lessons.Staff, "Priya Shah": lessons.Manager}
	for name, role := range want {
		if roles[name] != role {
			t.Errorf("%s's role is %q, want %q", name, roles[name], role)
		}
	}
	for _, s := range learner.Statuses {
		if !statuses[s] {
			t.Errorf("no %q status in the report", s)
		}
	}
	for _, q := range []learner.QuizState{learner.QuizNotTaken, learner.QuizPassed, learner.QuizNotPassed} {
		if !quizzes[q] {
			t.Errorf("no %q quiz in the report", q)
		}
	}
	for _, b := range learner.BadgeStates {
		if !badges[b] {
			t.Errorf("no %q badge in the report", b)
		}
	}
	if packs["Alex Jones/cyber-basics"] != "en-GB" || packs["Alex Jones/council-digital-essentials"] != "en-GB" || len(packs) != 4 {
		t.Errorf("packs reported: %v", packs)
	}
	for _, l := range report.Learners {
		if l.Name == "Alex Jones" && (l.DueToday == 0 || l.MinutesTotal != 7) {
			t.Errorf("Alex: %d cards due today, %d minutes in all; want some and 7", l.DueToday, l.MinutesTotal)
		}
	}
}

// TestProgressSchemaConstrains checks that the schema refuses what a
// script must never see: words for display where a stable id belongs, a
// missing version, a badge earned without a date.
func TestProgressSchemaConstrains(t *testing.T) {
	schema := compileSchema(t)
	db := filepath.Join(t.TempDir(), "upskill.db")
	seedVariedProgress(t, db)
	r := upskill(t, []string{"UPSKILL_DB=" + db}, "progress", "--json")
	if err := validate(t, schema, []byte(r.stdout)); err != nil {
		t.Fatalf("the real report does not match: %v", err)
	}
	for _, c := range []struct{ name, old, new string }{
		{"a status label", `"status": "in_progress"`, `"status": "in progress"`},
		{"a role label", `"role": "staff"`, `"role": "Council staff"`},
		{"a badge state label", `"state": "locked"`, `"state": "Locked"`},
		{"a quiz state label", `"quiz": "passed"`, `"quiz": "Passed."`},
		{"no schema version", `"schema": 1,`, ``},
		{"another schema version", `"schema": 1,`, `"schema": 2,`},
		{"an earned badge without a date", `"earned": "`, `"earned_at": "`},
		{"a date that is not one", `"date": "`, `"date": "x`},
	} {
		if !strings.Contains(r.stdout, c.old) {
			t.Fatalf("%s: the report holds no %s", c.name, c.old)
		}
		bad := strings.Replace(r.stdout, c.old, c.new, 1)
		if err := validate(t, schema, []byte(bad)); err == nil {
			t.Errorf("the schema accepts %s (%s)", c.name, c.new)
		}
	}
}

// TestProgressJSONWithoutFile: --json always prints JSON, an empty report
// when there is no progress file, and creates no file.
func TestProgressJSONWithoutFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "missing", "upskill.db")
	r := upskill(t, []string{"UPSKILL_DB=" + db}, "progress", "--json")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if err := validate(t, compileSchema(t), []byte(r.stdout)); err != nil {
		t.Errorf("the empty report does not match the schema: %v\n%s", err, r.stdout)
	}
	var report learner.ProgressReport
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil || report.Schema != learner.ReportSchema || report.Learners == nil || len(report.Learners) != 0 {
		t.Errorf("empty report %q: %+v, %v", r.stdout, report, err)
	}
	if _, err := os.Stat(filepath.Dir(db)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("progress --json created %s", filepath.Dir(db))
	}
}

// TestSchemaEnumsMatchCode checks that the schema lists exactly the stable
// ids the code has, so neither can gain a value the other lacks.
func TestSchemaEnumsMatchCode(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Enum       []string `json:"enum"`
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	strs := func(values ...string) []string { return values }
	var roles, statuses, quizzes, badges []string
	for _, a := range lessons.Audiences {
		roles = append(roles, string(a))
	}
	for _, s := range learner.Statuses {
		statuses = append(statuses, string(s))
	}
	for _, q := range learner.QuizStates {
		quizzes = append(quizzes, string(q))
	}
	for _, b := range learner.BadgeStates {
		badges = append(badges, string(b))
	}
	for _, c := range []struct {
		name       string
		schema, in []string
	}{
		{"role", doc.Defs["role"].Enum, roles},
		{"status", doc.Defs["status"].Enum, statuses},
		{"lesson quiz", doc.Defs["lesson"].Properties["quiz"].Enum, quizzes},
		{"badge state", doc.Defs["badge"].Properties["state"].Enum, badges},
		{"rule type", doc.Defs["rule"].Properties["type"].Enum, strs(string(lessons.RuleModuleComplete), string(lessons.RuleModuleQuizzes),
			string(lessons.RulePerfectScore), string(lessons.RulePathComplete), string(lessons.RuleStreak))},
	} {
		if !slices.Equal(c.schema, c.in) {
			t.Errorf("%s: the schema lists %q, the code %q", c.name, c.schema, c.in)
		}
	}
}
