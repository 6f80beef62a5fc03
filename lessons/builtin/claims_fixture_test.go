package builtin

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/upskill-council/upskill/lessons"
)

// fixtureDir holds a small valid pack (pack/) and its ledgers (claims/).
const fixtureDir = "testdata/claims-fixture"

// loadFixture reads the fixture's files into memory, so that a case can
// change them.
func loadFixture(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(fixtureDir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(fixtureDir + "/" + name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// fixtureProblems runs the ledger checks on the fixture as changed.
func fixtureProblems(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	packFS, _ := fs.Sub(fsys, "pack")
	ledgers, _ := fs.Sub(fsys, "claims")
	p, err := lessons.Load(packFS)
	if err != nil {
		t.Fatalf("the fixture pack is invalid: %v", err)
	}
	return ledgerProblems(p, packFS, ledgers)
}

// change replaces old, which must occur exactly once, with new in a
// fixture file.
func change(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f, ok := fsys[name]
	if !ok {
		t.Fatalf("no fixture file %s", name)
	}
	if n := strings.Count(string(f.Data), old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", name, old, n)
	}
	f.Data = []byte(strings.Replace(string(f.Data), old, new, 1))
}

const (
	fraudLedger    = "claims/reporting-fraud.yaml"
	passwordLedger = "claims/strong-passwords.yaml"
	accessLedger   = "claims/subject-access.yaml"
	fraudLesson    = "pack/lessons/reporting-fraud.md"
	accessLesson   = "pack/lessons/subject-access.md"
	fraudSource    = "source: https://www.reportfraud.police.uk/"
)

// TestLedgerFixtureIsClean checks that the valid fixture passes, including
// a quote wrapped over two lines and a name with an accent.
func TestLedgerFixtureIsClean(t *testing.T) {
	if problems := fixtureProblems(t, loadFixture(t)); len(problems) > 0 {
		t.Errorf("the valid fixture has problems:\n%s", strings.Join(problems, "\n"))
	}
}

// TestLedgerProblems breaks the fixture one way at a time and checks
// that the ledger checks report exactly that, in exactly these words.
func TestLedgerProblems(t *testing.T) {
	for _, c := range []struct {
		name   string
		break_ func(t *testing.T, fsys fstest.MapFS)
		want   string
	}{
		{"no ledger", func(t *testing.T, fsys fstest.MapFS) { delete(fsys, passwordLedger) },
			`lesson "strong-passwords" has no claims ledger: add claims/strong-passwords.yaml`},
		{"no ledger for a lesson with judgement questions", func(t *testing.T, fsys fstest.MapFS) { delete(fsys, fraudLedger) },
			`lesson "reporting-fraud" has no claims ledger: add claims/reporting-fraud.yaml`},
		{"wrong type", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, accessLedger, "names: [Sam]", "names: Sam") },
			"claims/subject-access.yaml: cannot decode: line 3: cannot unmarshal !!str `Sam` into []string"},
		{"ledger of no lesson", func(t *testing.T, fsys fstest.MapFS) {
			fsys["claims/ghost.yaml"] = &fstest.MapFile{Data: []byte("lesson: ghost\nreviewed: 2026-12-02\n")}
		}, `claims/ghost.yaml: lesson "ghost" is not in the pack`},
		{"ledger named after another lesson", func(t *testing.T, fsys fstest.MapFS) {
			fsys["claims/other.yaml"] = &fstest.MapFile{Data: fsys[passwordLedger].Data}
		}, `claims/other.yaml: the ledger is for lesson "strong-passwords"; name the file strong-passwords.yaml`},
		{"unknown field", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, fraudLedger, "    note:", "    notes:") },
			`claims/reporting-fraud.yaml: cannot decode: line 11: field notes not found in type builtin.claim`},
		{"two documents", func(t *testing.T, fsys fstest.MapFS) {
			fsys[passwordLedger].Data = append(fsys[passwordLedger].Data, "---\nlesson: x\n"...)
		},
			`claims/strong-passwords.yaml: cannot decode: a ledger is one YAML document; remove the extra "---"`},
		{"ledger reviewed not a date", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "reviewed: 2026-12-02", "reviewed: December")
		},
			`claims/subject-access.yaml: reviewed must be a date written YYYY-MM-DD, found "December"`},
		{"quote not in the lesson", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "quote: usually has one month", "quote: usually has two months")
		}, `lesson "subject-access" does not hold the quote "usually has two months" (claims/subject-access.yaml, claim 1)`},
		{"quote in another case", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "quote: usually has one month", "quote: Usually has one month")
		}, `lesson "subject-access" does not hold the quote "Usually has one month" (claims/subject-access.yaml, claim 1)`},
		{"quote too short", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "quote: usually has one month", "quote: one month")
		},
			`claims/subject-access.yaml, claim 1: the quote has 2 words; copy a phrase of at least 3 words from the lesson`},
		{"source not covered", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, fraudLedger, fraudSource, "source: https://www.actionfraud.police.uk/")
		}, `lesson "reporting-fraud": its source https://www.reportfraud.police.uk/ is not the source of any claim in claims/reporting-fraud.yaml`},
		{"source not https", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, fraudLesson, "url: https://www.reportfraud.police.uk/", "url: http://www.reportfraud.police.uk/")
			change(t, fsys, fraudLedger, fraudSource, "source: http://www.reportfraud.police.uk/")
		}, `claims/reporting-fraud.yaml, claim 1: source must be an https:// address, found "http://www.reportfraud.police.uk/"`},
		{"bad kind", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, fraudLedger, "kind: primary", "kind: tertiary") },
			`claims/reporting-fraud.yaml, claim 1: kind must be primary or secondary, found "tertiary"`},
		{"no kind", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, fraudLedger, "    kind: primary\n", "") },
			`claims/reporting-fraud.yaml, claim 1: kind must be primary or secondary, found ""`},
		{"checked not a date", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, fraudLedger, "checked: 2026-12-02", "checked: 2026-02-30")
		},
			`claims/reporting-fraud.yaml, claim 1: checked must be a date written YYYY-MM-DD, found "2026-02-30"`},
		{"no claim", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, passwordLedger, "  - claim: The NCSC suggests passwords made of three random words.\n    quote:", "  - quote:")
		}, `claims/strong-passwords.yaml, claim 1: "claim" is missing or empty`},
		{"no quote", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, passwordLedger, `quote: "suggests three random words"`, `quote: ""`)
		},
			`claims/strong-passwords.yaml, claim 1: "quote" is missing or empty`},
		{"no source", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, passwordLedger, "    source: https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online/three-random-words\n", "")
			change(t, fsys, "pack/lessons/strong-passwords.md", "sources:\n  - title: \"NCSC: Three random words\"\n    url: https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online/three-random-words\n    checked: 2026-12-02\n", "")
		}, `claims/strong-passwords.yaml, claim 1: "source" is missing or empty`},
		{"judgement of another lesson's question", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, passwordLedger, "judgement: []", "judgement: [sar-spot]")
		}, `claims/strong-passwords.yaml: judgement names "sar-spot", which is not a question of lesson "strong-passwords"`},
		{"judgement twice", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "judgement: [sar-spot, sar-forward]", "judgement: [sar-spot, sar-forward, sar-spot]")
		}, `claims/subject-access.yaml: judgement lists "sar-spot" twice`},
		{"too few judgement questions", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, fraudLedger, "judgement: [fraud-call, fraud-report]", "judgement: [fraud-call]")
		}, `module "safety" has 1 judgement questions of 4; it needs at least 2`},
		{"none in a module", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "judgement: [sar-spot, sar-forward]", "judgement: []")
		}, `module "rights" has 0 judgement questions of 3; it needs at least 2`},
		{"under half of an odd number", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "judgement: [sar-spot, sar-forward]", "judgement: [sar-spot]")
		}, `module "rights" has 1 judgement questions of 3; it needs at least 2`},
		{"name not in the lesson", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "names: [Sam]", "names: [Sam, Ann]")
		},
			`claims/subject-access.yaml: the name "Ann" is not in lesson "subject-access"`},
		{"name only inside another word", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, passwordLedger, "names: [Zoë]", "names: [Zo]") },
			`claims/strong-passwords.yaml: the name "Zo" is not in lesson "strong-passwords"`},
		{"name in two lessons", func(t *testing.T, fsys fstest.MapFS) {
			change(t, fsys, accessLedger, "names: [Sam]", "names: [Sam, Tom]")
			change(t, fsys, accessLesson, "Sam made a request.", "Sam and Tom made a request.")
		}, `the name "Tom" is in the names of lessons "reporting-fraud" and "subject-access": give each person in the pack their own name`},
		{"no reviewed date", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, accessLesson, "reviewed: 2026-12-02\n", "") },
			`lesson "subject-access" has no reviewed date in its front matter`},
		{"no review_by date", func(t *testing.T, fsys fstest.MapFS) { change(t, fsys, fraudLesson, "review_by: 2027-06-02\n", "") },
			`lesson "reporting-fraud" has no review_by date in its front matter`},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := loadFixture(t)
			c.break_(t, fsys)
			got := fixtureProblems(t, fsys)
			if !slices.Equal(got, []string{c.want}) {
				t.Errorf("problems:\n%s\nwant exactly:\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}
