package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
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
				listed := listEntries(cat, cmd.ErrOrStderr())
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), listed)
				}
				return listText(cmd.OutOrStdout(), listed)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// listEntry is one pack in `pack list`; its JSON form is the --json
// output.
type listEntry struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
	// Language is the pack's BCP 47 tag, such as en-GB; empty only if
	// the pack could not be read.
	Language  string `json:"language,omitempty"`
	Modules   int    `json:"modules"`
	Lessons   int    `json:"lessons"`
	Questions int    `json:"questions"`
	Badges    int    `json:"badges"`
	// PastReview is how many of the pack's lessons are past their
	// review_by date today; 0 if the pack could not be read.
	PastReview int `json:"past_review"`
	// Origin is where the pack comes from: builtin, system or imported.
	Origin string `json:"origin"`
	// Imported is when an imported pack was imported; absent for the
	// others.
	Imported time.Time `json:"imported,omitzero"`
	// Source is the folder or .zip an imported pack came from.
	Source string `json:"source,omitempty"`
	// Path is where a system-wide pack lives.
	Path string `json:"path,omitempty"`

	source catalog.Source // for the table's words
}

// origins are the stable ids of where packs come from, by catalog.Source.
var origins = map[catalog.Source]string{catalog.Builtin: "builtin", catalog.System: "system", catalog.Imported: "imported"}

// listEntries describes every pack on offer. A pack that cannot be read
// is still listed, without its language, and the reason goes to errw.
func listEntries(cat *catalog.Catalog, errw io.Writer) []listEntry {
	entries := cat.Entries()
	out := make([]listEntry, len(entries))
	for i, e := range entries {
		out[i] = listEntry{ID: e.ID, Version: e.Version, Title: e.Title, Summary: e.Summary, Modules: e.Modules,
			Lessons: e.Lessons, Questions: e.Questions, Badges: e.Badges, Origin: origins[e.Source], Path: e.Path, source: e.Source}
		if e.Source == catalog.Imported {
			out[i].Imported, out[i].Source = e.Imported, e.PackInfo.Source
		}
		pack, err := cat.Load(e.ID)
		if err != nil {
			fmt.Fprintln(errw, termsafe.Line(fmt.Sprintf("upskill: pack %s cannot be read: %v", e.ID, err)))
			continue
		}
		out[i].Language = pack.Language
		out[i].PastReview = len(pack.PastReview(clock()))
	}
	return out
}

// listText writes the packs as a table.
func listText(w io.Writer, listed []listEntry) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tTITLE\tLANGUAGE\tMODULES\tLESSONS\tQUESTIONS\tPAST REVIEW\tSOURCE\tIMPORTED")
	for _, e := range listed {
		imported, language := "-", "-"
		if !e.Imported.IsZero() {
			imported = e.Imported.Local().Format("2006-01-02 15:04")
		}
		if e.Language != "" {
			language = e.Language
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", e.ID, e.Version, termsafe.Line(e.Title), language,
			e.Modules, e.Lessons, e.Questions, e.PastReview, e.source, imported)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	return nil
}
