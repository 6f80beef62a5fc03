package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/termsafe"
)

// issuerDir is the badge issuer's folder: $UPSKILL_ISSUER_DIR, else
// "issuer" beside the progress file (never inside it, so backups and
// pack exports never hold the key).
func issuerDir(opts *options) string { return badgeissuer.DirFor(opts.dbPath()) }

func newIssuerCmd(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "issuer",
		Short: "Set up the council's Open Badges issuer and its signing key (docs/badges.md)",
		Long: `The issuer is the council as named in the badges it gives: its name, web
address and signing key. It lives in the folder "issuer" beside the
progress file (or $UPSKILL_ISSUER_DIR). The private key is never shown,
and neither backup nor pack export includes it.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newIssuerInitCmd(opts), newIssuerShowCmd(opts), newIssuerRotateCmd(opts))
	return cmd
}

func newIssuerInitCmd(opts *options) *cobra.Command {
	var p badgeissuer.Profile
	var didWeb, identify string
	cmd := &cobra.Command{
		Use:   `init --name "Example Council" --url https://www.example-council.gov.uk [--email ADDRESS] [--did-web DOMAIN] [--identify name|email]`,
		Short: "Create the issuer and its Ed25519 signing key",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p.Identify = badgeissuer.Identify(identify)
			if didWeb != "" {
				did, err := badgeissuer.DIDWeb(didWeb)
				if err != nil {
					return fmt.Errorf("--did-web: %w", err)
				}
				p.DIDWeb = did
			}
			is, err := badgeissuer.Init(issuerDir(opts), p, time.Now())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Issuer set up in %s.\n", is.Dir)
			writeIssuer(out, is)
			fmt.Fprintf(out, "The private key is in %s, readable by you only. It is never shown; keep the folder out of shared drives.\n",
				filepath.Join(is.Dir, "keys"))
			if p.DIDWeb != "" {
				publishHint(out, is)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&p.Name, "name", "", "the council's `NAME` as badges show it")
	cmd.Flags().StringVar(&p.URL, "url", "", "the council's web address (`https://...`)")
	cmd.Flags().StringVar(&p.Email, "email", "", "a contact email `ADDRESS` shown in badges (optional)")
	cmd.Flags().StringVar(&didWeb, "did-web", "", "use did:web:`DOMAIN` as the issuer id (you publish did.json there) instead of a did:key")
	cmd.Flags().StringVar(&identify, "identify", string(badgeissuer.IdentifyName), "identify learners by `name`, or by a salted hash of their email address (email) when one is given")
	return cmd
}

func newIssuerShowCmd(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "show",
		Short: "Show the issuer's profile and public keys (never the private key)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			is, err := badgeissuer.Load(issuerDir(opts))
			if err != nil {
				return err
			}
			writeIssuer(cmd.OutOrStdout(), is)
			if is.Profile.DIDWeb != "" {
				publishHint(cmd.OutOrStdout(), is)
			}
			return nil
		},
	}
}

func newIssuerRotateCmd(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "rotate",
		Short: "Make a new signing key; badges signed with the old one still verify",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			is, err := badgeissuer.Load(issuerDir(opts))
			if err != nil {
				return err
			}
			if err := is.Rotate(time.Now()); err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintln(out, "New signing key made; the old key's private half is deleted and its public half kept.")
			writeIssuer(out, is)
			if is.Profile.DIDWeb != "" {
				publishHint(out, is)
			} else {
				fmt.Fprintln(out, "The issuer id is a did:key, so it changes with the key: badges issued before name the old id, and still verify.")
			}
			return nil
		},
	}
}

// writeIssuer prints the profile and every public key.
func writeIssuer(w io.Writer, is *badgeissuer.Issuer) {
	p := is.Profile
	fmt.Fprintf(w, "Name:      %s\n", termsafe.Line(p.Name))
	fmt.Fprintf(w, "Address:   %s\n", termsafe.Line(p.URL))
	if p.Email != "" {
		fmt.Fprintf(w, "Email:     %s\n", termsafe.Line(p.Email))
	}
	fmt.Fprintf(w, "Issuer id: %s\n", termsafe.Line(is.ID()))
	how := "their name"
	if p.Identify == badgeissuer.IdentifyEmail {
		how = "a salted hash of their email address when one is given, else their name"
	}
	fmt.Fprintf(w, "Learners:  identified by %s\n", how)
	for i := len(is.Keys) - 1; i >= 0; i-- {
		k := is.Keys[i]
		state := "current, made " + k.Created.Local().Format("2 Jan 2006")
		if !k.Retired.IsZero() {
			state = "retired " + k.Retired.Local().Format("2 Jan 2006") + "; still verifies what it signed"
		}
		fmt.Fprintf(w, "Key:       %s (%s)\n", termsafe.Line(k.ID), state)
	}
}

// publishHint tells a did:web issuer where to publish did.json.
func publishHint(w io.Writer, is *badgeissuer.Issuer) {
	fmt.Fprintf(w, "Publish %s at %s (as application/json), and again after every issuer rotate:\n",
		filepath.Join(is.Dir, badgeissuer.DocumentFile), badgeissuer.DIDWebURL(is.ID()))
	fmt.Fprintln(w, "employers' verifiers read the keys there. See docs/badges.md.")
}

// loadIssuerForExport loads the issuer, saying how to set one up.
func loadIssuerForExport(opts *options) (*badgeissuer.Issuer, error) {
	is, err := badgeissuer.Load(issuerDir(opts))
	if errors.Is(err, badgeissuer.ErrNoIssuer) {
		return nil, fmt.Errorf("badges cannot be exported yet: %w", err)
	}
	return is, err
}
