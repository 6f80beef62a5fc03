package xapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/progress"
)

var update = flag.Bool("update", false, "rewrite the golden statements in testdata/golden")

// TestGoldenStatements: each kind of statement, as JSON, is exactly the
// one in testdata/golden (the examples in docs/xapi.md come from there).
func TestGoldenStatements(t *testing.T) {
	b := testBuilder(t)
	for _, c := range exampleEvents() {
		t.Run(c.name, func(t *testing.T) {
			sts, err := b.Statements(c.ev)
			if err != nil {
				t.Fatal(err)
			}
			if len(sts) != 1 {
				t.Fatalf("%d statements, want 1", len(sts))
			}
			got, err := json.MarshalIndent(sts[0], "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", c.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/xapi -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("statement differs from %s:\n%s", path, got)
			}
		})
	}
}

// TestStatementIDsStableAndDistinct: the same event gives the same id
// each time; different records give different ids; the id is the one
// derived from its parts.
func TestStatementIDsStableAndDistinct(t *testing.T) {
	b := testBuilder(t)
	seen := map[string]string{}
	for _, c := range exampleEvents() {
		first, err := b.Statements(c.ev)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := testBuilder(t).Statements(c.ev)
		if first[0].ID != again[0].ID {
			t.Errorf("%s: id %s then %s", c.name, first[0].ID, again[0].ID)
		}
		if other, dup := seen[first[0].ID]; dup {
			t.Errorf("%s and %s share id %s", c.name, other, first[0].ID)
		}
		seen[first[0].ID] = c.name
		if u, err := uuid.Parse(first[0].ID); err != nil || u.Version() != 5 {
			t.Errorf("%s: id %s is not a name-based (SHA-1) UUID", c.name, first[0].ID)
		}
	}
	// The parts that make an id each change it.
	base := StatementID("l", VerbAnswered, "a", "1", "q")
	for _, other := range []uuid.UUID{
		StatementID("m", VerbAnswered, "a", "1", "q"), StatementID("l", VerbPassed, "a", "1", "q"),
		StatementID("l", VerbAnswered, "b", "1", "q"), StatementID("l", VerbAnswered, "a", "2", "q"),
		StatementID("l", VerbAnswered, "a", "1", "r"),
	} {
		if other == base {
			t.Errorf("a different record has id %s", base)
		}
	}
	// Another learner, the same answer: another id.
	ev := exampleEvents()[2].ev
	ev.Learner = "0d4a1f6e-9a57-4c1e-b1b5-6b1d2e3f4a5b"
	st, _ := b.Statements(ev)
	if _, dup := seen[st[0].ID]; dup {
		t.Errorf("another learner's answer has the same id")
	}
}

// TestActorNeverEmail: the actor is an account with the council's
// address and the learner's stable id.
func TestActorIsAccount(t *testing.T) {
	b := testBuilder(t)
	for _, c := range exampleEvents() {
		sts, _ := b.Statements(c.ev)
		data, _ := json.Marshal(sts[0].Actor)
		if string(data) != `{"objectType":"Agent","account":{"homePage":"`+testHome+`","name":"`+testLearner+`"}}` {
			t.Errorf("%s: actor %s", c.name, data)
		}
	}
}

// TestUnknownPackStillMakesStatements: a pack no longer imported still
// gives valid statements, naming activities by their ids, so a learner's
// write never fails for want of a pack.
func TestUnknownPackStillMakesStatements(t *testing.T) {
	b, err := New(Config{HomePage: testHome}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range exampleEvents() {
		sts, err := b.Statements(c.ev)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d := sts[0].Object.Definition; d == nil || len(d.Name) == 0 || d.Type == "" {
			t.Errorf("%s: definition %+v", c.name, d)
		}
	}
}

func TestBadHomePageRefused(t *testing.T) {
	for _, home := range []string{"", "council.gov.uk", "ftp://council.gov.uk", "https://", "https://x/?a=1", "https://user:pw@x/"} {
		if _, err := New(Config{HomePage: home}, nil); err == nil {
			t.Errorf("home page %q accepted", home)
		}
	}
}

func TestISODuration(t *testing.T) {
	for s, want := range map[float64]string{0: "PT0S", 12: "PT12S", 12.345: "PT12.35S", 90: "PT1M30S", 3725.5: "PT1H2M5.5S", 3600: "PT1H"} {
		if got := isoDuration(s); got != want {
			t.Errorf("isoDuration(%v) = %s, want %s", s, got, want)
		}
	}
}

// TestHookEncodesStatements: the hook's entries carry each statement's
// id and its JSON.
func TestHookEncodesStatements(t *testing.T) {
	b := testBuilder(t)
	ev := exampleEvents()[0].ev
	entries, err := b.Hook()(ev)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	var st Statement
	if err := json.Unmarshal(entries[0].Body, &st); err != nil {
		t.Fatal(err)
	}
	if uuid.UUID(entries[0].ID).String() != st.ID {
		t.Errorf("entry id %x, statement id %s", entries[0].ID, st.ID)
	}
	if _, err := b.Hook()(progress.Event{Kind: "nonsense", Learner: testLearner}); err == nil {
		t.Error("an unknown event made statements")
	}
}

// TestRequiredModuleValidUntil: the completion that completes a module
// required for the learner's role carries the module and its "valid
// until"; a completion that leaves a lesson of it undone, or of a
// learner whose role it is not required for, carries neither.
func TestRequiredModuleValidUntil(t *testing.T) {
	b := testBuilder(t)
	ev := progress.Event{Kind: progress.EventLessonCompleted, Learner: testLearner, Lesson: testLesson, At: t0,
		Role: "staff", Completed: []string{"phishing"}}
	ext := func(ev progress.Event) map[string]any {
		t.Helper()
		sts, err := b.Statements(ev)
		if err != nil {
			t.Fatal(err)
		}
		return sts[0].Result.Extensions
	}
	got := ext(ev)
	if got[ExtRequiredModule] != "safe" || got[ExtValidUntil] != "2027-01-05T10:15:00Z" {
		t.Errorf("extensions %v: want module safe valid until 2027-01-05T10:15:00Z", got)
	}
	manager := ev
	manager.Role = "manager"
	if got := ext(manager); got != nil {
		t.Errorf("a manager's completion (not required of managers): %v", got)
	}
	undone := ev
	undone.Completed = nil
	if got := ext(undone); got != nil {
		t.Errorf("a completion with the module's lessons not all done: %v", got)
	}
}
