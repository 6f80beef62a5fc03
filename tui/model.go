// Package tui is Upskill's terminal interface: one root [Model] and one
// concrete type per screen (welcome, profile picker, home, module, lesson,
// quiz, results, badges).
//
// Screens never call each other. They send named messages (openLessonMsg,
// startQuizMsg, backMsg, ...) that the root turns into navigation, and all
// slow work — reading and writing the progress file, rendering Markdown —
// runs in commands off the UI loop.
package tui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// screen names the screen on display.
type screen int

const (
	welcomeScreen screen = iota
	pickerScreen
	homeScreen
	moduleScreen
	lessonScreen
	quizScreen
	resultsScreen
	badgesScreen
	coursesScreen
	reviewDoneScreen
	dashboardScreen
)

func (s screen) String() string {
	return [...]string{"welcome", "profiles", "home", "module", "lesson", "quiz", "results", "badges", "courses", "review done", "dashboard"}[s]
}

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
}

// Model is the root of the UI, the only tea.Model. It owns the shared
// state, routes app-wide messages and forwards the rest to the active
// screen.
type Model struct {
	c        *common
	active   screen
	welcome  welcomeModel
	picker   pickerModel
	home     homeModel
	module   moduleModel
	lesson   lessonModel
	quiz     quizModel
	results  resultsModel
	badges   badgesModel
	badgesUp screen // the screen to return to from badges
	courses  coursesModel
	// reviewDone is the summary of a finished review session.
	reviewDone reviewDoneModel
	dashboard  dashboardModel
	help       help.Model
	showHelp   bool
	notice     string
	err        error
	// packProblems, when set, are why a previewed pack could not be
	// reloaded; they are shown instead of the screen until fixed.
	packProblems []string
}

var _ tea.Model = Model{}

// New builds the UI and decides its first screen: the welcome form for a
// new file, the profile picker when several people share the file, or the
// learner's home.
func New(opts Options) (Model, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	cat := opts.Catalog
	if cat == nil {
		var err error
		if cat, err = catalog.Open(opts.Store, opts.Pack, nil); err != nil {
			return Model{}, err
		}
	}
	c := &common{store: opts.Store, catalog: cat, now: now, styles: NewStyles(true), keys: defaultKeyMap(), saveDelay: 2 * time.Second, seed: rand.Int64}
	m := Model{c: c, help: help.New()}
	m.help.Styles = c.styles.Help
	profiles, err := opts.Store.Profiles()
	if err != nil {
		return m, fmt.Errorf("read profiles: %w", err)
	}
	var chosen *progress.Profile
	switch {
	case opts.Profile != "":
		p, err := opts.Store.ProfileByName(opts.Profile)
		if errors.Is(err, progress.ErrNotFound) {
			m.welcome, m.active = newWelcome(c, opts.Profile, len(profiles) > 0), welcomeScreen
			return m, nil
		} else if err != nil {
			return m, err
		}
		chosen = &p
	case len(profiles) == 1:
		chosen = &profiles[0]
	case len(profiles) > 1:
		m.picker, m.active = newPicker(c, profiles), pickerScreen
		return m, nil
	default:
		m.welcome, m.active = newWelcome(c, "", false), welcomeScreen
		return m, nil
	}
	pack, err := packFor(cat, *chosen)
	if err != nil {
		return m, err
	}
	prog, err := learner.Load(opts.Store, pack, *chosen, now().Location())
	if err != nil {
		return m, err
	}
	c.learner, c.pack = prog, pack
	m.home, m.active = newHome(c), homeScreen
	return m, nil
}

// Init asks the terminal for its background colour, to pick light or dark
// styles, and catches up on any badge earned but not yet recorded.
func (m Model) Init() tea.Cmd {
	if m.c.learner != nil {
		return tea.Batch(tea.RequestBackgroundColor, m.c.refreshCmd())
	}
	return tea.RequestBackgroundColor
}

// Update implements tea.Model: app-wide messages first, then the active
// screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.timing()
	next, cmd := m.update(msg)
	return next, tea.Batch(cmd, next.clock(msg, before))
}

// update handles one message: app-wide ones here, the rest by the active
// screen.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		return m.resize()
	case tea.BackgroundColorMsg:
		return m.setStyles(msg.IsDark())
	case tea.KeyPressMsg:
		m.notice, m.err = "", nil
		if next, cmd, handled := m.globalKey(msg); handled {
			return next, cmd
		}
	case errMsg:
		m.err = msg.err
		return m, nil
	case learnerLoadedMsg:
		return m.learnerLoaded(msg, false)
	case learnerChosenMsg:
		next, cmd := m.learnerLoaded(learnerLoadedMsg(msg), true)
		return next, tea.Batch(cmd, next.c.reconcileCmd())
	case lessonRenderedMsg:
		m.c.renders.put(msg.key, msg.content)
	case packReloadedMsg:
		return m.reloadPack(msg)
	}
	if next, cmd, ok := m.navigate(msg); ok {
		return next, cmd
	}
	return m.forward(msg)
}

// globalKey handles the keys that work on every screen. ctrl+c always
// quits; q and ? give way while the learner is typing; any key closes the
// help overlay.
func (m Model) globalKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return m, m.quit(), true
	case m.showHelp:
		m.showHelp = false
		return m, nil, true
	case m.capturesKeys():
		return m, nil, false
	case key.Matches(msg, k.Quit):
		return m, m.quit(), true
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil, true
	}
	return m, nil, false
}

// capturesKeys reports whether the active screen has a text box in focus.
func (m Model) capturesKeys() bool {
	switch m.active {
	case welcomeScreen:
		return m.welcome.capturesKeys()
	case quizScreen:
		return m.quiz.capturesKeys()
	}
	return false
}

// quit saves the reading position of an open lesson and the time spent,
// then quits.
func (m Model) quit() tea.Cmd {
	var save tea.Cmd
	if m.active == lessonScreen {
		save = m.saveReadingCmd()
	}
	return tea.Sequence(save, m.flushTime(), tea.Quit)
}

// forward hands a message to the active screen only.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.active {
	case welcomeScreen:
		m.welcome, cmd = m.welcome.Update(msg)
	case pickerScreen:
		m.picker, cmd = m.picker.Update(msg)
	case homeScreen:
		m.home, cmd = m.home.Update(msg)
	case moduleScreen:
		m.module, cmd = m.module.Update(msg)
	case lessonScreen:
		m.lesson, cmd = m.lesson.Update(msg)
	case quizScreen:
		m.quiz, cmd = m.quiz.Update(msg)
	case resultsScreen:
		m.results, cmd = m.results.Update(msg)
	case badgesScreen:
		m.badges, cmd = m.badges.Update(msg)
	case coursesScreen:
		m.courses, cmd = m.courses.Update(msg)
	case reviewDoneScreen:
		m.reviewDone, cmd = m.reviewDone.Update(msg)
	case dashboardScreen:
		m.dashboard, cmd = m.dashboard.Update(msg)
	}
	return m, cmd
}

// resize hands the new size to the screens that lay out to it, and asks
// for the open lesson to be rendered at the new width.
func (m Model) resize() (Model, tea.Cmd) {
	m.help.SetWidth(m.c.bodyWidth())
	switch m.active {
	case lessonScreen:
		m.lesson = m.lesson.resize()
		if m.lesson.needsRender() {
			return m, renderLessonCmd(m.c.pack, m.lesson.lesson, m.lesson.wanted(), m.c.styles.Glamour)
		}
	case quizScreen:
		m.quiz = m.quiz.resize()
	case resultsScreen:
		m.results = m.results.resize()
	case badgesScreen:
		m.badges = m.badges.resize()
	case reviewDoneScreen:
		m.reviewDone = m.reviewDone.resize()
	case dashboardScreen:
		m.dashboard = m.dashboard.resize()
	}
	return m, nil
}

// setStyles switches between light and dark styles.
func (m Model) setStyles(isDark bool) (Model, tea.Cmd) {
	m.c.styles = NewStyles(isDark)
	m.help.Styles = m.c.styles.Help
	m.welcome.name.SetStyles(m.c.styles.TextInput)
	m.quiz.input.SetStyles(m.c.styles.TextInput)
	return m.resize()
}

// keys returns the active screen's keys, for the help line and overlay.
func (m Model) keys() helpKeys {
	switch m.active {
	case welcomeScreen:
		return m.welcome.keys()
	case pickerScreen:
		return m.picker.keys()
	case homeScreen:
		return m.home.keys()
	case moduleScreen:
		return m.module.keys()
	case lessonScreen:
		return m.lesson.keys()
	case quizScreen:
		return m.quiz.keys()
	case resultsScreen:
		return m.results.keys()
	case coursesScreen:
		return m.courses.keys()
	case reviewDoneScreen:
		return m.reviewDone.keys()
	case dashboardScreen:
		return m.dashboard.keys()
	default:
		return m.badges.keys()
	}
}
