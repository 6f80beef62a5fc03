// Command upskill is Upskill's binary: the terminal learning programme for
// council staff and graduates, and the tools trainers use on lesson packs.
//
//	upskill                           learn in the terminal (tui.go)
//	upskill --accessible              learn with line-by-line prompts, for screen readers;
//	                                  also ACCESSIBLE=1 or the learner's saved setting (accessible.go)
//	upskill progress [--json]         learners' progress without the UI (progress.go);
//	                                  --json prints the report docs/progress-json.md describes
//	upskill pack new DIR              write a starting pack to edit (pack.go)
//	upskill pack validate PATH        check a pack, folder or .zip; exit 1 if invalid; warn of lessons past review_by (pack.go)
//	upskill pack preview PATH         see a pack as a learner will, reloading on change (preview.go)
//	upskill pack import PATH          check a pack and store it in the progress file (packstore.go)
//	upskill pack list [--json]        the packs on offer, with their language and lessons past review (packlist.go)
//	upskill pack export ID -o F.zip   write a pack on offer to a .zip (pack.go)
//	upskill pack remove ID            remove an imported pack (packstore.go)
//	upskill serve [--listen ADDR]     serve Upskill over SSH, a learner per key (serve.go;
//	                                  docs/serving.md)
//	upskill sync [--status|--check]   send queued xAPI statements to the council's LRS (sync.go;
//	                                  docs/xapi.md)
//	upskill issuer init|show|rotate   the council's Open Badges issuer and signing key (issuer.go; docs/badges.md)
//	upskill badges export|verify      earned badges as signed Open Badges 3.0 credentials (badges.go)
//
// Every command takes --db PATH and --profile NAME. The progress file is
// --db, else $UPSKILL_DB, else $XDG_DATA_HOME/upskill/upskill.db; commands
// that only read (progress, pack list, pack export, pack remove of a pack
// that cannot be there) never create it. Errors go to standard error with
// an "upskill:" prefix, a hint where the learner can act, and a non-zero
// exit status (main.go).
//
// Built with the upskilltest tag, the binary also honours
// UPSKILL_TEST_PAUSE_IN_TX (testhook_upskilltest.go), for tests that kill
// it inside a write transaction; release builds do not.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui"
)

// version is Upskill's version; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries an exit status without another message: the command
// has already said what went wrong.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root, opts := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := explainServing(root.Execute(), opts.dbPath())
	var exit exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return int(exit)
	default:
		printError(stderr, err)
		return 1
	}
}

// printError explains an error on standard error, with a hint for the
// ones a learner can act on.
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "upskill: %s\n", termsafe.Line(err.Error()))
	switch {
	case errors.As(err, new(*errServing)):
		// The message says what to do.
	case errors.Is(err, progress.ErrLocked):
		fmt.Fprintln(w, "upskill: hint: close Upskill in the other terminal first, or use --db to choose another progress file")
	case errors.Is(err, progress.ErrNotProgressFile), errors.Is(err, progress.ErrCorrupt):
		fmt.Fprintln(w, "upskill: hint: the file was left as it is; use --db to choose another progress file, or move this one away")
	case errors.Is(err, progress.ErrNewerSchema):
		fmt.Fprintln(w, "upskill: hint: use the newer version of Upskill that wrote it")
	}
}

// options are the flags every command shares.
type options struct {
	db         string
	profile    string
	theme      string
	accessible bool // --accessible: line-by-line prompts for screen readers
}

// uiTheme is the theme to draw in: --theme, else UPSKILL_THEME, else auto.
func (o *options) uiTheme() (tui.Theme, error) {
	name := o.theme
	if name == "" {
		name = os.Getenv("UPSKILL_THEME")
	}
	return tui.ParseTheme(name)
}

// dbPath is the progress file to use: --db, else UPSKILL_DB, else the XDG
// data folder.
func (o *options) dbPath() string {
	switch {
	case o.db != "":
		return o.db
	case os.Getenv("UPSKILL_DB") != "":
		return os.Getenv("UPSKILL_DB")
	default:
		return filepath.Join(xdg.DataHome, "upskill", "upskill.db")
	}
}

// newRootCmd builds the command tree, and returns the options its flags
// fill.
func newRootCmd() (*cobra.Command, *options) {
	opts := &options{}
	root := &cobra.Command{
		Use:   "upskill",
		Short: "Digital skills training for council staff, in the terminal",
		Long: `Upskill teaches digital skills through short lessons and quizzes.
Run it with no arguments to start learning. Your progress is saved as you go.

Keys: arrows or j/k move, enter opens, esc goes back, ? shows help, q quits.`,
		Version:       version,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if wantAccessible(opts) {
				return runAccessible(cmd.Context(), opts, cmd.InOrStdin(), cmd.OutOrStdout())
			}
			return runTUI(cmd.Context(), opts)
		},
	}
	root.PersistentFlags().StringVar(&opts.db, "db", "", "use the progress file at `PATH` (default $UPSKILL_DB, else $XDG_DATA_HOME/upskill/upskill.db)")
	root.PersistentFlags().StringVar(&opts.profile, "profile", "", "learner `NAME` to use, skipping the profile picker")
	root.PersistentFlags().StringVar(&opts.theme, "theme", "", "colours: `THEME` auto, dark, light or high-contrast (default $UPSKILL_THEME, else auto)")
	root.Flags().BoolVar(&opts.accessible, "accessible", false, "line-by-line prompts for screen readers, without the full screen (also ACCESSIBLE=1)")
	root.SetVersionTemplate("upskill {{.Version}}\n")
	root.AddCommand(newPackCmd(opts), newProgressCmd(opts), newLearnersCmd(opts), newServeCmd(opts), newReportCmd(opts), newSyncCmd(opts))
	root.AddCommand(newIssuerCmd(opts), newBadgesCmd(opts), newManCmd())
	return root, opts
}
