package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/compliance"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Minimum terminal size. Below it the UI asks for a larger window rather
// than drawing a broken layout.
const (
	minWidth  = 60
	minHeight = 16
)

// common is what a program's screens share: the store and pack, the
// styles and keys, the terminal size and the learner's progress. Each
// Model has its own. Only the root Model's Update changes it, on the
// program's goroutine; screens read it, and commands copy what they need
// from it when they are made, never later. Of what it points to, only the
// store, the catalogue and the packs are shared with other programs, and
// the packs are read-only.
type common struct {
	store *progress.Store
	// oneLearner is set when the learner is fixed (Options.OneLearner).
	oneLearner bool
	catalog    *catalog.Catalog
	// pack is the pack the learner is taking; nil before a profile is
	// chosen.
	pack *lessons.Pack
	// now is the clock in the chosen learner's time zone (clockFor);
	// baseNow is Options.Now, and zone Options.Zone.
	now     func() time.Time
	baseNow func() time.Time
	zone    *time.Location
	theme   Theme // as chosen: auto follows the terminal's background
	styles  Styles
	keys    keyMap
	width   int // terminal columns
	height  int // terminal rows
	// learner is the chosen learner's progress in the pack, nil before a
	// profile is chosen.
	learner *learner.Progress
	// due is how many review cards are due today and this week.
	due review.Counts
	// required is the learner's mandatory training, most urgent first.
	required []compliance.Item
	// stopwatch adds up the learner's active time on the screen on view.
	stopwatch stopwatch
	renders   renderCache
	// prompts keeps rendered Markdown question prompts (promptmd.go).
	prompts map[promptKey]string
	// saveDelay is how long after the last scroll the reading position is
	// saved.
	saveDelay time.Duration
	// reportCommand and reportDir are Options.ReportCommand and
	// Options.ReportDir: how the Team screen's report key saves.
	reportCommand func(team string) string
	// sshCommand is Options.SSHCommand.
	sshCommand func(remote string) string
	reportDir  string
	// seed gives each new quiz attempt the seed that shuffles it; tests
	// fix it.
	seed func() int64
}

// Chrome takes rows for the header (two lines) and the help line.
const chromeRows = 3

// margin is the blank column kept at each side of the screen.
const margin = 1

// bodyWidth is the width a screen may draw in, inside the margins.
func (c *common) bodyWidth() int { return max(c.width-2*margin, 1) }

// bodyHeight is the height a screen may draw in, between header and help.
func (c *common) bodyHeight() int { return max(c.height-chromeRows, 1) }

// profileID is the chosen learner's profile id.
func (c *common) profileID() uint64 { return c.learner.Profile.ID }

// lessonKey names a lesson of the pack in the store.
func (c *common) lessonKey(lessonID string) progress.LessonKey {
	return progress.LessonKey{Pack: c.pack.ID, Lesson: lessonID}
}

// errMsg reports a failure to show the learner. Screens keep working; the
// message stays until the next key press.
type errMsg struct{ err error }

// learnerLoadedMsg carries a fresh read of the learner's progress after
// something was written, with any badges that the write earned.
type learnerLoadedMsg struct {
	progress *learner.Progress
	awarded  []lessons.Badge
	due      review.Counts // review cards due today and this week
	required []compliance.Item
}

// refreshCmd re-reads the learner's progress and awards any badge it now
// earns. Every change to the store is followed by it.
func (c *common) refreshCmd() tea.Cmd {
	store, cat, pack, now := c.store, c.catalog, c.pack, c.now
	profile := c.learner.Profile
	return func() tea.Msg { return loadLearner(store, cat, pack, profile, now()) }
}

// packFor loads the pack a learner was last taking, or the default pack.
func packFor(cat *catalog.Catalog, profile progress.Profile) (*lessons.Pack, error) {
	id := profile.Last.Pack
	if _, ok := cat.Entry(id); !ok {
		id = cat.Default()
	}
	return cat.Load(id)
}

// chooseLearnerCmd loads a learner's pack and progress, for the first
// screen after choosing a profile.
func (c *common) chooseLearnerCmd(profile progress.Profile) tea.Cmd {
	store, cat, now := c.store, c.catalog, c.now
	return func() tea.Msg {
		pack, err := packFor(cat, profile)
		if err != nil {
			return errMsg{err}
		}
		msg := loadLearner(store, cat, pack, profile, now())
		if ll, ok := msg.(learnerLoadedMsg); ok {
			return learnerChosenMsg(ll)
		}
		return msg
	}
}

// learnerChosenMsg carries the progress of a learner just chosen, or of a
// pack just switched to: the home screen opens on it.
type learnerChosenMsg learnerLoadedMsg

// packsOnOffer finds the packs a review may draw on: the pack being taken
// and, with a catalogue, every pack on offer. Packs are loaded when asked
// for, so checking that a pack is on offer costs nothing.
func packsOnOffer(cat *catalog.Catalog, pack *lessons.Pack) review.Packs {
	return func(id string) (*lessons.Pack, bool) {
		if pack != nil && id == pack.ID {
			return pack, true
		}
		if cat == nil {
			return nil, false
		}
		if _, ok := cat.Entry(id); !ok {
			return nil, false
		}
		p, err := cat.Load(id)
		return p, err == nil
	}
}

// onOffer reports whether a pack is on offer, without loading it.
func onOffer(cat *catalog.Catalog, pack *lessons.Pack) func(string) bool {
	return func(id string) bool {
		if pack != nil && id == pack.ID {
			return true
		}
		if cat == nil {
			return false
		}
		_, ok := cat.Entry(id)
		return ok
	}
}

func loadLearner(store *progress.Store, cat *catalog.Catalog, pack *lessons.Pack, profile progress.Profile, now time.Time) tea.Msg {
	if p, err := store.Profile(profile.ID); err == nil {
		profile = p // picks up the lesson to continue from
	}
	prog, err := learner.Load(store, pack, profile, now.Location())
	if err != nil {
		return errMsg{err}
	}
	awarded, err := learner.AwardDue(store, prog, now)
	if err != nil {
		return errMsg{err}
	}
	due, err := review.CountDue(store, profile.ID, onOffer(cat, pack), now)
	if err != nil {
		return errMsg{err}
	}
	required, err := requiredTraining(store, cat, profile, now)
	if err != nil {
		return errMsg{err}
	}
	return learnerLoadedMsg{progress: prog, awarded: awarded, due: due, required: required}
}

// reconcileCmd retires the review cards of questions that are no longer
// in their packs (a pack was upgraded, or Upskill's own pack changed), and
// refreshes the due counts if it retired any. It runs after a learner is
// chosen, off the first frame.
func (c *common) reconcileCmd() tea.Cmd {
	store, cat, pack, now := c.store, c.catalog, c.pack, c.now
	profile := c.learner.Profile
	return func() tea.Msg {
		n, err := review.Reconcile(store, profile.ID, packsOnOffer(cat, pack))
		if err != nil {
			return errMsg{err}
		}
		if n == 0 {
			return nil
		}
		return loadLearner(store, cat, pack, profile, now())
	}
}

// lessonCrumbs is the header's path to a lesson: its module, then it.
func (c *common) lessonCrumbs(l *lessons.Lesson) []string {
	if mod, ok := c.pack.Module(l.ModuleID); ok {
		return []string{mod.Title, l.Title}
	}
	return []string{l.Title}
}
