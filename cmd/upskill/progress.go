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
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
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
	reports := []learner.LearnerReport{}
	err := withCatalog(opts, func(cat *catalog.Catalog) error {
		store := cat.Store()
		profiles, err := chosenProfiles(store, opts.profile)
		if err != nil {
			return err
		}
		now := time.Now()
		onOffer := func(id string) bool { _, ok := cat.Entry(id); return ok }
		for _, p := range profiles {
			r, err := learnerReport(cat, p, now, onOffer)
			if err != nil {
				return fmt.Errorf("progress of %s: %w", p.Name, err)
			}
			reports = append(reports, r)
		}
		return nil
	})
	return reports, err
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

// learnerReport summarises one learner: their own figures, then each pack
// they have started, or their current pack. onOffer says which packs'
// review cards count as due.
func learnerReport(cat *catalog.Catalog, p progress.Profile, now time.Time, onOffer func(string) bool) (learner.LearnerReport, error) {
	store := cat.Store()
	home, err := cat.Load(cat.Default())
	if err != nil {
		return learner.LearnerReport{}, err
	}
	base, err := learner.Load(store, home, p, now.Location())
	if err != nil {
		return learner.LearnerReport{}, err
	}
	due, err := review.CountDue(store, p.ID, onOffer, now)
	if err != nil {
		return learner.LearnerReport{}, err
	}
	spent, err := store.Time(p.ID)
	if err != nil {
		return learner.LearnerReport{}, err
	}
	r := learner.NewLearnerReport(base, learner.ReportInputs{Today: now, Due: due, Spent: spent})
	for _, e := range cat.Entries() {
		recs, err := store.Lessons(p.ID, e.ID)
		if err != nil {
			return r, err
		}
		current := p.Last.Pack == e.ID || p.Last.Pack == "" && e.ID == cat.Default()
		if len(recs) == 0 && !current {
			continue
		}
		pack, err := cat.Load(e.ID)
		if err != nil {
			return r, err
		}
		if err := addPack(&r, store, pack, p, now); err != nil {
			return r, err
		}
	}
	return r, nil
}

// addPack adds a learner's standing in one pack to their report.
func addPack(r *learner.LearnerReport, store *progress.Store, pack *lessons.Pack, p progress.Profile, now time.Time) error {
	prog, err := learner.Load(store, pack, p, now.Location())
	if err != nil {
		return err
	}
	resume := 0
	if next := prog.Next(); next != nil {
		a, open, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: pack.ID, Lesson: next.ID})
		if err != nil {
			return err
		}
		if open {
			resume = a.Next() + 1
		}
	}
	r.AddPack(prog, resume)
	return nil
}
