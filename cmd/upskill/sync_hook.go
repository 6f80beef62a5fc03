package main

import (
	"context"
	"log/slog"
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
// learn (the terminal UI, the accessible mode): see withLearningStoreFrom,
// with the settings of $XDG_CONFIG_HOME/upskill and nothing logged.
func withLearningStore(opts *options, storeOpts progress.Options, fn func(*catalog.Catalog) error) error {
	return withLearningStoreFrom(opts, storeOpts, lrsSetup{}, fn)
}

// lrsSetup says where a command's LRS settings come from and where its
// background sender logs.
type lrsSetup struct {
	// load reads the settings; nil means loadLRSSettings.
	load func() (lrs.Settings, bool, error)
	// logger is the background sender's; nil logs nothing (the terminal
	// UI owns the screen: errors are kept for upskill sync --status).
	logger *slog.Logger
}

// withLearningStoreFrom is withCatalogStore for the commands where
// learners learn: when an LRS is configured, the store is opened with the
// xAPI outbox hook, so that every learning event queues its statement in
// the same transaction (docs/xapi.md), and, unless the settings turn it
// off, a background sender runs while fn does: it sends what is queued at
// start and soon after each new statement, and is stopped when fn
// returns, abandoning any request in flight (nothing unacknowledged
// leaves the outbox), so that it never delays quitting. A configuration
// that cannot be used is an error before anything starts.
func withLearningStoreFrom(opts *options, storeOpts progress.Options, setup lrsSetup, fn func(*catalog.Catalog) error) error {
	load := setup.load
	if load == nil {
		load = loadLRSSettings
	}
	settings, ok, err := load()
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
	var sender *lrs.Background
	if settings.Background {
		client, err := lrs.New(settings.LRS)
		if err != nil {
			return err
		}
		sender = lrs.NewBackground(client, setup.logger)
		storeOpts.OnQueued = sender.Notify
	}
	return withCatalogStore(opts, storeOpts, func(cat *catalog.Catalog) error {
		packs.load(cat)
		cat.OnChange(func() { packs.load(cat) })
		if sender == nil {
			return fn(cat)
		}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			sender.Run(ctx, cat.Store())
		}()
		defer func() {
			stop()
			<-done // prompt: every wait and request ends with ctx
		}()
		return fn(cat)
	})
}

// packIndex holds the packs on offer in memory for the outbox hook, which
// runs inside a write transaction and so must not read the store (a read
// transaction inside a write one can deadlock bbolt). It is filled when
// the catalogue opens, and filled again after each import or removal
// through that catalogue (Catalog.OnChange), so a pack imported while a
// server runs gets full definitions from then on. Filling it reads the
// store, outside any write transaction.
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
