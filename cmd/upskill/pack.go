package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/lessons/scaffold"
)

func newPackCmd(opts *options) *cobra.Command {
	pack := &cobra.Command{
		Use:   "pack",
		Short: "Write, check, import and share lesson packs",
		Long: `Commands for trainers. A pack is a folder (or a .zip of one) holding pack.yaml
and lessons/*.md; docs/pack-format.md describes every field.`,
	}
	pack.AddCommand(
		newPackNewCmd(),
		newPackValidateCmd(),
		newPackImportCmd(opts),
		newPackListCmd(opts),
		newPackRemoveCmd(opts),
		newPackExportCmd(opts),
		newPackPreviewCmd(opts),
	)
	return pack
}

// oneArg is cobra.ExactArgs(1) with a message naming what is missing.
func oneArg(usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("%s needs one argument: upskill %s", cmd.CommandPath()[len("upskill "):], usage)
		}
		return nil
	}
}

func newPackNewCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new DIR",
		Short: "Create a starting pack to edit: one module, one lesson with every question type, a badge",
		Args:  oneArg("pack new DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := scaffold.Write(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Created a new pack in %s.\nEdit pack.yaml and lessons/first-lesson.md, then check them with:\n  upskill pack validate %s\nand see them as a learner will with:\n  upskill pack preview %s\n",
				args[0], args[0], args[0])
			return nil
		},
	}
}

func newPackValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate PATH",
		Short: "Check a pack (folder or .zip) and list every problem as file:line: message",
		Long: `Check a lesson pack, a folder or a .zip, against the pack format
(docs/pack-format.md) and its limits. Every problem is listed as
file:line: message, then a summary. Warnings are shown but do not fail the
pack; they include each lesson past its review_by date. The exit status is 0 when the pack is valid and 1 when it is not.
Nothing is stored.`,
		Args: oneArg("pack validate PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := loadPackAt(cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0])
			return err
		},
	}
}

// loadPackAt reads and validates the pack at path, printing its problems
// or warnings on errw and a summary line on out. Pack content only reaches
// the terminal through termsafe.
func loadPackAt(out, errw io.Writer, path string) (*lessons.Pack, error) {
	p, err := readAndValidate(path)
	printProblems(errw, path, err)
	var invalid *lessons.ValidationError
	var refused *packfs.Error
	switch {
	case errors.As(err, &invalid), errors.As(err, &refused):
		return nil, exitError(1)
	case err != nil:
		return nil, err
	}
	printWarnings(errw, path, p.Warnings)
	fmt.Fprintf(out, "%s is a valid pack: %s %s, %s, %s, %s, %s%s\n",
		termsafe.Line(path), p.ID, p.Version, plural(len(p.Modules), "module", "modules"), plural(p.LessonCount(), "lesson", "lessons"),
		plural(p.QuestionCount(), "question", "questions"), plural(len(p.Badges), "badge", "badges"), warningsNote(len(p.Warnings)))
	return p, nil
}

// clock tells the time; review_by dates are compared with its day. Tests
// replace it.
var clock = time.Now

// readAndValidate reads and validates the pack at path, warning about
// lessons past their review_by date.
func readAndValidate(path string) (*lessons.Pack, error) {
	p, _, err := catalog.ReadPack(path, lessons.LoadOptions{Today: clock()})
	return p, err
}

// inPack names a file inside the pack at root as the trainer finds it:
// "my-pack/lessons/a.md", with no doubled slash whatever root looks like
// ("my-pack/", "./my-pack/"). Only root is cleaned: file is shown as the
// pack names it, so that a hostile "../x" is seen for what it is.
func inPack(root, file string) string {
	root = filepath.Clean(root)
	switch {
	case file == "" || file == ".":
		return root
	case root == ".":
		return file
	}
	return strings.TrimSuffix(root, string(filepath.Separator)) + "/" + file
}

// printWarnings lists a valid pack's warnings, one a line.
func printWarnings(w io.Writer, path string, warnings []lessons.Problem) {
	for _, warning := range warnings {
		warning.File = inPack(path, warning.File)
		fmt.Fprintln(w, termsafe.Line(warning.String()))
	}
}

// printProblems lists why a pack was refused, if it was, one problem a
// line, then a summary saying what made it invalid.
func printProblems(w io.Writer, path string, err error) {
	for _, line := range problemLines(path, err) {
		fmt.Fprintln(w, termsafe.Line(line))
	}
}

// problemLines is what printProblems prints, without the newlines; it is
// empty when err is not a problem with the pack.
func problemLines(path string, err error) []string {
	var invalid *lessons.ValidationError
	var refused *packfs.Error
	var lines []string
	switch {
	case errors.As(err, &refused):
		for _, p := range refused.Problems {
			lines = append(lines, fmt.Sprintf("%s: %s", inPack(path, p.Path), p.Message))
		}
		lines = append(lines, invalidSummary(path, len(refused.Problems), 0))
	case errors.As(err, &invalid):
		for _, pr := range invalid.Problems {
			pr.File = inPack(path, pr.File)
			lines = append(lines, pr.String())
		}
		lines = append(lines, invalidSummary(path, invalid.Errors(), len(invalid.Problems)-invalid.Errors()))
	}
	return lines
}

// invalidSummary is the last line about an invalid pack: it says that the
// errors make it invalid, and that its warnings do not.
func invalidSummary(path string, errs, warnings int) string {
	verb := "make"
	if errs == 1 {
		verb = "makes"
	}
	line := fmt.Sprintf("%s in %s %s it invalid", plural(errs, "error", "errors"), filepath.Clean(path), verb)
	switch {
	case warnings == 1:
		line += "; the warning does not"
	case warnings > 1:
		line += fmt.Sprintf("; the %d warnings do not", warnings)
	}
	return line
}

func warningsNote(n int) string {
	if n == 0 {
		return ""
	}
	return " (and " + plural(n, "warning", "warnings") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func newPackExportCmd(opts *options) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export ID -o FILE.zip",
		Short: "Write a pack on offer (imported, system-wide or built in) to a .zip that imports elsewhere unchanged",
		Args:  oneArg("pack export ID -o FILE.zip"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("pack export needs a file to write: -o FILE.zip")
			}
			return withCatalogToRead(opts, func(cat *catalog.Catalog) error {
				fsys, err := cat.Export(args[0], builtinFS())
				if err != nil {
					return err
				}
				if err := writeZipFile(out, fsys); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Exported %s to %s.\n", args[0], out)
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the .zip `FILE` to write")
	return cmd
}

// writeZipFile writes a pack as a .zip, through a temporary file renamed
// into place, so a failed export never leaves half a file.
func writeZipFile(path string, fsys fs.FS) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upskill-export-*.zip")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = packfs.WriteZip(tmp, fsys)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
