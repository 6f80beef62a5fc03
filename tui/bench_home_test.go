package tui

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/packgen"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// BenchmarkHomeWithImportedPacks opens the home screen for a learner with
// 5,000 review cards over three imported packs of 1,700 questions, taking
// one of them, as each learner's program would: list the packs on offer,
// build the UI, run Init's commands (read the learner's progress, award
// badges, count the due cards), check every card against the packs on
// offer as choosing a learner does, and draw the home screen at 120×40.
// The packs come from the catalogue's cache, decoded once before the loop,
// as by the first learner's program.
func BenchmarkHomeWithImportedPacks(b *testing.B) {
	dir := b.TempDir()
	store, err := progress.Open(filepath.Join(dir, "upskill.db"), review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	base := loadTestPack(b)
	cat, err := catalog.Open(store, base, nil)
	if err != nil {
		b.Fatal(err)
	}
	var packs []*lessons.Pack
	for i := range 3 {
		src, err := packgen.WritePack(dir, fmt.Sprintf("gen-%d", i), fmt.Sprintf("Generated %d", i), 170)
		if err != nil {
			b.Fatal(err)
		}
		res, err := cat.Import(src, catalog.ImportOptions{Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		packs = append(packs, res.Pack)
	}
	p, err := store.CreateProfile("Sam Patel", "graduate", testNow.AddDate(-2, 0, 0))
	if err != nil {
		b.Fatal(err)
	}
	if err := packgen.Answer(store, p.ID, packs, 5000, testNow.AddDate(0, -6, 0)); err != nil {
		b.Fatal(err)
	}
	if err := store.SetCurrentPack(p.ID, "gen-1"); err != nil {
		b.Fatal(err)
	}
	if keys, err := store.ScheduledCardKeys(p.ID); err != nil || len(keys) != 5000 {
		b.Fatalf("%d cards, %v", len(keys), err)
	}
	for _, pk := range packs { // the first learner's program decodes them
		if _, err := cat.Load(pk.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		cat, err := catalog.Open(store, base, nil)
		if err != nil {
			b.Fatal(err)
		}
		m, err := New(Options{Store: store, Catalog: cat, Profile: "Sam Patel", Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		h := &harness{t: b, m: m, store: store}
		h.run(m.Init())
		h.run(h.m.c.reconcileCmd())
		h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
		h.send(tea.BackgroundColorMsg{Color: color.Black})
		frame := h.m.View().Content
		if h.active() != homeScreen || !strings.Contains(frame, "Generated 1") || !strings.Contains(frame, "due today") {
			b.Fatalf("not the home screen of Generated 1 with cards due:\n%s", frame)
		}
	}
}
