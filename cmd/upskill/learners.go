package main

import (
	"errors"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/learnerscmd"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// The learners commands are defined once, in internal/learnerscmd, for
// the command line and the SSH server; the work, and every check, is in
// internal/accounts. On the local file the command line acts as an admin:
// whoever can write the file can do anything with it.
const localAccess = progress.AccessAdmin

func newLearnersCmd(opts *options) *cobra.Command {
	return learnerscmd.New(learnerscmd.Env{
		WithStore: func(fn func(accounts.Store) error) error {
			return withStore(opts, func(s *progress.Store) error { return fn(s) })
		},
		Exists: func() bool {
			_, err := os.Stat(opts.dbPath())
			return !errors.Is(err, fs.ErrNotExist) // listing never creates a progress file
		},
		Access: localAccess,
		Confirm: func(cmd *cobra.Command, question string) error {
			return confirm(cmd, question, "removing a learner needs confirming: add --yes when not at a terminal")
		},
		Usage: "upskill",
	})
}

// withStore opens the progress file for fn, and closes it after.
func withStore(opts *options, fn func(*progress.Store) error) error {
	store, err := progress.Open(opts.dbPath(), review.StoreOptions())
	if err != nil {
		return err
	}
	err = fn(store)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	return err
}
