package server

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/badge"
	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// badgesCmd is `badges export ID [--format json|jwt] > badge.json`: the
// caller's own earned badge as a signed Open Badges 3.0 credential,
// written to standard output because the server cannot write on the
// learner's computer. Without an ID it lists the badges they can export.
func (c *commandEnv) badgesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "badges", Short: "Your earned badges as signed Open Badges credentials"}
	var format string
	export := &cobra.Command{
		Use:   "export [ID] [--format json|jwt] > badge.json",
		Short: "Write one of your earned badges, signed, to standard output (without ID: list them)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := badge.ParseFormat(format)
			if err != nil {
				return err
			}
			awards, err := badge.Awards(c.srv.cfg.Catalog, c.caller, "")
			if err != nil {
				return err
			}
			if len(args) == 0 {
				if len(awards) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "You have not earned any badges yet.")
				}
				for _, a := range awards {
					fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\n", termsafe.Line(a.Badge.ID), termsafe.Line(a.Badge.Title))
				}
				return nil
			}
			chosen, err := badge.Select(awards, args[0])
			if err != nil {
				return err
			}
			is, err := badgeissuer.Load(badgeissuer.DirFor(c.srv.cfg.Store.Path()))
			if errors.Is(err, badgeissuer.ErrNoIssuer) {
				return errors.New("badges cannot be exported yet: the council has not set up its badge issuer; ask an admin")
			}
			if err != nil {
				return err
			}
			data, err := badge.Export(is, chosen[0], f, c.srv.now())
			if err != nil {
				return err
			}
			_, err = cmd.OutOrStdout().Write(data)
			return err
		},
	}
	export.Flags().StringVar(&format, "format", string(badge.FormatJSON), "`json` (Data Integrity proof) or jwt (VC-JWT)")
	cmd.AddCommand(export, c.issuerCmd())
	return cmd
}

// issuerCmd is `badges issuer [show|rotate]`: everyone may see the
// council's issuer and public keys; only admins make a new key.
func (c *commandEnv) issuerCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "issuer", Short: "The council's badge issuer: show it, or (admins) rotate its key"}
	load := func() (*badgeissuer.Issuer, error) {
		return badgeissuer.Load(badgeissuer.DirFor(c.srv.cfg.Store.Path()))
	}
	show := &cobra.Command{
		Use: "show", Short: "The issuer's name, id and public keys", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			is, err := load()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "Name:      %s\nAddress:   %s\nIssuer id: %s\n", termsafe.Line(is.Profile.Name), termsafe.Line(is.Profile.URL), termsafe.Line(is.ID()))
			for i := len(is.Keys) - 1; i >= 0; i-- {
				fmt.Fprintf(w, "Key:       %s\n", termsafe.Line(is.Keys[i].ID))
			}
			return nil
		},
	}
	rotate := &cobra.Command{
		Use: "rotate", Short: "Make a new signing key (admins); what the old one signed still verifies", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.require("badges issuer rotate", progress.AccessAdmin); err != nil {
				return err
			}
			is, err := load()
			if err != nil {
				return err
			}
			if err := is.Rotate(c.srv.now()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "New signing key %s; the old one's public half is kept.\n", is.Current().ID)
			if is.Profile.DIDWeb != "" {
				fmt.Fprintf(cmd.OutOrStdout(), "Publish the new did.json (on the server: %s) at %s.\n",
					badgeissuer.DocumentFile, badgeissuer.DIDWebURL(is.ID()))
			}
			return nil
		},
	}
	cmd.AddCommand(show, rotate)
	return cmd
}
