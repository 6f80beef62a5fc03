package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/internal/xapi"
	"github.com/upskill-council/upskill/progress"
)

// errNoLRS says no LRS is configured, and how to configure one.
var errNoLRS = errors.New("no learning record store is configured: write $XDG_CONFIG_HOME/upskill/lrs.yaml " +
	"(endpoint, homepage, key, secret_file) or set " + lrs.EnvEndpoint + "; see docs/xapi.md")

func newSyncCmd(opts *options) *cobra.Command {
	var status, check, backfill bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Send the records queued for the council's learning record store (xAPI)",
		Long: `Send every statement queued in the progress file to the learning record
store (LRS) configured in $XDG_CONFIG_HOME/upskill/lrs.yaml or by the
UPSKILL_LRS_* environment variables. Statements leave the queue only
once the LRS has acknowledged them. See docs/xapi.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			switch {
			case btoi(status)+btoi(check)+btoi(backfill) > 1:
				return errors.New("use one of --status, --check and --backfill")
			case status:
				return syncStatus(opts, out)
			case check:
				return syncCheck(cmd, out)
			case backfill:
				return syncBackfill(cmd, opts, out)
			}
			return syncSend(cmd, opts, out)
		},
	}
	cmd.Flags().BoolVar(&status, "status", false, "show what is queued, sent and set aside, and the last error; send nothing")
	cmd.Flags().BoolVar(&check, "check", false, "check the LRS's address and login (GET /about); send nothing")
	cmd.Flags().BoolVar(&backfill, "backfill", false, "queue, once, the records made before the LRS was configured, then send")
	return cmd
}

// lrsClient reads the settings and makes a client.
func lrsClient() (*lrs.Client, lrs.Settings, error) {
	settings, ok, err := loadLRSSettings()
	switch {
	case err != nil:
		return nil, settings, err
	case !ok:
		return nil, settings, errNoLRS
	}
	c, err := lrs.New(settings.LRS)
	return c, settings, err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func syncSend(cmd *cobra.Command, opts *options, out io.Writer) error {
	client, _, err := lrsClient()
	if err != nil {
		return err
	}
	store, err := progress.Open(opts.dbPath(), review.StoreOptions())
	if err != nil {
		return err
	}
	defer store.Close()
	return sendQueued(cmd.Context(), client, store, out)
}

// sendQueued sends everything queued and says what it did.
func sendQueued(ctx context.Context, client *lrs.Client, store *progress.Store, out io.Writer) error {
	rep, err := client.Send(ctx, store)
	fmt.Fprintf(out, "Sent %s.\n", plural(rep.Sent, "statement", "statements"))
	if rep.Rejected > 0 {
		fmt.Fprintf(out, "The LRS refused %s; set aside (see upskill sync --status).\n", plural(rep.Rejected, "statement", "statements"))
	}
	if err != nil {
		return fmt.Errorf("sending stopped; what was not sent stays queued: %w", err)
	}
	return warnIfFull(store, out)
}

// syncBackfill queues, once, the statements of the records made before
// the LRS was configured (progress.Store.Backfill, with the statements
// the live hook makes), then sends everything queued.
func syncBackfill(cmd *cobra.Command, opts *options, out io.Writer) error {
	client, settings, err := lrsClient()
	if err != nil {
		return err
	}
	packs := &packIndex{}
	builder, err := xapi.New(xapi.Config{HomePage: settings.HomePage, Version: version}, packs.find)
	if err != nil {
		return err
	}
	return withCatalogStore(opts, review.StoreOptions(), func(cat *catalog.Catalog) error {
		packs.load(cat)
		store := cat.Store()
		rep, err := store.Backfill(builder.Hook(), time.Now())
		if err != nil {
			return err
		}
		when := func(t time.Time) string { return t.Local().Format("2 Jan 2006 15:04") }
		if !rep.Done.IsZero() {
			fmt.Fprintf(out, "The records made before the LRS was configured were queued on %s: nothing more to backfill.\n", when(rep.Done))
		} else {
			fmt.Fprintf(out, "Queued %s of records made before %s", plural(rep.Queued, "statement", "statements"), when(rep.Before))
			if rep.Skipped > 0 {
				fmt.Fprintf(out, " (%d queued already)", rep.Skipped)
			}
			fmt.Fprintln(out, ".")
			if rep.Dropped > 0 {
				fmt.Fprintf(out, "Warning: %s did not fit in the queue: run upskill sync --backfill again once these are sent.\n", plural(rep.Dropped, "statement", "statements"))
			}
		}
		return sendQueued(cmd.Context(), client, store, out)
	})
}

func syncCheck(cmd *cobra.Command, out io.Writer) error {
	client, settings, err := lrsClient()
	if err != nil {
		return err
	}
	about, err := client.Check(cmd.Context())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s answers: xAPI %s; the login is accepted.\n", termsafe.Line(settings.LRS.Endpoint), termsafe.Line(fmt.Sprint(about.Versions)))
	return nil
}

func syncStatus(opts *options, out io.Writer) error {
	store, err := progress.Open(opts.dbPath(), review.StoreOptions())
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.OutboxStats()
	if err != nil {
		return err
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.Local().Format("2 Jan 2006 15:04")
	}
	fmt.Fprintf(out, "Queued:    %d (of at most %d)\n", st.Queued, st.Limit)
	if st.Queued > 0 {
		fmt.Fprintf(out, "Oldest:    %s\n", when(st.Oldest))
	}
	fmt.Fprintf(out, "Sent:      %d (last %s)\n", st.Sent, when(st.LastSent))
	fmt.Fprintf(out, "Set aside: %d\n", st.Rejected)
	if st.Dropped > 0 {
		fmt.Fprintf(out, "Not queued (the queue was full): %d\n", st.Dropped)
	}
	if st.LastError != "" {
		fmt.Fprintf(out, "Last error (%s): %s\n", when(st.LastErrorAt), termsafe.Line(st.LastError))
	}
	rejected, err := store.RejectedStatements()
	if err != nil {
		return err
	}
	for i, r := range rejected {
		if i == 10 {
			fmt.Fprintf(out, "  ... and %d more\n", len(rejected)-10)
			break
		}
		fmt.Fprintf(out, "  set aside %s: %s\n", uuid.UUID(r.ID), termsafe.Line(r.Answer))
	}
	return warnIfFull(store, out)
}

// warnIfFull warns when the outbox is half full or has dropped records.
func warnIfFull(store *progress.Store, out io.Writer) error {
	st, err := store.OutboxStats()
	if err != nil {
		return err
	}
	if st.Warning() {
		fmt.Fprintf(out, "Warning: %d of at most %d statements are queued", st.Queued, st.Limit)
		if st.Dropped > 0 {
			fmt.Fprintf(out, ", and %d were not queued because the queue was full", st.Dropped)
		}
		fmt.Fprintln(out, ". Run upskill sync where the LRS can be reached.")
	}
	return nil
}
