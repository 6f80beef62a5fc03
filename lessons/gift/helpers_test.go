package gift

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sharedFixtures is where the project keeps the reference fixtures; the
// copies in testdata are the source of truth, since CI runs on a clone
// without it.
const sharedFixtures = "../../../shared/fixtures/question-banks"

// fixtureSources returns the copy of a fixture in testdata, and the shared
// original too when it is there, so that a test runs against both.
func fixtureSources(t *testing.T, name string) map[string][]byte {
	t.Helper()
	local, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{"testdata": local}
	if shared, err := os.ReadFile(filepath.Join(sharedFixtures, name)); err == nil {
		out["shared"] = shared
	} else {
		t.Logf("%s: only the testdata copy is checked (%v)", name, err)
	}
	return out
}

// diffQuestion lists every field in which got differs from want.
func diffQuestion(got, want Question) []string {
	var diffs []string
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			diffs = append(diffs, fmt.Sprintf("%s = %#v, want %#v", gv.Type().Field(i).Name, g, w))
		}
	}
	return diffs
}

// checkQuestion fails t for every field in which got differs from want.
func checkQuestion(t *testing.T, got, want Question) {
	t.Helper()
	for _, d := range diffQuestion(got, want) {
		t.Error(d)
	}
}

// parseOne parses src and requires exactly one question and no problems.
func parseOne(t *testing.T, src string) Question {
	t.Helper()
	qs, ps := Parse([]byte(src))
	if len(ps) != 0 || len(qs) != 1 {
		t.Fatalf("Parse(%q): %d questions, problems %v; want 1 question and no problems", src, len(qs), ps)
	}
	return qs[0]
}

// parseProblem parses src and requires no questions and exactly one
// problem, on line, whose message contains every one of parts.
func parseProblem(t *testing.T, src string, line int, parts ...string) Problem {
	t.Helper()
	qs, ps := Parse([]byte(src))
	if len(qs) != 0 || len(ps) != 1 {
		t.Fatalf("Parse(%q): %d questions %+v, problems %v; want 1 problem and no questions", src, len(qs), qs, ps)
	}
	p := ps[0]
	if p.Line != line {
		t.Errorf("Parse(%q): problem on line %d, want %d: %s", src, p.Line, line, p.Message)
	}
	for _, part := range parts {
		if !strings.Contains(p.Message, part) {
			t.Errorf("Parse(%q): problem %q does not contain %q", src, p.Message, part)
		}
	}
	checkMessage(t, p.Message)
	return p
}

// checkMessage checks the house style of a problem message.
func checkMessage(t *testing.T, msg string) {
	t.Helper()
	if msg == "" || strings.HasSuffix(msg, ".") || strings.ToLower(msg[:1]) != msg[:1] {
		t.Errorf("message %q should start in lower case and have no final period", msg)
	}
}
