package main

import (
	"os"
	"sync/atomic"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/internal/xapi"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// loadLRSSettings reads the LRS settings from $XDG_CONFIG_HOME/upskill
// and the environment; ok is false when no LRS is configured.
func loadLRSSettings() (lrs.Settings, bool, error) {
	dir, err := lrs.DefaultDir()
	if err != nil {
		return lrs.Settings{}, false, err
	}
	return lrs.LoadSettings(dir, os.Getenv)
}

// withLearningStore is withCatalogStore for the commands where learners
// learn (the terminal UI, the accessible mode, the server): when an LRS
// is configured, the store is opened with the xAPI outbox hook, so that
// every learning event queues its statement in the same transaction
// (docs/xapi.md). A configuration that cannot be used is an error before
// anything starts.
func withLearningStore(opts *options, storeOpts progress.Options, fn func(*catalog.Catalog) error) error {
	settings, ok, err := loadLRSSettings()
	if err != nil {
		return err
	}
	if !ok {
		return withCatalogStore(opts, storeOpts, fn)
	}
	packs := &packIndex{}
	builder, err := xapi.New(xapi.Config{HomePage: settings.HomePage, Version: version}, packs.find)
	if err != nil {
		return err
	}
	storeOpts.Outbox = builder.Hook()
	return withCatalogStore(opts, storeOpts, func(cat *catalog.Catalog) error {
		packs.load(cat)
		return fn(cat)
	})
}

// packIndex holds the packs on offer in memory for the outbox hook, which
// runs inside a write transaction and so must not read the store (a read
// transaction inside a write one can deadlock bbolt). It is filled when
// the catalogue opens; a pack imported later is named by its ids in
// statements until the next start.
type packIndex struct {
	packs atomic.Pointer[map[string]*lessons.Pack]
}

func (x *packIndex) load(cat *catalog.Catalog) {
	m := map[string]*lessons.Pack{}
	for _, e := range cat.Entries() {
		if p, ok := cat.Find(e.ID); ok {
			m[e.ID] = p
		}
	}
	x.packs.Store(&m)
}

func (x *packIndex) find(id string) (*lessons.Pack, bool) {
	m := x.packs.Load()
	if m == nil {
		return nil, false
	}
	p, ok := (*m)[id]
	return p, ok
}
