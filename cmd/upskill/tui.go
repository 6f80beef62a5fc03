package main

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui"
)

// runTUI opens the progress file and runs the terminal UI on the built-in
// pack until the learner quits.
func runTUI(ctx context.Context, opts *options) error {
	pack, err := builtin.Load()
	if err != nil {
		return fmt.Errorf("built-in pack: %w", err)
	}
	store, err := progress.Open(opts.dbPath())
	if err != nil {
		return err
	}
	defer store.Close()
	model, err := tui.New(tui.Options{Store: store, Pack: pack, Profile: opts.profile})
	if err != nil {
		return err
	}
	if _, err := tea.NewProgram(model, tea.WithContext(ctx)).Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
