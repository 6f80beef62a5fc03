package server

import (
	"net"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui"
)

// phase is where a session is: enrolling a key, asking about a takeover,
// or learning.
type phase int

const (
	phaseStarting phase = iota // the learner's UI is being opened
	phaseEnrol                 // a new key: asking for the invite code
	phaseTakeover              // the learner has another session open
	phaseLearn                 // the learner's UI is running
)

// sessionModel is the root model of one SSH session's program. It runs
// the enrolment screen or the takeover question, then the learner's own
// UI (tui.Model) inside it, and handles the server's messages: the idle
// warning, and the requests to end (shutdown, takeover, idle).
type sessionModel struct {
	srv           *Server
	live          *liveSession
	id            identity
	env           map[string]string
	width, height int
	phase         phase
	enrol         enrolModel
	learner       progress.Profile
	inner         tea.Model
	warning       string
	// local is the address the client reached, for the command that
	// saves a team's report on their own computer.
	local net.Addr
	// ending is set once the session has been asked to end, so that the
	// learner's UI quits only once.
	ending bool
}

// startedMsg carries the learner's UI, opened off the event loop.
type startedMsg struct {
	model *tui.Model
	err   error
}

// claimedMsg says this session now holds the learner (after a takeover).
type claimedMsg struct{}

func newSessionModel(s *Server, live *liveSession, id identity, env map[string]string, w, h int) *sessionModel {
	m := &sessionModel{srv: s, live: live, id: id, env: env, width: w, height: h, phase: phaseEnrol}
	m.enrol = newEnrolModel(s.limits.EnrolTries)
	return m
}

// Init opens the learner's UI for a known key, or the enrolment screen.
func (m *sessionModel) Init() tea.Cmd {
	if m.id.learner != nil {
		return m.begin(*m.id.learner)
	}
	return nil
}

// begin claims the learner for this session and opens their UI, or asks
// about a takeover when another session holds them.
func (m *sessionModel) begin(p progress.Profile) tea.Cmd {
	m.learner = p
	if m.srv.sessions.claim(p.ID, m.live) != nil {
		m.phase = phaseTakeover
		return nil
	}
	return m.open()
}

// open builds the learner's UI off the event loop.
func (m *sessionModel) open() tea.Cmd {
	m.phase = phaseStarting
	s, name, env, local := m.srv, m.learner.Name, m.env, m.local
	return func() tea.Msg {
		theme, err := tui.ParseTheme(env["UPSKILL_THEME"])
		if err != nil {
			theme = tui.ThemeAuto
		}
		model, err := tui.New(tui.Options{
			Store: s.cfg.Store, Catalog: s.cfg.Catalog, Profile: name, Theme: theme, Now: s.cfg.Now, Zone: s.cfg.TimeZone,
			Getenv: func(k string) string { return env[k] }, OneLearner: true,
			ReportCommand: func(team string) string { return teamReportCommand(local, s.cfg.PublicAddress, team) },
			SSHCommand:    func(remote string) string { return sshCommand(local, s.cfg.PublicAddress, remote) },
		})
		return startedMsg{model: model, err: err}
	}
}

// takeOver ends the learner's other session, waiting for it to save, and
// then opens the UI here.
func (m *sessionModel) takeOver() tea.Cmd {
	s, live, id := m.srv, m.live, m.learner.ID
	return func() tea.Msg {
		s.takeOverLearner(id, live)
		return claimedMsg{}
	}
}

// takeOverLearner makes live the holder of learner id, ending the session
// that held it and waiting, up to TakeoverWait, for it to save.
func (s *Server) takeOverLearner(id uint64, live *liveSession) {
	if old := s.sessions.takeOver(id, live); old != nil {
		old.program.Send(endMsg{reason: endTakenOver})
		select {
		case <-old.done:
		case <-time.After(s.limits.TakeoverWait):
		}
	}
}

// Update implements tea.Model.
func (m *sessionModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.resizeInner()
	case endMsg:
		return m, m.end(msg.reason)
	case idleWarningMsg:
		m.warning = idleWarning(msg.left)
		return m, m.resizeInner()
	case idleClearMsg:
		m.warning = ""
		return m, m.resizeInner()
	case startedMsg:
		return m, m.started(msg)
	case claimedMsg:
		return m, m.open()
	case enrolledMsg:
		return m, m.enrolled(msg)
	}
	switch m.phase {
	case phaseLearn:
		var cmd tea.Cmd
		m.inner, cmd = m.inner.Update(msg)
		if ui, ok := m.inner.(*tui.Model); ok && ui.WantsAccessible() && !m.ending {
			// The full-screen program cannot hand its input over to the
			// line-by-line mode mid-session; say how to start in it.
			m.ending = true
			m.live.setFinal(accessibleHint)
		}
		return m, cmd
	case phaseEnrol:
		return m, m.updateEnrol(msg)
	case phaseTakeover:
		return m, m.updateTakeover(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
		return m, tea.Quit
	}
	return m, nil
}

// end closes the session for the server's reason: the learner's UI quits
// as the learner's own ctrl+c does, saving; other phases quit at once.
func (m *sessionModel) end(reason endReason) tea.Cmd {
	m.live.setFinal(farewell(reason, m.srv.limits.IdleTimeout))
	if m.phase != phaseLearn {
		return tea.Quit
	}
	if m.ending {
		return nil
	}
	m.ending = true
	if reason == endDisconnected {
		m.srv.log.Info("disconnected", "learner", m.learner.ID, "key", m.id.fingerprint)
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	return cmd
}

// started shows the learner's UI, or why it could not open.
func (m *sessionModel) started(msg startedMsg) tea.Cmd {
	if msg.err != nil {
		m.srv.log.Error("open learner", "learner", m.learner.ID, "err", msg.err.Error())
		m.live.setFinal("Upskill could not open your progress. Please tell your trainer.")
		return tea.Quit
	}
	m.srv.log.Info("learner", "learner", m.learner.ID, "key", m.id.fingerprint)
	m.inner, m.phase = msg.model, phaseLearn
	return tea.Batch(m.inner.Init(), m.resizeInner())
}

// resizeInner tells the learner's UI its size: the window less the
// warning line while one shows.
func (m *sessionModel) resizeInner() tea.Cmd {
	if m.phase != phaseLearn {
		return nil
	}
	h := m.height
	if m.warning != "" {
		h = max(h-1, 1)
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(tea.WindowSizeMsg{Width: m.width, Height: h})
	return cmd
}

// updateTakeover answers the question "take over the other session?".
func (m *sessionModel) updateTakeover(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "y", "Y", "enter":
		m.srv.log.Info("takeover", "learner", m.learner.ID, "key", m.id.fingerprint)
		m.phase = phaseStarting
		return m.takeOver()
	case "n", "N", "q", "esc", "ctrl+c":
		m.live.setFinal("Your other Upskill window stays open.")
		return tea.Quit
	}
	return nil
}

// View implements tea.Model.
func (m *sessionModel) View() tea.View {
	if m.phase == phaseLearn {
		v := m.inner.View()
		if m.warning != "" {
			v.Content = lipgloss.NewStyle().Bold(true).Render(m.warning) + "\n" + v.Content
		}
		return v
	}
	var body string
	switch m.phase {
	case phaseEnrol:
		body = m.enrol.view()
	case phaseTakeover:
		body = "Welcome back, " + m.learner.Name + ".\n\n" +
			"You already have Upskill open in another window.\n" +
			"Take it over here? Your progress there is saved first.\n\n" +
			"  y  yes, carry on here\n  n  no, leave this one\n"
	default:
		body = "Opening Upskill..."
	}
	if m.warning != "" {
		body = m.warning + "\n\n" + body
	}
	v := tea.NewView(lipgloss.NewStyle().Padding(1, 2).Width(m.width).Render(body))
	v.AltScreen = true
	return v
}
