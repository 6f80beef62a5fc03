package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/reports"
	"github.com/upskill-council/upskill/internal/termsafe"
)

func newPackListCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the packs on offer: built in, imported and system-wide",
		Long: `List the packs on offer: built in, imported into the progress file, and
system-wide, with how many lessons of each are past their review_by date
(PAST REVIEW). With --json, a JSON array for scripts, whose origin values
are stable ids (builtin, system, imported). Listing never creates a progress
file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withCatalogToRead(opts, func(cat *catalog.Catalog) error {
				for _, p := range cat.Problems() {
					printSkipped(cmd.ErrOrStderr(), p)
				}
				listed := reports.Packs(cat, cmd.ErrOrStderr(), clock())
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), listed)
				}
				return reports.WritePacks(cmd.OutOrStdout(), listed)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printSkipped says why a system-wide pack is not offered: a line naming
// it, then its problems one a line, as pack validate lists them.
func printSkipped(w io.Writer, p catalog.Problem) {
	lines := problemLines(p.Path, p.Err)
	if len(lines) == 0 {
		fmt.Fprintln(w, termsafe.Line(fmt.Sprintf("upskill: skipped system-wide pack %s: %v", p.Path, p.Err)))
		return
	}
	fmt.Fprintln(w, termsafe.Line(fmt.Sprintf("upskill: skipped system-wide pack %s, which is invalid:", p.Path)))
	for _, line := range lines {
		fmt.Fprintln(w, termsafe.Line(line))
	}
}
