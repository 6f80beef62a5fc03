package xapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Config is what a council configures for its statements.
type Config struct {
	// HomePage is the council's address: the actor's account homePage
	// and the base of every activity IRI, such as
	// "https://learning.council.gov.uk". It must be an absolute http(s)
	// address.
	HomePage string
	// Version is Upskill's version, sent as a context extension.
	Version string
}

// PackLookup finds an imported pack by id, for the names and questions
// of activity definitions; ok is false when it is not known, and the
// statements then name activities by their ids.
type PackLookup func(pack string) (p *lessons.Pack, ok bool)

// Builder makes the statements of learning events.
type Builder struct {
	cfg    Config
	iris   IRIs
	lookup PackLookup
}

// ErrConfig is returned by [New] for a configuration it cannot use.
var ErrConfig = errors.New("bad xAPI configuration")

// New returns a Builder for the council's configuration; lookup may be
// nil.
func New(cfg Config, lookup PackLookup) (*Builder, error) {
	if err := CheckHomePage(cfg.HomePage); err != nil {
		return nil, err
	}
	if lookup == nil {
		lookup = func(string) (*lessons.Pack, bool) { return nil, false }
	}
	return &Builder{cfg: cfg, iris: IRIs{Base: strings.TrimRight(cfg.HomePage, "/")}, lookup: lookup}, nil
}

// CheckHomePage checks that a council's address is an absolute http or
// https address with a host and no query or fragment.
func CheckHomePage(home string) error {
	u, err := parseURL(home)
	if err != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%w: the home page %q must be an http or https address with no query", ErrConfig, home)
	}
	return nil
}

// namespace is the UUID namespace of Upskill's statement ids.
var namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/upskill-council/upskill/xapi/statements"))

// StatementID derives a statement's id from what it records: the
// learner, the verb, the activity, and the attempt (or review) and
// question where there are, so that the same record has the same id on
// any machine and sending it twice can never make two statements.
func StatementID(learner, verb, activity, attempt, question string) uuid.UUID {
	return uuid.NewSHA1(namespace, []byte(strings.Join([]string{learner, verb, activity, attempt, question}, "|")))
}

// Hook is the progress store's outbox hook: the statements of each
// event, encoded.
func (b *Builder) Hook() progress.OutboxHook {
	return func(ev progress.Event) ([]progress.OutboxEntry, error) {
		sts, err := b.Statements(ev)
		if err != nil {
			return nil, err
		}
		out := make([]progress.OutboxEntry, len(sts))
		for i, st := range sts {
			body, err := json.Marshal(st)
			if err != nil {
				return nil, fmt.Errorf("encode statement: %w", err)
			}
			out[i] = progress.OutboxEntry{ID: uuid.MustParse(st.ID), Body: body}
		}
		return out, nil
	}
}

// Statements returns the statements of a learning event: one for every
// kind of event.
func (b *Builder) Statements(ev progress.Event) ([]Statement, error) {
	if ev.Learner == "" {
		return nil, fmt.Errorf("%s: no learner id", ev.Kind)
	}
	p, _ := b.lookup(ev.Lesson.Pack)
	k := lessonRef{packID: ev.Lesson.Pack, lesson: ev.Lesson.Lesson, pack: p}
	var st Statement
	switch ev.Kind {
	case progress.EventLessonRead:
		st = b.statement(ev, VerbExperienced, b.lessonActivity(k), "", "")
		st.Context = b.context(k, nil)
	case progress.EventLessonCompleted:
		st = b.statement(ev, VerbCompleted, b.lessonActivity(k), "", "")
		done := true
		st.Result = &Result{Completion: &done, Extensions: requiredModule(k, ev)}
		st.Context = b.context(k, nil)
	case progress.EventQuestionAnswered:
		if ev.Answer == nil || ev.Attempt == nil {
			return nil, fmt.Errorf("%s: no answer or attempt", ev.Kind)
		}
		obj, q := b.questionActivity(k, ev.Answer.Question)
		attempt := strconv.FormatUint(ev.Attempt.ID, 10)
		st = b.statement(ev, VerbAnswered, obj, attempt, ev.Answer.Question)
		st.Result = answerResult(q, *ev.Answer)
		quiz := b.quizActivity(k)
		st.Context = b.context(k, []Activity{quiz})
		st.Context.Registration = b.registration(ev.Learner, quiz.ID, attempt)
	case progress.EventQuizFinished:
		if ev.Attempt == nil {
			return nil, fmt.Errorf("%s: no attempt", ev.Kind)
		}
		st = b.quizStatement(ev, k)
	case progress.EventReviewFinished:
		if ev.Review == nil {
			return nil, fmt.Errorf("%s: no review", ev.Kind)
		}
		st = b.reviewStatement(ev)
	case progress.EventBadgeEarned:
		st = b.statement(ev, VerbEarned, b.badgeActivity(ev.Lesson.Pack, ev.Badge, p), "", "")
		st.Context = b.context(k, nil)
	default:
		return nil, fmt.Errorf("unknown event %q", ev.Kind)
	}
	return []Statement{st}, nil
}

// statement is a statement's actor, verb, object, id and timestamp.
func (b *Builder) statement(ev progress.Event, verbID string, obj Activity, attempt, question string) Statement {
	return Statement{
		ID:        StatementID(ev.Learner, verbID, obj.ID, attempt, question).String(),
		Actor:     Actor{ObjectType: "Agent", Account: Account{HomePage: b.cfg.HomePage, Name: ev.Learner}},
		Verb:      verb(verbID),
		Object:    obj,
		Timestamp: ev.At.UTC().Format(time.RFC3339Nano),
	}
}

// registration ties the statements of one quiz attempt together.
func (b *Builder) registration(learner, quiz, attempt string) string {
	return uuid.NewSHA1(namespace, []byte(strings.Join([]string{learner, "registration", quiz, attempt}, "|"))).String()
}

// context is a statement's context: the platform, the language, the
// pack as grouping with its version, and the lesson (when the object is
// inside it) and any further parents.
func (b *Builder) context(k lessonRef, parents []Activity) *Context {
	c := &Context{Platform: Platform, Language: language(k.pack),
		Extensions: map[string]any{ExtUpskillVersion: b.version()}}
	if k.packID == "" {
		return c
	}
	c.ContextActivities = &ContextActivities{Parent: parents, Grouping: []Activity{b.packActivity(k.packID, k.pack)}}
	if k.pack != nil && k.pack.Version != "" {
		c.Revision = k.pack.Version
		c.Extensions[ExtPackVersion] = k.pack.Version
	}
	return c
}

func (b *Builder) version() string {
	if b.cfg.Version == "" {
		return "unknown"
	}
	return b.cfg.Version
}

// quizStatement is a finished quiz: passed or failed, with the score
// (points of the questions asked), success, completion and the time from
// the attempt's start.
func (b *Builder) quizStatement(ev progress.Event, k lessonRef) Statement {
	a := ev.Attempt
	verbID := VerbFailed
	if a.Passed {
		verbID = VerbPassed
	}
	quiz := b.quizActivity(k)
	attempt := strconv.FormatUint(a.ID, 10)
	st := b.statement(ev, verbID, quiz, attempt, "")
	total := float64(len(a.Questions))
	scaled := 0.0
	if total > 0 {
		scaled = a.Points / total
	}
	raw, lo := round(a.Points), 0.0
	success, done := a.Passed, true
	st.Result = &Result{Score: &Score{Scaled: round(scaled), Raw: &raw, Min: &lo, Max: &total},
		Success: &success, Completion: &done}
	if !a.Finished.IsZero() && a.Finished.After(a.Started) {
		st.Result.Duration = isoDuration(a.Finished.Sub(a.Started).Seconds())
	}
	st.Context = b.context(k, []Activity{b.lessonActivity(k)})
	st.Context.Registration = b.registration(ev.Learner, quiz.ID, attempt)
	return st
}

// reviewStatement is a finished review session: attempted, with the
// share of cards answered rightly and each card answered.
func (b *Builder) reviewStatement(ev progress.Event) Statement {
	r := ev.Review
	st := b.statement(ev, VerbAttempted, b.reviewActivity(), strconv.FormatUint(r.ID, 10), "")
	type card struct {
		ID      string `json:"id"`
		Correct bool   `json:"correct"`
	}
	cards := make([]card, 0, len(r.Answers))
	points := 0.0
	for _, a := range r.Answers {
		cards = append(cards, card{ID: b.iris.Question(a.Card.Pack, a.Card.Lesson, a.Card.Question), Correct: a.Correct})
		points += progress.Answer{Correct: a.Correct, Score: a.Score}.Points()
	}
	raw, lo, hi := round(points), 0.0, float64(len(r.Answers))
	done := len(r.Answers) == len(r.Cards)
	st.Result = &Result{Completion: &done, Extensions: map[string]any{ExtCards: cards}}
	if len(r.Answers) > 0 {
		st.Result.Score = &Score{Scaled: round(points / hi), Raw: &raw, Min: &lo, Max: &hi}
	}
	if !r.Finished.IsZero() && r.Finished.After(r.Started) {
		st.Result.Duration = isoDuration(r.Finished.Sub(r.Started).Seconds())
	}
	st.Context = b.context(lessonRef{}, nil)
	return st
}

// round keeps four decimal places, so scores read well and encode the
// same everywhere.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// isoDuration is an ISO 8601 duration, to the hundredth of a second:
// "PT1H2M3.5S".
func isoDuration(seconds float64) string {
	cs := int64(math.Round(seconds * 100))
	h, cs := cs/360000, cs%360000
	m, cs := cs/6000, cs%6000
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if cs > 0 || (h == 0 && m == 0) {
		b.WriteString(strconv.FormatFloat(float64(cs)/100, 'f', -1, 64) + "S")
	}
	return b.String()
}
