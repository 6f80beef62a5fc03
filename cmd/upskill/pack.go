package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
)

func newPackCmd() *cobra.Command {
	pack := &cobra.Command{
		Use:   "pack",
		Short: "Work with lesson packs",
	}
	pack.AddCommand(&cobra.Command{
		Use:   "validate DIR",
		Short: "Check a lesson pack and list every problem as file:line: message",
		Long: `Check a lesson pack folder against the pack format (docs/pack-format.md).
Every problem is listed as file:line: message. The exit status is 0 when the
pack is valid and 1 when it is not. Nothing is stored.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return errors.New("pack validate needs one pack folder: upskill pack validate DIR")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return validatePack(cmd, args[0])
		},
	})
	return pack
}

// validatePack prints a pack's problems (quoting pack content only through
// termsafe, since file names and values come from the pack) and a summary.
func validatePack(cmd *cobra.Command, dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("pack %s: %w", dir, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return fmt.Errorf("pack %s: not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("pack %s: %w", dir, err)
	}
	defer root.Close()
	p, err := lessons.Load(root.FS())
	var invalid *lessons.ValidationError
	switch {
	case errors.As(err, &invalid):
		for _, pr := range invalid.Problems {
			pr.File = dir + "/" + pr.File
			fmt.Fprintln(cmd.ErrOrStderr(), termsafe.Line(pr.String()))
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%d %s in %s\n", invalid.Errors(), plural(invalid.Errors(), "error", "errors"), termsafe.Line(dir))
		return exitError(1)
	case err != nil:
		return err
	}
	for _, w := range p.Warnings {
		w.File = dir + "/" + w.File
		fmt.Fprintln(cmd.ErrOrStderr(), termsafe.Line(w.String()))
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s is a valid pack: %s %s, %d modules, %d lessons, %d questions, %d badges\n",
		termsafe.Line(dir), p.ID, p.Version, len(p.Modules), p.LessonCount(), p.QuestionCount(), len(p.Badges))
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
