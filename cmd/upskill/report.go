package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/trainingreport"
)

// reportFlags are the flags of `upskill report`.
type reportFlags struct {
	team, role, asOf, format, output string
	questions                        bool
}

func newReportCmd(opts *options) *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report [--team T] [--role R] [--as-of DATE] [--format table|csv|json|html] [-o FILE]",
		Short: "Report required training by team, each learner's standing, and questions to rewrite",
		Long: `Report on the learners in the progress file, for trainers and managers:
for each team and required module, how many learners are done and in date,
due within 30 days, overdue or not started, and who; each learner's
required modules with completed, valid until, best score and attempts; and
every quiz question's facility and discrimination index from first
attempts, flagging those to rewrite (docs/reports.md).

--format table (the default) prints tables; csv writes one row per learner
and required module for Excel (--questions: one row per question instead);
json follows docs/training-report.schema.json; html is one page to open in
a browser or print. The report names people: with -o the file is readable
by you alone. Reading never creates a progress file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := trainingreport.CheckFormat(f.format); err != nil {
				return err
			}
			asOf, err := trainingreport.ParseAsOf(f.asOf, time.Local, time.Now())
			if err != nil {
				return err
			}
			var report *trainingreport.Report
			err = withCatalogToRead(opts, func(cat *catalog.Catalog) error {
				report, err = trainingreport.Build(cat, trainingreport.Options{Team: f.team, Role: f.role, AsOf: asOf,
					NoQuestions: !trainingreport.NeedsQuestions(f.format, f.questions)})
				return err
			})
			if err != nil {
				return err
			}
			write := func(w io.Writer) error { return trainingreport.Render(w, report, f.format, f.questions) }
			if f.output != "" && f.output != "-" {
				return trainingreport.WriteFile(f.output, write)
			}
			return write(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&f.team, "team", "", "only the learners of `TEAM`")
	cmd.Flags().StringVar(&f.role, "role", "", "only the learners with learning role `ROLE` (staff, graduate, manager)")
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "report as at the end of `DATE` (YYYY-MM-DD; default now)")
	cmd.Flags().StringVar(&f.format, "format", "table", "`FORMAT`: table, csv, json or html")
	cmd.Flags().BoolVar(&f.questions, "questions", false, "with --format csv, the question analysis instead of the learners")
	cmd.Flags().StringVarP(&f.output, "output", "o", "", "write to `FILE` (mode 0600) instead of standard output")
	return cmd
}
