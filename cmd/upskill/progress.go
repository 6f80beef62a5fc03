package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/reports"
	"github.com/upskill-council/upskill/progress"
)

func newProgressCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Show a learner's progress without opening the UI",
		Long: `Show each learner's progress: lessons completed, best scores, badges, the
day streak and what to do next, in each pack they have started (or their
current pack). With --profile, only that learner. With --json, a JSON
report for scripts whose form docs/progress-report.schema.json defines;
its values are stable ids, not words. Reading progress never creates a
progress file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			path := opts.dbPath()
			report := learner.NewProgressReport()
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				// Reading progress must not create a file, least of all at a
				// mistyped path.
				if asJSON {
					return writeJSON(out, report)
				}
				fmt.Fprintf(out, "No progress file at %s yet: no one has started learning.\n", path)
				return nil
			}
			var err error
			if report.Learners, err = learnerReports(opts); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(out, report)
			}
			if len(report.Learners) == 0 {
				fmt.Fprintln(out, "No learners yet. Run upskill to start learning.")
			}
			for i, r := range report.Learners {
				if i > 0 {
					fmt.Fprintln(out)
				}
				if err := r.WriteText(out); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON report (docs/progress-json.md)")
	return cmd
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

// learnerReports reads the chosen learner, or every learner: for each, a
// report with every pack they have started, or their current pack if
// none.
func learnerReports(opts *options) ([]learner.LearnerReport, error) {
	var reps []learner.LearnerReport
	err := withCatalog(opts, func(cat *catalog.Catalog) error {
		profiles, err := chosenProfiles(cat.Store(), opts.profile)
		if err != nil {
			return err
		}
		reps, err = reports.Learners(cat, profiles, time.Now())
		return err
	})
	return reps, err
}

// chosenProfiles is the learner called name, or every learner if name is
// empty.
func chosenProfiles(store *progress.Store, name string) ([]progress.Profile, error) {
	if name == "" {
		return store.Profiles()
	}
	p, err := store.ProfileByName(name)
	if errors.Is(err, progress.ErrNotFound) {
		return nil, fmt.Errorf("no learner called %q in %s", name, store.Path())
	} else if err != nil {
		return nil, err
	}
	return []progress.Profile{p}, nil
}
