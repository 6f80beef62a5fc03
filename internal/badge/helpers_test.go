package badge

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/lessons"
)

// earned is when the test badge was earned; now is when it is checked.
var (
	earned = time.Date(2026, time.March, 2, 10, 30, 0, 0, time.UTC)
	now    = time.Date(2026, time.June, 1, 9, 0, 0, 0, time.UTC)
)

const testManifest = `format: 1
id: cyber
title: Cyber basics
version: 1.0.0
authors: [t]
licence: OGL-UK-3.0
summary: A pack for badge tests.
modules:
  - id: safe
    title: Staying safe
    summary: s
    lessons: [quiz]
    required:
      renew_months: 12
      grace_days: 30
  - id: extra
    title: Extra
    summary: s
    lessons: [extra]
badges:
  - id: safe-done
    title: Safe online
    description: Finished the module on staying safe online.
    rule: {type: module_complete, module: safe}
  - id: extra-done
    title: Extra <mile> & "more"
    description: Went the extra mile.
    rule: {type: module_complete, module: extra}
`

func lessonFile(id string, quiz bool) string {
	s := "---\nid: " + id + "\ntitle: Lesson " + id + "\nminutes: 3\nobjectives: [learn]\n"
	if quiz {
		s += "quiz:\n  pass_mark: 50\n  questions:\n    - {id: q1, type: true_false, prompt: p, answer: true, explanation: e}\n"
	}
	return s + "---\n## Text\n\nWords.\n"
}

func testPack(t testing.TB) *lessons.Pack {
	t.Helper()
	pack, err := lessons.Load(fstest.MapFS{
		"pack.yaml":        {Data: []byte(testManifest)},
		"lessons/quiz.md":  {Data: []byte(lessonFile("quiz", true))},
		"lessons/extra.md": {Data: []byte(lessonFile("extra", false))},
	})
	if err != nil {
		t.Fatal(err)
	}
	return pack
}

// testIssuer sets up a did:key issuer (or a did:web one for a domain) in
// a temporary folder.
func testIssuer(t testing.TB, didWeb string, identify badgeissuer.Identify) *badgeissuer.Issuer {
	t.Helper()
	p := badgeissuer.Profile{Name: "Example Council", URL: "https://www.example-council.gov.uk", Email: "badges@example-council.gov.uk", Identify: identify}
	if didWeb != "" {
		did, err := badgeissuer.DIDWeb(didWeb)
		if err != nil {
			t.Fatal(err)
		}
		p.DIDWeb = did
	}
	is, err := badgeissuer.Init(filepath.Join(t.TempDir(), "issuer"), p, earned)
	if err != nil {
		t.Fatal(err)
	}
	return is
}

// testAward is the learner Ada's award of the pack's first badge.
func testAward(t testing.TB, email string) Award {
	t.Helper()
	pack := testPack(t)
	return Award{Pack: pack, Badge: pack.Badges[0], Earned: earned, ValidUntil: earned.AddDate(1, 0, 0),
		LearnerUID: "0b6d3a52-6d1e-4c8e-8d7f-1e2a3b4c5d6e", Name: "Ada Lovelace", Email: email}
}

// signed builds and signs the test award, in the form asked.
func signed(t testing.TB, is *badgeissuer.Issuer, a Award, form Format) []byte {
	t.Helper()
	c, err := Build(is, a)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Sign(is, c, form, now)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeTemp writes data to a file in a temporary folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
