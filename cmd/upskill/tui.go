package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/tui"
	"github.com/upskill-council/upskill/tui/accessible"
)

// runTUI opens the progress file and runs the terminal UI on the packs on
// offer until the learner quits.
func runTUI(ctx context.Context, opts *options) error {
	theme, err := opts.uiTheme()
	if err != nil {
		return err
	}
	return withLearningStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
		model, err := tui.New(tui.Options{Store: cat.Store(), Catalog: cat, Profile: opts.profile, Theme: theme})
		if err != nil {
			return err
		}
		if _, err := tea.NewProgram(model, tea.WithContext(ctx)).Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
			return fmt.Errorf("terminal: %w", err)
		}
		if model.WantsAccessible() {
			return accessible.Run(ctx, accessible.Options{Store: cat.Store(), Catalog: cat, Profile: opts.profile, In: os.Stdin, Out: os.Stdout})
		}
		return nil
	})
}
