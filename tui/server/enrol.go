package server

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/progress"
)

// enrolModel is the enrolment screen: a new key types the invite code a
// trainer gave, to bind the key to that learner.
type enrolModel struct {
	input    []rune
	triesMax int
	wrong    int
	busy     bool
	status   string
}

// enrolledMsg is the Directory's answer to a code.
type enrolledMsg struct {
	profile progress.Profile
	device  bool // the code was a device code: a key added to a learner
	err     error
}

func newEnrolModel(tries int) enrolModel { return enrolModel{triesMax: tries} }

// updateEnrol edits the code line and, on enter, asks the Directory.
func (m *sessionModel) updateEnrol(msg tea.Msg) tea.Cmd {
	e := &m.enrol
	if e.busy {
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			return tea.Quit
		}
		return nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.add(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "ctrl+c", "esc":
			return tea.Quit
		case "backspace":
			if len(e.input) > 0 {
				e.input = e.input[:len(e.input)-1]
			}
		case "ctrl+u":
			e.input = nil
		case "enter":
			return m.submitCode()
		default:
			e.add(msg.Text)
		}
	}
	return nil
}

// add appends typed or pasted text, up to twice the longest code.
func (e *enrolModel) add(text string) {
	for _, r := range text {
		if len(e.input) >= 2*maxCodeLen {
			return
		}
		if r >= ' ' && r != 0x7f {
			e.input = append(e.input, r)
		}
	}
}

// submitCode checks the typed line and sends the code to the Directory.
func (m *sessionModel) submitCode() tea.Cmd {
	e := &m.enrol
	line := string(e.input)
	if strings.TrimSpace(line) == "" {
		return nil
	}
	e.input = nil
	code, ok := ParseCode(line)
	if !ok {
		return m.wrongCode("Codes are letters, numbers and hyphens.")
	}
	e.busy, e.status = true, "Checking..."
	s, id, now := m.srv, m.id, m.srv.now()
	return func() tea.Msg {
		p, device, err := s.redeemCode(code, id, now)
		return enrolledMsg{profile: p, device: device, err: err}
	}
}

// enrolled starts the learner's UI after a good code, or counts a wrong
// one.
func (m *sessionModel) enrolled(msg enrolledMsg) tea.Cmd {
	m.enrol.busy = false
	if msg.err != nil {
		// The Directory's error is not logged: it may quote the code.
		m.srv.log.Info("enrolment refused", "key", m.id.fingerprint, "wrong_codes", m.enrol.wrong+1)
		return m.wrongCode(refusal(msg.err))
	}
	m.srv.logEnrolled(m.id.fingerprint, msg.profile.ID, msg.device)
	m.id.learner = &msg.profile
	return m.begin(msg.profile)
}

// refusal says why a code was refused: out of date, already used, or
// simply not a code (mistyped, or never issued). Each still counts as a
// wrong code.
func refusal(err error) string {
	switch {
	case errors.Is(err, progress.ErrInviteExpired):
		return "That code has expired: codes last 14 days. Ask your trainer for a new one, or"
	case errors.Is(err, progress.ErrInviteUsed):
		return "That code has been used already: each code works once. Ask your trainer for a new one, or"
	case errors.Is(err, progress.ErrDeviceCodeUsed):
		return "That code has been used already: each code works once. Ask for a new one from a computer Upskill knows, or"
	case errors.Is(err, progress.ErrDeviceCodeExpired):
		return "That code has expired: codes for another computer last 1 hour. Ask for a new one from a computer Upskill knows, or"
	}
	return "That code did not work."
}

// wrongCode counts a wrong code; the last one ends the connection.
func (m *sessionModel) wrongCode(why string) tea.Cmd {
	e := &m.enrol
	e.wrong++
	left := e.triesMax - e.wrong
	if left <= 0 {
		m.live.setFinal(farewell(endEnrolTries, 0))
		return tea.Quit
	}
	tries := "tries"
	if left == 1 {
		tries = "try"
	}
	check := " Check it and type it again"
	if strings.HasSuffix(why, ", or") {
		check = " check it and type it again"
	}
	e.status = why + check + " (" + strconv.Itoa(left) + " " + tries + " left)."
	return nil
}

// view draws the enrolment screen.
func (e enrolModel) view() string {
	var b strings.Builder
	b.WriteString("Welcome to Upskill\n\n")
	b.WriteString("This computer's key is new to Upskill.\n")
	b.WriteString("Type the code your trainer gave you, then press Enter.\n")
	b.WriteString("Adding this computer to your account? Type the code from: ssh HOST keys code\n\n")
	b.WriteString("Code: " + string(e.input) + "_\n\n")
	if e.status != "" {
		b.WriteString(e.status + "\n\n")
	}
	b.WriteString("No code? Ask your trainer for one. Press Esc to leave.\n")
	return b.String()
}
