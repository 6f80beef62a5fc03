package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/cliprogress"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// builtinFS is the built-in pack's files, for export.
func builtinFS() fs.FS { return builtin.FS() }

// withCatalog opens the progress file and the catalogue of packs for fn,
// and closes them after.
func withCatalog(opts *options, fn func(*catalog.Catalog) error) error {
	return withCatalogStore(opts, review.StoreOptions(), fn)
}

// withCatalogStore is withCatalog with the progress file opened with
// storeOpts.
func withCatalogStore(opts *options, storeOpts progress.Options, fn func(*catalog.Catalog) error) error {
	pack, err := builtin.Load()
	if err != nil {
		return fmt.Errorf("built-in pack: %w", err)
	}
	store, err := progress.Open(opts.dbPath(), storeOpts)
	if err != nil {
		return err
	}
	defer store.Close()
	cat, err := catalog.Open(store, pack, xdg.DataDirs)
	if err != nil {
		return err
	}
	return fn(cat)
}

// withCatalogToRead is withCatalog for commands that only read: when
// there is no progress file, an empty one in a temporary folder stands in
// for it, removed afterwards, so that listing or exporting never creates
// a file (or its folder) at the path, least of all a mistyped one.
func withCatalogToRead(opts *options, fn func(*catalog.Catalog) error) error {
	path := opts.dbPath()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return withCatalog(opts, fn)
	}
	tmp, err := os.MkdirTemp("", "upskill-empty-")
	if err != nil {
		return fmt.Errorf("stand-in progress file: %w", err)
	}
	defer os.RemoveAll(tmp)
	stand := *opts
	stand.db = filepath.Join(tmp, "upskill.db")
	return withCatalog(&stand, fn)
}

func newPackImportCmd(opts *options) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "import PATH",
		Short: "Check a pack (folder or .zip) and store it, so learners see it at their next start",
		Long: `Check a lesson pack, a folder or a .zip, and store it in the progress file.
The import is all or nothing: a pack with any problem is refused and nothing
changes. A newer version of a pack already on offer replaces it; learners
keep their progress in every lesson and question that remains, and every
badge. An older or equal version is refused unless --force is given.`,
		Args: oneArg("pack import PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withCatalog(opts, func(cat *catalog.Catalog) error {
				return importPack(cmd, cat, args[0], force)
			})
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "import even if the version is not newer than the one on offer")
	return cmd
}

func importPack(cmd *cobra.Command, cat *catalog.Catalog, path string, force bool) error {
	stderr := cmd.ErrOrStderr()
	report := newReporter(stderr)
	res, err := cat.Import(path, catalog.ImportOptions{Force: force, Progress: report.Update, Now: time.Now()})
	report.Done()
	if err != nil {
		return notImported(stderr, path, err)
	}
	out := cmd.OutOrStdout()
	printWarnings(stderr, path, res.Pack.Warnings)
	verb := "Imported"
	if res.Previous != nil {
		verb = fmt.Sprintf("Replaced %s %s with", res.Previous.Source, res.Previous.Version)
	}
	fmt.Fprintf(out, "%s %s %s (%s): %s, %s.\n", verb, res.Info.ID, res.Info.Version, res.Info.Title,
		plural(res.Info.Lessons, "lesson", "lessons"), plural(res.Info.Questions, "question", "questions"))
	if res.Previous != nil {
		printChanges(out, "Lessons", res.Lessons)
		printChanges(out, "Questions", res.Questions)
		if res.Lessons.Empty() && res.Questions.Empty() {
			fmt.Fprintln(out, "No lesson or question changed.")
		}
		fmt.Fprintln(out, "Learners keep their progress in every lesson and question that remains, and every badge.")
	}
	return nil
}

// notImported lists why the pack at path was refused, one problem a
// line, and returns the error that ends the command: it says that nothing
// was stored, and why, after the "upskill:" every error starts with.
func notImported(w io.Writer, path string, err error) error {
	lines := problemLines(path, err)
	if len(lines) == 0 {
		return fmt.Errorf("%s was not imported, and nothing was stored: %w", filepath.Clean(path), err)
	}
	for _, line := range lines[:len(lines)-1] {
		fmt.Fprintln(w, termsafe.Line(line))
	}
	return fmt.Errorf("%s was not imported, and nothing was stored: %s", filepath.Clean(path), lines[len(lines)-1])
}

func printChanges(w io.Writer, what string, c catalog.Changes) {
	for _, part := range []struct {
		verb string
		ids  []string
	}{{"added", c.Added}, {"removed", c.Removed}, {"changed", c.Changed}} {
		if len(part.ids) > 0 {
			fmt.Fprintf(w, "%s %s (%d): %s\n", what, part.verb, len(part.ids), strings.Join(part.ids, ", "))
		}
	}
}

// progressDelay is how long a job runs before its progress is shown.
var progressDelay = 500 * time.Millisecond

// newReporter shows progress on standard error once a job has taken
// progressDelay: a bar on a terminal, plain lines elsewhere.
func newReporter(w io.Writer) *cliprogress.Reporter {
	f, ok := w.(*os.File)
	terminal := ok && term.IsTerminal(f.Fd())
	if terminal {
		w = colorprofile.NewWriter(w, os.Environ())
	}
	return cliprogress.New(w, terminal, progressDelay)
}

func newPackRemoveCmd(opts *options) *cobra.Command {
	var purge, yes bool
	cmd := &cobra.Command{
		Use:   "remove ID",
		Short: "Remove an imported pack; learners' progress is kept unless --purge-progress",
		Long: `Remove an imported pack. Learners' progress in it is kept, so that
importing it again picks up where they were, unless --purge-progress is
given: then every learner's records in the pack are deleted, after a
question (or --yes, for scripts).`,
		Args: oneArg("pack remove ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			// With no progress file there is no imported pack to remove.
			return withCatalogToRead(opts, func(cat *catalog.Catalog) error {
				e, ok := cat.Entry(id)
				if !ok {
					return cat.NotOnOffer(id)
				}
				if e.Source != catalog.Imported {
					return fmt.Errorf("pack %s is %s; only imported packs can be removed", id, e.Source)
				}
				if purge && !yes {
					if err := confirm(cmd, fmt.Sprintf("Delete every learner's progress in %q (%s)? This cannot be undone. [y/N] ", e.Title, id),
						"--purge-progress deletes learners' records: add --yes to confirm when not at a terminal"); err != nil {
						return err
					}
				}
				if err := cat.Remove(id, purge); err != nil {
					return err
				}
				kept := "Learners' progress in it is kept."
				if purge {
					kept = "Learners' progress in it was deleted."
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Removed %s. %s\n", id, kept)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&purge, "purge-progress", false, "also delete every learner's progress in the pack")
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask before deleting progress")
	return cmd
}

// confirm asks a yes/no question on the terminal; without a terminal it
// refuses with noTerminal, since nobody can answer.
func confirm(cmd *cobra.Command, question, noTerminal string) error {
	in, ok := cmd.InOrStdin().(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return errors.New(noTerminal)
	}
	fmt.Fprint(cmd.ErrOrStderr(), question)
	answer, _ := bufio.NewReader(in).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return errors.New("nothing removed")
	}
	return nil
}
