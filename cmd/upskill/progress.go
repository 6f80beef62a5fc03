package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/learner"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

func newProgressCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Show a learner's progress without opening the UI",
		Long: `Show each learner's progress on the built-in pack: lessons completed, best
scores, badges, the day streak and what to do next. With --profile, only
that learner. With --json, a JSON array for scripts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := opts.dbPath()
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				// Reading progress must not create a file, least of all at a
				// mistyped path.
				fmt.Fprintf(cmd.OutOrStdout(), "No progress file at %s yet: no one has started learning.\n", path)
				return nil
			}
			reports, err := progressReports(opts)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(reports)
			}
			if len(reports) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "No learners yet. Run upskill to start learning.")
			}
			for i, r := range reports {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				if err := r.WriteText(cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// progressReports reads the chosen learner, or every learner: one report
// for each pack they have started, or for their current pack if none.
func progressReports(opts *options) ([]learner.Report, error) {
	reports := []learner.Report{}
	err := withCatalog(opts, func(cat *catalog.Catalog) error {
		store := cat.Store()
		var profiles []progress.Profile
		if opts.profile != "" {
			p, err := store.ProfileByName(opts.profile)
			if errors.Is(err, progress.ErrNotFound) {
				return fmt.Errorf("no learner called %q in %s", opts.profile, store.Path())
			} else if err != nil {
				return err
			}
			profiles = append(profiles, p)
		} else {
			var err error
			if profiles, err = store.Profiles(); err != nil {
				return err
			}
		}
		now := time.Now()
		for _, p := range profiles {
			for _, e := range cat.Entries() {
				recs, err := store.Lessons(p.ID, e.ID)
				if err != nil {
					return err
				}
				current := p.Last.Pack == e.ID || p.Last.Pack == "" && e.ID == cat.Default()
				if len(recs) == 0 && !current {
					continue
				}
				pack, err := cat.Load(e.ID)
				if err != nil {
					return err
				}
				r, err := report(store, pack, p, now, func(id string) bool { _, ok := cat.Entry(id); return ok })
				if err != nil {
					return err
				}
				reports = append(reports, r)
			}
		}
		return nil
	})
	return reports, err
}

// report summarises one learner's progress in one pack. onOffer says which
// packs' review cards count as due.
func report(store *progress.Store, pack *lessons.Pack, p progress.Profile, now time.Time, onOffer func(string) bool) (learner.Report, error) {
	prog, err := learner.Load(store, pack, p, now.Location())
	if err != nil {
		return learner.Report{}, err
	}
	resume := 0
	if next := prog.Next(); next != nil {
		a, open, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: next.ID})
		if err != nil {
			return learner.Report{}, err
		}
		if open {
			resume = a.Next() + 1
		}
	}
	due, err := review.CountDue(store, p.ID, onOffer, now)
	if err != nil {
		return learner.Report{}, err
	}
	spent, err := store.Time(p.ID)
	if err != nil {
		return learner.Report{}, err
	}
	return learner.NewReport(prog, learner.ReportInputs{Today: now, Resume: resume, Due: due, Spent: spent}), nil
}
