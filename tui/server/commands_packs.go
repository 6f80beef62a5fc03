package server

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/reports"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/progress"
)

// maxPackZipBytes bounds a pack .zip read from standard input: no pack
// within packfs's limits compresses to more.
const maxPackZipBytes = packfs.MaxTotalBytes + 1<<20

// packManagers may list, import, remove and export packs.
var packManagers = []progress.Access{progress.AccessTrainer, progress.AccessAdmin}

// packCmd is `pack list|import -|remove ID|export ID`, for trainers and
// admins.
func (c *commandEnv) packCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "pack", Short: "List, import, remove and export packs (trainers and admins)"}
	cmd.AddCommand(c.packList(), c.packImport(), c.packRemove(), c.packExport())
	return cmd
}

func (c *commandEnv) packList() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use: "list [--json]", Short: "List the packs on offer", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.require("pack list", packManagers...); err != nil {
				return err
			}
			listed := reports.Packs(c.srv.cfg.Catalog, cmd.ErrOrStderr(), c.srv.now())
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), listed)
			}
			return reports.WritePacks(cmd.OutOrStdout(), listed)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (c *commandEnv) packImport() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use: "import - [--force] < PACK.zip", Short: "Import a pack .zip given on standard input",
		Args: exactArgs(1, "pack import - < pack.zip"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.require("pack import", packManagers...); err != nil {
				return err
			}
			if args[0] != "-" {
				return errors.New("over SSH the pack comes on standard input as a .zip: ssh HOST pack import - < pack.zip")
			}
			return c.importZip(cmd, force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "import even if the version is not newer")
	return cmd
}

// importZip saves standard input to a private temporary .zip and imports
// it through the same checks as a local import (catalog.Import, which
// reads it with packfs).
func (c *commandEnv) importZip(cmd *cobra.Command, force bool) error {
	dir, err := os.MkdirTemp("", "upskill-import-")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "stdin.zip")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(cmd.InOrStdin(), maxPackZipBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("read the pack from standard input: %w", err)
	}
	if n > maxPackZipBytes {
		return fmt.Errorf("the pack on standard input is larger than %d bytes", maxPackZipBytes)
	}
	// The temporary copy is gone once imported: record where the pack
	// really came from, and who sent it.
	source := "standard input over SSH from " + termsafe.Line(c.caller.Name)
	res, err := c.srv.cfg.Catalog.Import(path, catalog.ImportOptions{Force: force, Now: c.srv.now(), Source: source})
	if err != nil {
		var refused *packfs.Error
		if errors.As(err, &refused) {
			for _, p := range refused.Problems {
				fmt.Fprintf(cmd.ErrOrStderr(), "  %s\n", termsafe.Line(p.String()))
			}
		}
		return fmt.Errorf("pack not imported: %w", err)
	}
	verb := "Imported"
	if res.Previous != nil {
		verb = "Updated"
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s %s %s (%s): learners see it the next time they connect.\n", verb, res.Pack.ID, res.Pack.Version, res.Pack.Title)
	return nil
}

func (c *commandEnv) packRemove() *cobra.Command {
	var purge bool
	cmd := &cobra.Command{
		Use: "remove ID [--purge-progress]", Short: "Remove an imported pack; progress is kept unless --purge-progress",
		Args: exactArgs(1, "pack remove ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.require("pack remove", packManagers...); err != nil {
				return err
			}
			cat := c.srv.cfg.Catalog
			e, ok := cat.Entry(args[0])
			if !ok {
				return fmt.Errorf("no pack %q: see ssh HOST pack list: %w", args[0], progress.ErrNotFound)
			}
			if e.Source != catalog.Imported {
				return fmt.Errorf("pack %s is %s, not imported: only imported packs can be removed", e.ID, e.Source)
			}
			if err := cat.Remove(e.ID, purge); err != nil {
				return err
			}
			kept := "Learners' progress in it is kept."
			if purge {
				kept = "Learners' progress in it was deleted."
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Removed %s. %s\n", e.ID, kept)
			return nil
		},
	}
	cmd.Flags().BoolVar(&purge, "purge-progress", false, "also delete learners' progress in the pack")
	return cmd
}

func (c *commandEnv) packExport() *cobra.Command {
	return &cobra.Command{
		Use: "export ID > PACK.zip", Short: "Write a pack as a .zip to standard output",
		Args: exactArgs(1, "pack export ID > pack.zip"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.require("pack export", packManagers...); err != nil {
				return err
			}
			fsys, err := c.srv.cfg.Catalog.Export(args[0], builtin.FS())
			if err != nil {
				return err
			}
			if err := packfs.WriteZip(cmd.OutOrStdout(), fsys); err != nil {
				return fmt.Errorf("export %s: %w", args[0], err)
			}
			return nil
		},
	}
}
