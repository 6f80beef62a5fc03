package tui

import (
	tea "charm.land/bubbletea/v2"
)

// screen is one screen of the UI. The root keeps the screens the learner
// came through on a stack: opening a screen pushes it, going back pops it,
// and only the screen on top gets messages and is drawn.
//
// A screen is a value: update and resize return the changed screen. It
// reads the program's shared state (c *common) but never changes it, and
// never reads or writes the store in update: that runs in the commands
// it returns.
type screen interface {
	// update handles a message and returns the screen as it is after it.
	update(msg tea.Msg) (screen, tea.Cmd)
	// view draws the screen's body, inside the header and the help line.
	view() string
	// resize lays the screen out again after anything it draws from has
	// changed: the window's size, the styles, or the learner's progress.
	// It runs as well when the screen comes back to the top of the stack.
	resize() (screen, tea.Cmd)
	// keys lists the screen's keys, for the help line and the help overlay.
	keys() helpKeys
	// crumbs is where the screen is, after "Upskill": the header's path.
	crumbs() []string
	// capturesKeys reports whether typed keys belong to a text box, so
	// that q, ? and the like must not act as commands.
	capturesKeys() bool
	// timing is what the learner's time on the screen counts towards.
	timing() timing
	// leave returns the work to do when the screen is left for good:
	// popped off the stack, or the program quitting. Nil for none.
	leave() tea.Cmd
	// showsLearner reports whether the header names the learner: not on
	// the screens that choose or create one.
	showsLearner() bool
}

// plainScreen gives a screen the answers most screens share: no text box,
// no time counted, nothing to do on leaving. Screens embed it and define
// what differs.
type plainScreen struct{}

func (plainScreen) capturesKeys() bool { return false }
func (plainScreen) timing() timing     { return timing{} }
func (plainScreen) leave() tea.Cmd     { return nil }
func (plainScreen) showsLearner() bool { return true }

// stack is the screens the learner came through, the one on view last.
type stack []screen

// top is the screen on view, or nil before the first is made.
func (s stack) top() screen {
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}

// push returns the stack with sc on top.
func (s stack) push(sc screen) stack { return append(s[:len(s):len(s)], sc) }

// pop returns the stack without its top screen, and that screen. The
// bottom screen is never popped: there is always one to show.
func (s stack) pop() (stack, screen, bool) {
	if len(s) < 2 {
		return s, nil, false
	}
	return s[: len(s)-1 : len(s)-1], s[len(s)-1], true
}

// withTop returns the stack with its top screen replaced by sc.
func (s stack) withTop(sc screen) stack {
	if len(s) == 0 {
		return stack{sc}
	}
	out := append(stack(nil), s...)
	out[len(out)-1] = sc
	return out
}

// leaveAll is the leave work of every screen on the stack, top first, for
// when the program quits.
func (s stack) leaveAll() tea.Cmd {
	var cmds []tea.Cmd
	for i := len(s) - 1; i >= 0; i-- {
		cmds = append(cmds, s[i].leave())
	}
	return tea.Sequence(cmds...)
}
