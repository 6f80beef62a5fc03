// Package accessible is Upskill's accessible mode, for screen-reader
// users: the whole learner's loop (choose a learner, home, lessons,
// quizzes, results, badges, review, progress) as plain lines appended to
// the terminal, one after another, answered by typing a line.
//
// It follows huh's ACCESSIBLE convention: no alternate screen, no cursor
// movement, no redraws, no colour, no spinners, no box-drawing or marks.
// Every prompt numbers its choices and says what can be typed; typing "?"
// repeats the prompt, and wrong input gets one plain sentence and the
// prompt again. Every sentence it prints is in messages.go, so that it can
// be translated.
//
// It writes to the store exactly as the full-screen interface (package
// tui) does, with the same calls, so the records are the same whichever
// mode a learner uses; each answer is committed before its feedback is
// printed. It never imports package tui.
package accessible

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Options configure an accessible session.
type Options struct {
	Store *progress.Store
	// Catalog offers the packs to learn from; it is required.
	Catalog *catalog.Catalog
	// Profile is the name of the learner to start as (from --profile). A
	// name with no profile starts the welcome questions with that name.
	Profile string
	// OneLearner fixes the learner to Profile, as a server does for the
	// owner of an SSH key: Profile must exist, and the session offers no
	// way to switch to, or make, another learner.
	OneLearner bool
	// In is read a line at a time; its end quits, with everything saved.
	In io.Reader
	// Out receives plain lines, never an escape sequence.
	Out io.Writer
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Seed gives each new quiz attempt and review session the seed that
	// shuffles it; nil means a random one. Tests fix it.
	Seed func() int64
}

// errQuit ends the session: the learner chose to quit, or the input
// ended. Everything is saved by then.
var errQuit = errors.New("quit")

// Run serves one learner's session until they quit or In ends. It
// returns an error only when the session cannot go on: the progress file
// cannot be read at the start, or Out cannot be written. Store errors on
// the way are told to the learner in a sentence, and the session goes on.
func Run(ctx context.Context, opts Options) error {
	if opts.Store == nil || opts.Catalog == nil || opts.In == nil || opts.Out == nil {
		return errors.New("accessible mode: Store, Catalog, In and Out are required")
	}
	s := &session{
		ctx:     ctx,
		store:   opts.Store,
		catalog: opts.Catalog,
		lines:   bufio.NewScanner(opts.In),
		out:     opts.Out,
		now:     opts.Now,
		seed:    opts.Seed,
		one:     opts.OneLearner,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.seed == nil {
		s.seed = rand.Int64
	}
	if opts.OneLearner && opts.Profile == "" {
		return errors.New("accessible mode: OneLearner needs a Profile")
	}
	s.lines.Buffer(make([]byte, 0, 4096), maxLine)
	err := s.run(opts.Profile)
	if errors.Is(err, errQuit) {
		s.say(msgGoodbye)
		err = nil
	}
	if err == nil && s.werr != nil {
		err = s.werr
	}
	if err != nil {
		return fmt.Errorf("accessible mode: %w", err)
	}
	return nil
}

// maxLine is the longest line of input read; a longer one is an error.
const maxLine = 64 * 1024

// session is one learner's run of the accessible mode. It is used by one
// goroutine only.
type session struct {
	ctx     context.Context
	store   *progress.Store
	catalog *catalog.Catalog
	lines   *bufio.Scanner
	out     io.Writer
	werr    error // the first failure to write to out
	now     func() time.Time
	seed    func() int64
	one     bool // Options.OneLearner

	// pack is the pack the learner is taking, learner their progress in
	// it and due the review cards due; all nil or zero before a learner
	// is chosen.
	pack    *lessons.Pack
	learner *learner.Progress
	due     review.Counts
	// required is the learner's mandatory training, most urgent first.
	required []compliance.Item
}

// run chooses the learner, then serves the home menu until they quit.
func (s *session) run(profile string) error {
	if err := s.start(profile); err != nil {
		return err
	}
	return s.home()
}
