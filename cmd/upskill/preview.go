package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui"
)

func newPackPreviewCmd(opts *options) *cobra.Command {
	var role string
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "preview PATH",
		Short: "Open a pack in the learner's view without importing it, reloading as its files change",
		Long: `Open the terminal UI on a pack (folder or .zip) as a learner sees it, without
importing it. Progress goes to a throwaway file, deleted on quitting, on
SIGTERM and when the terminal is closed (SIGHUP); a file a killed preview
left is deleted by the next preview once it is a day old. When
the pack's files change, the preview reloads them, and shows their problems
until they are fixed; a pack that has problems already opens on them and
waits for the fix.`,
		Args: oneArg("pack preview PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !lessons.Audience(role).Valid() {
				return fmt.Errorf("--role must be staff, graduate or manager, not %q", role)
			}
			theme, err := opts.uiTheme()
			if err != nil {
				return err
			}
			return preview(cmd, args[0], lessons.Audience(role), theme, every)
		},
	}
	cmd.Flags().StringVar(&role, "role", string(lessons.Staff), "the learner's `ROLE`, which chooses the path: staff, graduate or manager")
	cmd.Flags().DurationVar(&every, "poll", 500*time.Millisecond, "how often to look for changed files")
	return cmd
}

func preview(cmd *cobra.Command, path string, role lessons.Audience, theme tui.Theme, every time.Duration) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("pack preview: %w", err)
	}
	// A pack that is invalid now opens all the same, on its problems,
	// and waits for the fix, as when it breaks while previewing; the
	// built-in pack stands in until then.
	p, problems := readAndValidate(path)
	if problems != nil {
		builtinPack, err := builtin.Load()
		if err != nil {
			return fmt.Errorf("built-in pack: %w", err)
		}
		p = builtinPack
	} else {
		printWarnings(cmd.ErrOrStderr(), path, p.Warnings)
	}
	// Closing the terminal sends SIGHUP; like q, ctrl+c and SIGTERM it
	// ends the preview through the deferred clean-up below, so that no
	// throwaway progress file is left behind.
	ctx, cancel := signal.NotifyContext(cmd.Context(), syscall.SIGHUP, syscall.SIGTERM)
	defer cancel()
	removeOldPreviews(os.TempDir(), time.Now())
	dir, err := os.MkdirTemp("", previewPrefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	store, err := progress.Open(filepath.Join(dir, "preview.db"), review.StoreOptions())
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.CreateProfile("Preview", string(role), time.Now()); err != nil {
		return err
	}
	model, err := tui.New(tui.Options{Store: store, Pack: p, Profile: "Preview", Theme: theme})
	if err != nil {
		return err
	}
	program := tea.NewProgram(model, tea.WithContext(ctx))
	if problems != nil {
		go program.Send(tui.PackReloaded(nil, problems))
	}
	go watch(ctx, path, every, func() {
		p, err := readAndValidate(path)
		program.Send(tui.PackReloaded(p, err))
	})
	if _, err := program.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) && ctx.Err() == nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}

// watch calls changed whenever the files under path change, looking every
// interval, until ctx ends. Polling needs no file-system notifications,
// which network drives often lack, and costs little for a pack.
func watch(ctx context.Context, path string, interval time.Duration, changed func()) {
	last := fingerprint(path)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if now := fingerprint(path); now != last {
				last = now
				changed()
			}
		}
	}
}

// fingerprint sums the names, sizes and modification times of the files
// under path (or of path itself, for a .zip). Symbolic links are not
// followed.
func fingerprint(path string) uint64 {
	h := fnv.New64a()
	_ = filepath.WalkDir(path, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s!", name)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && name != path {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(h, "%s|%d|%d|%v\n", name, info.Size(), info.ModTime().UnixNano(), info.Mode())
		}
		return nil
	})
	return h.Sum64()
}
