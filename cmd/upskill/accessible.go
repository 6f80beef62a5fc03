package main

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui/accessible"
)

// wantAccessible reports whether to run the accessible mode rather than
// the full-screen interface: --accessible, ACCESSIBLE in the environment
// (huh's convention), or the learner's saved setting.
func wantAccessible(opts *options) bool {
	return opts.accessible || accessibleEnv(os.Getenv("ACCESSIBLE")) || savedAccessible(opts)
}

// accessibleEnv reads the ACCESSIBLE variable: any value but empty, "0"
// or "false" turns the accessible mode on.
func accessibleEnv(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false":
		return false
	}
	return true
}

// savedAccessible reports whether the learner starting has saved the
// accessible mode as their setting: the learner named by --profile, or
// the only learner in the file. With several learners and no --profile,
// it is not known who is starting, so it reports false. It never creates
// the file, and any failure to read it reports false: the full-screen
// interface then opens the file and says what is wrong.
func savedAccessible(opts *options) bool {
	path := opts.dbPath()
	if _, err := os.Stat(path); err != nil {
		return false
	}
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		return false
	}
	defer store.Close()
	var p progress.Profile
	if opts.profile != "" {
		if p, err = store.ProfileByName(opts.profile); err != nil {
			return false
		}
	} else {
		profiles, err := store.Profiles()
		if err != nil || len(profiles) != 1 {
			return false
		}
		p = profiles[0]
	}
	set, err := store.Settings(p.ID)
	return err == nil && set.Accessible
}

// runAccessible opens the progress file and runs the accessible mode on
// the packs on offer, reading lines from in and writing plain lines to
// out, until the learner quits or in ends.
func runAccessible(ctx context.Context, opts *options, in io.Reader, out io.Writer) error {
	return withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
		return accessible.Run(ctx, accessible.Options{Store: cat.Store(), Catalog: cat, Profile: opts.profile, In: in, Out: out})
	})
}
