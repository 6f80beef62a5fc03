package builtin

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/upskill-council/upskill/lessons"
)

// claimsDir lets a writer check ledgers kept elsewhere, with -pack:
// go test ./lessons/builtin -run TestClaims -args -pack DIR -claims DIR
var claimsDir = flag.String("claims", "claims", "check the claims ledgers in this folder")

// contentFS is the source files of the pack the content checks run on.
func contentFS() fs.FS {
	if *packDir != "" {
		return os.DirFS(*packDir)
	}
	return FS()
}

// ledger is one lesson's claims ledger, claims/<lesson-id>.yaml: every
// dated, numbered, named or legal claim the lesson makes, where it was
// checked, and the facts about the lesson's questions and people that the
// content rules need. claims/README.md describes it for editors.
type ledger struct {
	Lesson    string   `yaml:"lesson"`
	Reviewed  string   `yaml:"reviewed"`
	Names     []string `yaml:"names"`
	Judgement []string `yaml:"judgement"`
	Claims    []claim  `yaml:"claims"`
}

// claim is one checked claim of a lesson.
type claim struct {
	Claim   string `yaml:"claim"`
	Quote   string `yaml:"quote"`
	Source  string `yaml:"source"`
	Kind    string `yaml:"kind"`
	Checked string `yaml:"checked"`
	Note    string `yaml:"note"`
}

// minQuoteWords is the fewest words a claim's quote may have, so that it
// cannot match the lesson by chance. The format suggests 3 to 8 words;
// longer quotes are allowed, as they only make the match stricter.
const minQuoteWords = 3

// ledgerCheck gathers the problems found in a pack's claims ledgers.
type ledgerCheck struct {
	pack     *lessons.Pack
	packFS   fs.FS // the pack's source files, to read lessons as written
	problems []string
}

func (c *ledgerCheck) problemf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// ledgerProblems checks the ledgers in ledgers (a folder of
// <lesson-id>.yaml files) against the pack p, whose source files are in
// packFS. It returns one message per problem, in a stable order: ledger
// files by name, then lessons and modules in pack order.
func ledgerProblems(p *lessons.Pack, packFS, ledgers fs.FS) []string {
	c := &ledgerCheck{pack: p, packFS: packFS}
	found := c.readLedgers(ledgers)
	judged := map[string]bool{} // question ids listed as judgement
	nameIn := map[string]string{}
	// Modules with a lesson whose ledger is missing or unreadable are
	// not counted for their judgement share: that would only repeat the
	// problem.
	unknown := map[string]bool{}
	for i := range p.Modules {
		for _, l := range p.LessonsOf(&p.Modules[i]) {
			c.checkReviewDates(l)
			led, ok := found[l.ID]
			if led == nil {
				unknown[l.ModuleID] = true
			}
			switch {
			case !ok:
				c.problemf("lesson %q has no claims ledger: add claims/%s.yaml", l.ID, l.ID)
				continue
			case led == nil:
				continue // unreadable, already reported
			}
			text, err := fs.ReadFile(packFS, l.File)
			if err != nil {
				c.problemf("lesson %q: cannot read %s: %v", l.ID, l.File, err)
				continue
			}
			c.checkLedger(l, led, string(text), judged, nameIn)
		}
	}
	c.checkJudgementShare(judged, unknown)
	return c.problems
}

// readLedgers decodes every .yaml file in ledgers, strictly. It returns
// them by lesson id; a ledger that could not be read is there as nil, so
// that its lesson is not also reported as having none.
func (c *ledgerCheck) readLedgers(ledgers fs.FS) map[string]*ledger {
	found := map[string]*ledger{}
	names, err := fs.Glob(ledgers, "*.yaml")
	if err != nil {
		c.problemf("cannot list the claims ledgers: %v", err)
		return found
	}
	for _, name := range names {
		where := "claims/" + name
		id := strings.TrimSuffix(name, ".yaml")
		led, err := decodeLedger(ledgers, name)
		if err != nil {
			c.problemf("%s: %v", where, err)
			found[id] = nil
			continue
		}
		switch _, inPack := c.pack.Lesson(led.Lesson); {
		case led.Lesson != id:
			c.problemf("%s: the ledger is for lesson %q; name the file %s.yaml", where, led.Lesson, led.Lesson)
			continue
		case !inPack:
			c.problemf("%s: lesson %q is not in the pack", where, led.Lesson)
			continue
		}
		if !isDate(led.Reviewed) {
			c.problemf("%s: reviewed must be a date written YYYY-MM-DD, found %q", where, led.Reviewed)
		}
		found[id] = led
	}
	return found
}

// decodeLedger reads one ledger file. Unknown fields are errors, so that
// a misspelt field is not silently ignored.
func decodeLedger(ledgers fs.FS, name string) (*ledger, error) {
	data, err := fs.ReadFile(ledgers, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var led ledger
	if err := dec.Decode(&led); err != nil {
		var typeErr *yaml.TypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("cannot decode: %s", strings.Join(typeErr.Errors, "; "))
		}
		return nil, fmt.Errorf("cannot decode: %w", err)
	}
	if err := dec.Decode(new(ledger)); !errors.Is(err, io.EOF) {
		return nil, errors.New("cannot decode: a ledger is one YAML document; remove the extra \"---\"")
	}
	return &led, nil
}

// checkReviewDates reports a lesson without both review dates: every
// built-in lesson says when it was checked and when to check it again.
func (c *ledgerCheck) checkReviewDates(l *lessons.Lesson) {
	if l.Reviewed.IsZero() {
		c.problemf("lesson %q has no reviewed date in its front matter", l.ID)
	}
	if l.ReviewBy.IsZero() {
		c.problemf("lesson %q has no review_by date in its front matter", l.ID)
	}
}

// checkLedger checks one lesson's ledger against the lesson's file text.
// It adds the lesson's judgement questions to judged and its names to
// nameIn, reporting a name another lesson has already listed.
func (c *ledgerCheck) checkLedger(l *lessons.Lesson, led *ledger, text string, judged map[string]bool, nameIn map[string]string) {
	where := "claims/" + l.ID + ".yaml"
	flat := normaliseSpace(text)
	sourced := map[string]bool{}
	for i, cl := range led.Claims {
		at := fmt.Sprintf("%s, claim %d", where, i+1)
		c.checkClaim(at, cl)
		if cl.Quote != "" && !strings.Contains(flat, normaliseSpace(cl.Quote)) {
			c.problemf("lesson %q does not hold the quote %q (%s)", l.ID, cl.Quote, at)
		}
		sourced[cl.Source] = true
	}
	for _, s := range l.Sources {
		if !sourced[s.URL] {
			c.problemf("lesson %q: its source %s is not the source of any claim in %s", l.ID, s.URL, where)
		}
	}
	for _, id := range led.Judgement {
		switch {
		case !hasQuestion(l, id):
			c.problemf("%s: judgement names %q, which is not a question of lesson %q", where, id, l.ID)
		case judged[id]:
			c.problemf("%s: judgement lists %q twice", where, id)
		default:
			judged[id] = true
		}
	}
	for _, name := range led.Names {
		if !mentions(text, name) {
			c.problemf("%s: the name %q is not in lesson %q", where, name, l.ID)
		}
		if other, ok := nameIn[name]; ok && other != l.ID {
			c.problemf("the name %q is in the names of lessons %q and %q: give each person in the pack their own name", name, other, l.ID)
			continue
		}
		nameIn[name] = l.ID
	}
}

// checkClaim checks the fields of one claim.
func (c *ledgerCheck) checkClaim(at string, cl claim) {
	for _, f := range []struct{ name, value string }{{"claim", cl.Claim}, {"quote", cl.Quote}, {"source", cl.Source}} {
		if strings.TrimSpace(f.value) == "" {
			c.problemf("%s: %q is missing or empty", at, f.name)
		}
	}
	if n := len(strings.Fields(cl.Quote)); cl.Quote != "" && n < minQuoteWords {
		c.problemf("%s: the quote has %d words; copy a phrase of at least %d words from the lesson", at, n, minQuoteWords)
	}
	if cl.Source != "" && !strings.HasPrefix(cl.Source, "https://") {
		c.problemf("%s: source must be an https:// address, found %q", at, cl.Source)
	}
	if cl.Kind != "primary" && cl.Kind != "secondary" {
		c.problemf("%s: kind must be primary or secondary, found %q", at, cl.Kind)
	}
	if !isDate(cl.Checked) {
		c.problemf("%s: checked must be a date written YYYY-MM-DD, found %q", at, cl.Checked)
	}
}

// checkJudgementShare reports every module fewer than half of whose
// questions are listed as judgement questions, leaving out those in skip.
func (c *ledgerCheck) checkJudgementShare(judged, skip map[string]bool) {
	for i := range c.pack.Modules {
		m := &c.pack.Modules[i]
		if skip[m.ID] {
			continue
		}
		total, count := 0, 0
		for _, l := range c.pack.LessonsOf(m) {
			if l.Quiz == nil {
				continue
			}
			for _, q := range l.Quiz.Questions {
				total++
				if judged[q.ID] {
					count++
				}
			}
		}
		if needed := (total + 1) / 2; count < needed {
			c.problemf("module %q has %d judgement questions of %d; it needs at least %d", m.ID, count, total, needed)
		}
	}
}

// normaliseSpace turns every run of white space into one space, so that a
// quote matches however the lesson's lines are wrapped.
func normaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// mentions reports whether text holds name as a whole word.
func mentions(text, name string) bool {
	if strings.TrimSpace(name) == "" {
		return false
	}
	re := regexp.MustCompile(`(?:^|[^\p{L}\p{N}])` + regexp.QuoteMeta(name) + `(?:$|[^\p{L}\p{N}])`)
	return re.MatchString(text)
}

// isDate reports whether s is a real day written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// hasQuestion reports whether id is a question of the lesson's quiz.
func hasQuestion(l *lessons.Lesson, id string) bool {
	if l.Quiz == nil {
		return false
	}
	_, ok := l.Quiz.Question(id)
	return ok
}
