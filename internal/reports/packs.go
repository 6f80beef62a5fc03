package reports

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/termsafe"
)

// PackEntry is one pack in `pack list`; its JSON form is the --json
// output.
type PackEntry struct {
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

// Packs describes every pack on offer, counting lessons past review on
// the day today. A pack that cannot be read is still listed, without its
// language, and the reason goes to errw.
func Packs(cat *catalog.Catalog, errw io.Writer, today time.Time) []PackEntry {
	entries := cat.Entries()
	out := make([]PackEntry, len(entries))
	for i, e := range entries {
		out[i] = PackEntry{ID: e.ID, Version: e.Version, Title: e.Title, Summary: e.Summary, Modules: e.Modules,
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
		out[i].PastReview = len(pack.PastReview(today))
	}
	return out
}

// WritePacks writes the packs as a table.
func WritePacks(w io.Writer, listed []PackEntry) error {
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
