package tui

import (
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// testNow is the fixed clock of every UI test.
var testNow = time.Date(2026, time.November, 26, 9, 30, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// loadTestPack loads the small pack in testdata, which the snapshots are
// made from, so the built-in curriculum can change freely.
func loadTestPack(t testing.TB) *lessons.Pack {
	t.Helper()
	p, err := lessons.Load(os.DirFS("testdata/pack"))
	if err != nil {
		t.Fatalf("load test pack: %v", err)
	}
	return p
}

// openStore opens a fresh progress file in a temporary folder.
func openStore(t testing.TB) *progress.Store {
	t.Helper()
	s, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// harness drives the root model as the Bubble Tea loop would, but in the
// test's goroutine: it runs every command a message returns and feeds the
// results back in, so store writes and renders finish before it returns.
type harness struct {
	t     testing.TB
	m     *Model
	store *progress.Store
	pack  *lessons.Pack
	quit  bool
}

// newHarness starts the UI on the test pack with a new file, or with the
// given store, at a terminal of w×h.
func newHarness(t testing.TB, w, h int, store *progress.Store, profile string) *harness {
	t.Helper()
	return newHarnessOn(t, w, h, store, loadTestPack(t), profile)
}

// newHarnessOn starts the UI on the given pack.
func newHarnessOn(t testing.TB, w, h int, store *progress.Store, pack *lessons.Pack, profile string) *harness {
	t.Helper()
	if store == nil {
		store = openStore(t)
	}
	m, err := New(Options{Store: store, Pack: pack, Profile: profile, Now: fixedNow})
	if err != nil {
		t.Fatalf("new model: %v", err)
	}
	m.c.saveDelay = 0 // a tea.Tick would sleep in the harness
	m.c.seed = func() int64 { return 2026 }
	hs := &harness{t: t, m: m, store: store, pack: pack}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	return hs
}

// withLearner creates a profile in a new store and starts the UI as them.
func withLearner(t testing.TB, w, h int, name, role string) *harness {
	t.Helper()
	store := openStore(t)
	if _, err := store.CreateProfile(name, role, testNow); err != nil {
		t.Fatal(err)
	}
	return newHarness(t, w, h, store, "")
}

// send delivers a message and everything it leads to.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(*Model)
	h.run(cmd)
}

// keys presses keys in order: names such as "enter", "esc", "down",
// "space", "ctrl+c", or text typed one rune at a time.
func (h *harness) keys(names ...string) {
	h.t.Helper()
	for _, n := range names {
		for _, k := range keyPresses(n) {
			h.send(k)
		}
	}
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			h.t.Fatal("commands did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || h.quit {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.QuitMsg:
			h.quit = true
		case tea.BatchMsg:
			queue = append(append([]tea.Cmd{}, msg...), queue...)
		default:
			if cmds, ok := sequence(msg); ok {
				queue = append(cmds, queue...)
				continue
			}
			next, more := h.m.Update(msg)
			h.m = next.(*Model)
			queue = append([]tea.Cmd{more}, queue...)
		}
	}
}

// sequence unpacks tea.Sequence's unexported message type, a []tea.Cmd.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// screen returns the frame as plain text, as a learner reads it.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

// requireScreen fails unless the screen shows every one of want.
func (h *harness) requireScreen(want ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			h.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func keyPresses(name string) []tea.KeyPressMsg {
	named := map[string]tea.KeyPressMsg{
		"enter":  {Code: tea.KeyEnter},
		"esc":    {Code: tea.KeyEscape},
		"up":     {Code: tea.KeyUp},
		"down":   {Code: tea.KeyDown},
		"left":   {Code: tea.KeyLeft},
		"right":  {Code: tea.KeyRight},
		"tab":    {Code: tea.KeyTab},
		"pgdown": {Code: tea.KeyPgDown},
		"pgup":   {Code: tea.KeyPgUp},
		"end":    {Code: tea.KeyEnd},
		"home":   {Code: tea.KeyHome},
		"space":  {Code: tea.KeySpace, Text: " "},
		"ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+u": {Code: 'u', Mod: tea.ModCtrl},
		"f2":     {Code: tea.KeyF2},
	}
	if k, ok := named[name]; ok {
		return []tea.KeyPressMsg{k}
	}
	var out []tea.KeyPressMsg
	for _, r := range name {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// newHarnessWithCatalog starts the UI on a catalogue of packs.
func newHarnessWithCatalog(t testing.TB, w, h int, store *progress.Store, cat *catalog.Catalog) *harness {
	t.Helper()
	m, err := New(Options{Store: store, Catalog: cat, Now: fixedNow})
	if err != nil {
		t.Fatalf("new model: %v", err)
	}
	m.c.saveDelay = 0
	m.c.seed = func() int64 { return 2026 }
	hs := &harness{t: t, m: m, store: store}
	hs.run(m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	return hs
}
