package tui

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// BenchmarkStartup measures Upskill's own start-up work up to the first
// frame: load and validate the built-in pack, open an existing progress
// file with one learner, list the packs on offer, build the UI, take the
// terminal size and draw. With imported=50, the file also holds 50
// imported packs.
func BenchmarkStartup(b *testing.B) {
	for _, imported := range []int{0, 50} {
		b.Run(fmt.Sprintf("imported=%d", imported), func(b *testing.B) { benchmarkStartup(b, imported) })
	}
}

func benchmarkStartup(b *testing.B, imported int) {
	path := filepath.Join(b.TempDir(), "upskill.db")
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := store.CreateProfile("Sam Patel", "graduate", testNow); err != nil {
		b.Fatal(err)
	}
	if imported > 0 {
		cat, err := catalog.Open(store, loadTestPack(b), nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := range imported {
			if _, err := cat.Import(secondPackDir(b, fmt.Sprintf("pack-%d", i), fmt.Sprintf("Pack %d", i)), catalog.ImportOptions{Now: testNow}); err != nil {
				b.Fatal(err)
			}
		}
	}
	store.Close()
	b.ReportAllocs()
	for b.Loop() {
		pack, err := builtin.Load()
		if err != nil {
			b.Fatal(err)
		}
		store, err := progress.Open(path, review.StoreOptions())
		if err != nil {
			b.Fatal(err)
		}
		cat, err := catalog.Open(store, pack, nil)
		if err != nil || len(cat.Entries()) != imported+1 {
			b.Fatalf("catalogue: %v", err)
		}
		m, err := New(Options{Store: store, Catalog: cat, Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if frame := next.View().Content; !strings.Contains(frame, "Welcome") {
			b.Fatalf("first frame is not the home screen:\n%s", frame)
		}
		store.Close()
	}
}

// longLessonPack is a pack with one lesson of about 3,000 words in
// realistic Markdown: headings, paragraphs, lists, a quote and a table.
func longLessonPack(b *testing.B) *lessons.Pack {
	var body strings.Builder
	words := 0
	for section := 1; words < 3000; section++ {
		fmt.Fprintf(&body, "## Section %d: handling a request\n\n", section)
		para := "A resident emails the council to ask for the records it holds about them. " +
			"The team logs the request on the day it arrives, checks who is asking, and works out the deadline. " +
			"They search every system that might hold the records, including email and shared drives. "
		fmt.Fprintf(&body, "%s%s\n\n", para, para)
		body.WriteString("- Log the request the day it arrives\n- Check the requester's identity\n- Search **every** system, not only the main one\n\n")
		body.WriteString("> A request does not need to use the words \"subject access\" to count as one.\n\n")
		body.WriteString("| Step | Who | When |\n|---|---|---|\n| Log | Contact centre | Day 1 |\n| Search | Service team | Week 1 |\n\n")
		words += 2*len(strings.Fields(para)) + 40
	}
	fsys := fstest.MapFS{
		"pack.yaml": {Data: []byte(`format: 1
id: bench
title: Benchmark pack
version: 1.0.0
authors: [tests]
licence: OGL-UK-3.0
summary: One long lesson.
modules:
  - id: m
    title: Module
    summary: One long lesson.
    lessons: [long]
`)},
		"lessons/long.md": {Data: []byte("---\nid: long\ntitle: A long lesson\nminutes: 15\nobjectives: [Read a long lesson]\n---\n" + body.String())},
	}
	p, err := lessons.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(strings.Fields(p.Modules[0].Title + body.String())); n < 3000 {
		b.Fatalf("lesson has %d words", n)
	}
	return p
}

// BenchmarkReadingKeypress measures one key press while reading a
// 3,000-word lesson at 120×40: the Update that scrolls and the View that
// draws the frame. The Markdown is rendered once, before the loop.
func BenchmarkReadingKeypress(b *testing.B) {
	store := openStore(b)
	if _, err := store.CreateProfile("Sam Patel", "graduate", testNow); err != nil {
		b.Fatal(err)
	}
	pack := longLessonPack(b)
	m, err := New(Options{Store: store, Pack: pack, Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	h := &harness{t: b, m: m, store: store, pack: pack}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.keys("enter")
	if h.active() != lessonScreen || h.lesson().shown == (renderKey{}) {
		b.Fatal("the lesson is not on screen")
	}
	h.keys("pgdown", "pgdown")
	down, up := keyPresses("down")[0], keyPresses("up")[0]
	var model tea.Model = h.m
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		key := down
		if i%2 == 1 {
			key = up
		}
		i++
		model, _ = model.Update(key)
		_ = model.View()
	}
}

// BenchmarkOpenDashboard opens the dashboard for a learner with two years
// of daily activity and 5,000 review cards: reading their progress, days
// and due cards from the file (as after every change), working out the
// calendar and streaks, and drawing the screen at 120×40.
func BenchmarkOpenDashboard(b *testing.B) {
	store, err := progress.Open(filepath.Join(b.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	pack := loadTestPack(b)
	start := testNow.AddDate(-2, 0, 0)
	p, err := store.CreateProfile("Sam Patel", "graduate", start)
	if err != nil {
		b.Fatal(err)
	}
	k := progress.LessonKey{Pack: pack.ID, Lesson: "passwords"}
	days := int(testNow.Sub(start).Hours() / 24)
	card := 0
	for d := range days {
		at := start.AddDate(0, 0, d).Add(10 * time.Hour)
		var qs []string
		for range 7 { // 7 new questions a day: 5,100 cards in two years
			if card < 5000 {
				qs = append(qs, fmt.Sprintf("q%d", card))
				card++
			}
		}
		if len(qs) == 0 {
			qs = []string{"q0"}
		}
		a, err := store.StartAttempt(p.ID, k, qs, 1, at)
		if err != nil {
			b.Fatal(err)
		}
		for i, q := range qs {
			ans := progress.Answer{Question: q, Correct: (i+d)%4 != 0, At: at}
			ans.Rating = review.RateUntimed(ans)
			if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := store.FinishAttempt(p.ID, k, a.ID, 80, at); err != nil {
			b.Fatal(err)
		}
	}
	m, err := New(Options{Store: store, Pack: pack, Profile: "Sam Patel", Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	h := &harness{t: b, m: m, store: store, pack: pack}
	h.run(m.Init())
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if cards, _ := store.CardKeys(p.ID); len(cards) != 5000 {
		b.Fatalf("%d cards", len(cards))
	}
	b.ReportAllocs()
	for b.Loop() {
		msg := loadLearner(store, nil, pack, h.m.c.learner.Profile, testNow)
		ll, ok := msg.(learnerLoadedMsg)
		if !ok {
			b.Fatal(msg)
		}
		c := *h.m.c
		c.learner, c.due = ll.progress, ll.due
		d := newDashboard(&c)
		if !strings.Contains(d.view(), "Last 12 weeks") {
			b.Fatal("no calendar")
		}
	}
}
