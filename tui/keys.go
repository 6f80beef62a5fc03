package tui

import "charm.land/bubbles/v2/key"

// keyMap is every key the UI answers to. Each screen lists the ones it
// uses for the help line and the help overlay, so help always matches what
// the keys do.
type keyMap struct {
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Top       key.Binding
	Bottom    key.Binding
	Open      key.Binding // enter: open, choose, submit, continue
	Toggle    key.Binding // space: tick a choice in a multiple-choice question
	Pick      key.Binding // 1 to 9: move to a choice
	Left      key.Binding // matching: the previous answer
	Right     key.Binding // matching: the next answer
	Next      key.Binding // tab: next field
	Back      key.Binding
	Badges    key.Binding
	Export    key.Binding // badges: export the chosen badge as a credential
	Retake    key.Binding
	NewUser   key.Binding
	Switch    key.Binding // home: choose another learner
	Courses   key.Binding // home: choose another pack
	Dashboard key.Binding // home: the progress dashboard
	Team      key.Binding // home: the Team screen (managers, trainers, admins)
	Report    key.Binding // team: write the HTML report, or say how to save it
	// Accessible switches to the accessible mode, for screen readers (on
	// the welcome screen).
	Accessible key.Binding
	Help       key.Binding
	Quit       key.Binding
	// Yes and No answer a question the screen asks, such as whether to
	// leave a quiz.
	Yes key.Binding
	No  key.Binding
	// ForceQuit always quits, even while typing.
	ForceQuit key.Binding
	// Scroll and Move stand for up and down together in help lines.
	Scroll key.Binding
	Move   key.Binding
}

// defaultKeyMap returns the key bindings: arrows or vim keys to move,
// enter to act, esc to go back, q to quit, ctrl+c to quit from anywhere.
func defaultKeyMap() keyMap {
	return keyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b", "shift+space"), key.WithHelp("pgup/b", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space/pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "end")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Toggle:     key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "tick")),
		Pick:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "go to a choice")),
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous answer")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next answer")),
		Next:       key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "next field")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Badges:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "badges")),
		Export:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export this badge")),
		Retake:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retake quiz")),
		NewUser:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new learner")),
		Switch:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "learner")),
		Courses:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "courses")),
		Dashboard:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dashboard")),
		Team:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "team")),
		Report:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write report")),
		Accessible: key.NewBinding(key.WithKeys("f2"), key.WithHelp("f2", "accessible mode, for screen readers")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Scroll:     key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll")),
		Move:       key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
	}
}

// withHelp returns a copy of b with different help text, for screens where
// a key's action has a more precise name ("enter: take quiz").
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// relabel returns a copy of b whose help names its first key (spoken)
// and says what it does on this screen.
func relabel(b key.Binding, desc string) key.Binding {
	return withHelp(b, spoken(b), desc)
}

// helpKeys is a screen's list of keys, in the form help.Model renders.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// listHelp is the help of a screen that is a list to choose from, where
// enter does what open says.
func listHelp(k keyMap, open key.Binding) helpKeys {
	return helpKeys{
		short: []key.Binding{k.Move, open, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {open, k.Back}, {k.Help, k.Quit, k.ForceQuit}},
	}
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// spoken names a binding's first key as screen text says it: "enter",
// "space", "r", "←". Text that tells the learner which key to press takes
// the key from here, so it stays true if a binding changes.
func spoken(b key.Binding) string {
	keys := b.Keys()
	if len(keys) == 0 {
		return ""
	}
	if glyph, ok := keyGlyphs[keys[0]]; ok {
		return glyph
	}
	return keys[0]
}

// keyGlyphs are the arrow keys as screen text shows them.
var keyGlyphs = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}
