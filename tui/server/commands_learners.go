package server

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/learnerscmd"
)

// learnersCmd is `learners list|invite|add|import|remove|set-role|
// set-access|set-team|set-timezone|set-manager`, defined once in
// internal/learnerscmd for this and the local command line: over SSH,
// keys and staff lists come on standard input, and nothing is asked.
func (c *commandEnv) learnersCmd() *cobra.Command {
	return learnerscmd.New(learnerscmd.Env{
		WithStore: func(fn func(accounts.Store) error) error { return fn(c.srv.cfg.Store) },
		Access:    c.access(),
		Now:       c.srv.now,
		Remote:    true,
		Usage:     "ssh HOST",
	})
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
