package main

import (
	"fmt"

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
					fmt.Fprintln(cmd.ErrOrStderr(), termsafe.Line(fmt.Sprintf("upskill: skipped system-wide pack %s: %v", p.Path, p.Err)))
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
