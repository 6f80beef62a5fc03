// Package tui is Upskill's terminal interface: one root [Model], and one
// type per screen behind the screen interface (screen.go).
//
// The screens, each in its own file:
//
//	welcome.go    welcomeModel    a new learner's name and role
//	picker.go     pickerModel     who is learning, when several share a file
//	home.go       homeModel       continue, review, the path's modules, badges, streak
//	module.go     moduleModel     a module's lessons with status and best score
//	lesson.go     lessonModel     a lesson's text, remembering how far it is read
//	quiz.go       quizModel       a quiz or a review session, one question at a time
//	results.go    resultsModel    a finished quiz: score, badges, mistakes
//	reviewdone.go reviewDoneModel a finished review session
//	badges.go     badgesModel     badges earned and still to earn
//	courses.go    coursesModel    the packs on offer
//	dashboard.go  dashboardModel  progress at a glance: modules, calendar, streaks
//	team.go       teamModel       a team's required training (managers, trainers, admins)
//
// The root keeps the screens on a stack (the header's path): opening a
// screen pushes it, esc pops it. Screens never call each other. They send
// named messages (openLessonMsg, startQuizMsg, backMsg, ...) that the root
// turns into changes of the stack in nav.go, where every screen is made.
// Adding a screen means writing its file and the line in nav.go that
// makes it.
//
// All slow work runs in commands off the UI loop: every read and write of
// the progress file, rendering Markdown. Update never touches the store.
//
// One Model serves one program and one learner. Its state, and the common
// state its screens read, are changed only by its own Update, on that
// program's goroutine; commands take copies of what they need. Programs in
// one process (one per SSH session, say) share only the store, the
// catalogue and the packs it hands out, which are read-only.
package tui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// Options configure a new UI.
type Options struct {
	Store *progress.Store
	// Catalog offers the packs to learn from. When nil, Pack is the only
	// one.
	Catalog *catalog.Catalog
	Pack    *lessons.Pack
	// Profile is the name of the learner to start as (from --profile). A
	// name with no profile opens the welcome form with the name filled in.
	Profile string
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Zone is where a learner with no time zone of their own counts
	// their days (a server's configured zone); nil means Now's own
	// location. A learner's own zone (progress.Profile.TimeZone) applies
	// once they are chosen.
	Zone *time.Location
	// Theme is the look to use; empty means auto: light or dark as the
	// terminal's background is.
	Theme Theme
	// Getenv reads the learner's environment (COLORFGBG, which says the
	// background when the terminal does not answer the query); nil means
	// os.Getenv. A server passes the SSH client's.
	Getenv func(string) string
	// OneLearner fixes the learner to Profile, as a server does for the
	// owner of an SSH key: no picker of other learners, no new profiles,
	// and a Profile that is not in the file is an error.
	OneLearner bool
	// ReportCommand, when set, is the command that saves a team's HTML
	// report on the learner's own computer, for team ("" for every
	// team): a server sets it, since a file written on the server would
	// not help the manager. The Team screen's report key shows it. When
	// nil, the key writes the file in ReportDir.
	ReportCommand func(team string) string
	// SSHCommand, when set (by tui/server), is the command that runs
	// remote on the server from the learner's own computer, such as
	// `ssh -p 2222 learn.example-council.gov.uk badges export ID`.
	SSHCommand func(remote string) string
	// ReportDir is the folder the Team screen's report key writes to;
	// empty means the current directory.
	ReportDir string
}

// Model is the root of the UI, the only tea.Model. It owns the program's
// state, routes app-wide messages and forwards the rest to the screen on
// top of the stack.
type Model struct {
	c        *common
	screens  stack
	help     help.Model
	showHelp bool
	// helpOffset is how far the help overlay is scrolled, on a window
	// too small for all its keys.
	helpOffset int
	notice     string
	err        error
	// packProblems, when set, are why a previewed pack could not be
	// reloaded; they are shown instead of the screen until fixed.
	packProblems []string
	// accessible is set when the learner asked for the accessible mode:
	// the program quits, and its caller starts that mode instead.
	accessible bool
}

// WantsAccessible reports whether the learner asked, on the welcome
// screen, for the accessible mode: the program has quit so that its
// caller can start it.
func (m *Model) WantsAccessible() bool { return m.accessible }

// switchToAccessibleMsg asks the root to quit so the accessible mode can
// start in its place.
type switchToAccessibleMsg struct{}

var _ tea.Model = (*Model)(nil)

// New builds the UI and decides its first screen: the welcome form for a
// new file, the profile picker when several people share the file, or the
// learner's home. It reads the store once, before the program starts.
func New(opts Options) (*Model, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	cat := opts.Catalog
	if cat == nil {
		var err error
		if cat, err = catalog.Open(opts.Store, opts.Pack, nil); err != nil {
			return nil, err
		}
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	theme := opts.Theme
	if theme == "" {
		theme = ThemeAuto
	}
	isDark, known := backgroundFromEnv(getenv("COLORFGBG"))
	if !known {
		isDark = true
	}
	c := &common{store: opts.Store, catalog: cat, now: now, baseNow: now, zone: opts.Zone, theme: theme, styles: ThemeStyles(theme, isDark), keys: defaultKeyMap(), saveDelay: 2 * time.Second, seed: rand.Int64}
	c.reportCommand, c.reportDir, c.sshCommand = opts.ReportCommand, opts.ReportDir, opts.SSHCommand
	if opts.OneLearner {
		c.oneLearner = true
		c.keys.Switch.SetEnabled(false)
	}
	m := &Model{c: c, help: help.New()}
	m.help.Styles = c.styles.Help
	profiles, err := opts.Store.Profiles()
	if err != nil {
		return nil, fmt.Errorf("read profiles: %w", err)
	}
	var chosen *progress.Profile
	switch {
	case opts.OneLearner && opts.Profile == "":
		return nil, errors.New("one learner: no profile named")
	case opts.Profile != "":
		p, err := opts.Store.ProfileByName(opts.Profile)
		if errors.Is(err, progress.ErrNotFound) && opts.OneLearner {
			return nil, fmt.Errorf("learner %q: %w", opts.Profile, err)
		}
		if errors.Is(err, progress.ErrNotFound) {
			// A new name: the welcome form, over the picker when others
			// use the file, so that esc shows who else is here.
			if len(profiles) > 0 {
				m.screens = m.screens.push(newPicker(c, profiles))
			}
			m.screens = m.screens.push(newWelcome(c, opts.Profile, len(profiles) > 0))
			return m, nil
		} else if err != nil {
			return nil, err
		}
		chosen = &p
	case len(profiles) == 1:
		chosen = &profiles[0]
	case len(profiles) > 1:
		m.screens = stack{newPicker(c, profiles)}
		return m, nil
	default:
		m.screens = stack{newWelcome(c, "", false)}
		return m, nil
	}
	pack, err := packFor(cat, *chosen)
	if err != nil {
		return nil, err
	}
	c.now = c.clockFor(*chosen)
	prog, err := learner.Load(opts.Store, pack, *chosen, c.now().Location())
	if err != nil {
		return nil, err
	}
	c.learner, c.pack = prog, pack
	m.screens = stack{newHome(c)}
	return m, nil
}

// Init asks the terminal for its background colour, to pick light or dark
// styles, catches up on any badge earned but not yet recorded, and
// retires the review cards of questions no longer in their packs.
func (m *Model) Init() tea.Cmd {
	if m.c.learner != nil {
		return tea.Batch(tea.RequestBackgroundColor, m.c.refreshCmd(), m.c.reconcileCmd())
	}
	return tea.RequestBackgroundColor
}

// Update implements tea.Model: app-wide messages here, navigation in
// nav.go, everything else to the screen on top.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.screens.top().timing()
	cmd := m.update(msg)
	return m, tea.Batch(cmd, m.clock(msg, before))
}

// update handles one message.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		return m.resize()
	case tea.BackgroundColorMsg:
		// The terminal's own answer beats COLORFGBG; a theme chosen by
		// name stays, but high contrast follows the background.
		if m.c.theme == ThemeDark || m.c.theme == ThemeLight {
			return nil
		}
		m.c.styles = ThemeStyles(m.c.theme, msg.IsDark())
		m.help.Styles = m.c.styles.Help
		return m.resize()
	case tea.KeyPressMsg:
		m.notice, m.err = "", nil
		if cmd, handled := m.globalKey(msg); handled {
			return cmd
		}
	case errMsg:
		m.err = msg.err
		return nil
	case promptRenderedMsg:
		m.c.keepPrompt(msg)
		return m.resize()
	case noticeMsg:
		m.notice = msg.text
		return nil
	case switchToAccessibleMsg:
		m.accessible = true
		return m.quit()
	case quitMsg:
		return m.quit()
	case lessonRenderedMsg:
		m.c.renders.put(msg.key, msg.content)
	case packReloadedMsg:
		return m.reloadPack(msg)
	case packReopenedMsg:
		return m.packReopened(msg)
	}
	if cmd, ok := m.navigate(msg); ok {
		return cmd
	}
	return m.forward(msg)
}

// globalKey handles the keys that work on every screen. ctrl+c always
// quits; q and ? give way while the learner is typing; any key closes the
// help overlay.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m.quit(), true
	case m.showHelp && key.Matches(msg, k.Down, k.PageDown):
		lines, room := m.helpLines()
		m.helpOffset = min(m.helpOffset+1, maxHelpOffset(len(lines), room))
		return nil, true
	case m.showHelp && key.Matches(msg, k.Up, k.PageUp):
		m.helpOffset = max(m.helpOffset-1, 0)
		return nil, true
	case m.showHelp:
		m.showHelp, m.helpOffset = false, 0
		return nil, true
	case m.screens.top().capturesKeys():
		return nil, false
	case key.Matches(msg, k.Quit) && asksBeforeQuit(m.screens.top()):
		return nil, false // the screen asks, then sends quitMsg
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil, true
	}
	return nil, false
}

// quitAsker is a screen that asks before the learner quits from it, such
// as a quiz part-way through. It shows the question itself, and sends
// quitMsg when the learner says yes.
type quitAsker interface {
	asksBeforeQuit() bool
}

// quitMsg asks the root to quit, after a screen has asked the learner.
type quitMsg struct{}

// asksBeforeQuit reports whether the screen wants to ask before quitting.
func asksBeforeQuit(sc screen) bool {
	a, ok := sc.(quitAsker)
	return ok && a.asksBeforeQuit()
}

// quit does each open screen's leaving work (an open lesson saves how far
// it was read) and writes the time spent, then quits.
func (m *Model) quit() tea.Cmd {
	return tea.Sequence(m.screens.leaveAll(), m.flushTime(), tea.Quit)
}

// forward hands a message to the screen on top only.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	sc, cmd := m.screens.top().update(msg)
	m.screens = m.screens.withTop(sc)
	return cmd
}

// resize lays the screen on top out again: after a new size or style, a
// change to the learner's progress, or when it comes back to the top.
// Screens below lay out when they come back.
func (m *Model) resize() tea.Cmd {
	m.help.SetWidth(m.c.bodyWidth())
	sc, cmd := m.screens.top().resize()
	m.screens = m.screens.withTop(sc)
	return cmd
}
