package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/badge"
	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

func newBadgesCmd(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "badges",
		Short: "Export earned badges as signed Open Badges 3.0 credentials, and verify them (docs/badges.md)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newBadgesExportCmd(opts), newBadgesVerifyCmd(opts))
	return cmd
}

func newBadgesExportCmd(opts *options) *cobra.Command {
	var learnerName, badgeID, format, out, email string
	cmd := &cobra.Command{
		Use:   "export [--learner NAME] [--badge ID] [--format json|jwt] [--email ADDRESS] -o PATH",
		Short: "Write a learner's earned badges as signed credentials (files readable by you only)",
		Long: `Write each badge the learner earned as a signed Open Badges 3.0 credential.
With --badge, PATH is the file to write ("-" for standard output);
without, PATH is a folder that gets one file per badge.
--format json (the default) signs with a Data Integrity proof
(eddsa-rdfc-2022); jwt writes a VC-JWT. --email puts a salted hash of
the address in the credential when the issuer identifies learners by
email; Upskill itself stores no email addresses.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := badge.ParseFormat(format)
			if err != nil {
				return err
			}
			if out == "" {
				return errors.New("say where to write with -o PATH")
			}
			is, err := loadIssuerForExport(opts)
			if err != nil {
				return err
			}
			if learnerName == "" {
				learnerName = opts.profile
			}
			return withCatalogToRead(opts, func(cat *catalog.Catalog) error {
				p, err := exportLearner(cat.Store(), learnerName)
				if err != nil {
					return err
				}
				awards, err := badge.Awards(cat, p, email)
				if err != nil {
					return err
				}
				if awards, err = badge.Select(awards, badgeID); err != nil {
					return err
				}
				if len(awards) == 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "%s has not earned any badges yet.\n", termsafe.Line(p.Name))
					return nil
				}
				return writeAwards(cmd.OutOrStdout(), is, awards, f, out, badgeID != "")
			})
		},
	}
	cmd.Flags().StringVar(&learnerName, "learner", "", "the learner `NAME` (default --profile, or the only learner)")
	cmd.Flags().StringVar(&badgeID, "badge", "", "only the badge `ID` (or PACK/ID)")
	cmd.Flags().StringVar(&format, "format", string(badge.FormatJSON), "`json` (Data Integrity proof) or jwt (VC-JWT)")
	cmd.Flags().StringVar(&email, "email", "", "the learner's email `ADDRESS`, hashed with a salt into the credential (issuer set to identify by email)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "the file (with --badge; - for standard output) or folder to write to (`PATH`)")
	return cmd
}

// exportLearner is the learner named, or the only one.
func exportLearner(store *progress.Store, name string) (progress.Profile, error) {
	if name != "" {
		return store.ProfileByName(name)
	}
	profiles, err := store.Profiles()
	if err != nil {
		return progress.Profile{}, err
	}
	if len(profiles) == 0 {
		return progress.Profile{}, errors.New("no learners use this progress file yet, so there are no badges to export")
	}
	if len(profiles) != 1 {
		return progress.Profile{}, fmt.Errorf("%d learners use this progress file: say whose badges with --learner NAME", len(profiles))
	}
	return profiles[0], nil
}

// writeAwards signs each award and writes it: to the file out when one
// was asked for, else into the folder out.
func writeAwards(w io.Writer, is *badgeissuer.Issuer, awards []badge.Award, f badge.Format, out string, single bool) error {
	now := time.Now()
	for _, a := range awards {
		data, err := badge.Export(is, a, f, now)
		if err != nil {
			return err
		}
		path := out
		if !single {
			if err := os.MkdirAll(out, 0o700); err != nil {
				return fmt.Errorf("make %s: %w", out, err)
			}
			path = filepath.Join(out, badge.FileName(a, f))
		}
		if path == "-" {
			_, err := w.Write(data)
			return err
		}
		if err := writePrivateFile(path, data); err != nil {
			return err
		}
		fmt.Fprintf(w, "Wrote %q to %s\n", termsafe.Line(a.Badge.Title), termsafe.Line(path))
	}
	return nil
}

// writePrivateFile writes data to path, readable by its owner only.
func writePrivateFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func newBadgesVerifyCmd(opts *options) *cobra.Command {
	var didJSON []string
	cmd := &cobra.Command{
		Use:   "verify FILE [--did-json FILE]",
		Short: "Check a credential offline: signature, issuer key, dates and Open Badges 3.0 structure",
		Long: `Check an Open Badges 3.0 credential (JSON with a Data Integrity proof, or
a VC-JWT) without the network. A did:key issuer's key is in its id; for a
did:web issuer, pass the did.json it publishes with --did-json (this
council's own is known). Exit status 1 and the reason when it fails.`,
		Args: oneArg("badges verify FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			resolver := badgeissuer.Resolver{Web: map[string]badgeissuer.Document{}}
			own, err := badgeissuer.Load(issuerDir(opts))
			if err == nil {
				resolver = own.Resolver()
			} else {
				own = nil
			}
			for _, path := range didJSON {
				doc, err := readDIDDocument(path)
				if err != nil {
					return err
				}
				resolver.Web[doc.ID] = doc
			}
			data, err := readLimited(args[0], badge.MaxCredentialSize)
			if err != nil {
				return err
			}
			res, err := badge.Verify(data, resolver, time.Now())
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			writeVerified(cmd.OutOrStdout(), res, own)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&didJSON, "did-json", nil, "a did:web issuer's DID document (`FILE`), saved from https://DOMAIN/.well-known/did.json")
	return cmd
}

// readDIDDocument reads a saved did.json.
func readDIDDocument(path string) (badgeissuer.Document, error) {
	data, err := readLimited(path, 1<<20)
	if err != nil {
		return badgeissuer.Document{}, err
	}
	doc, err := badgeissuer.ParseDocument(data)
	if err != nil {
		return badgeissuer.Document{}, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// readLimited reads a file, refusing one larger than limit bytes (one
// byte more is read, so a huge file is never read whole).
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w: the file is larger than %d KiB; a credential is a few KiB", path, badge.ErrNotVerified, limit>>10)
	}
	return data, nil
}

// writeVerified says what a verified credential is.
func writeVerified(w io.Writer, res badge.Result, own *badgeissuer.Issuer) {
	fmt.Fprintln(w, "Verified: the signature is good, the dates are current and the structure is Open Badges 3.0.")
	fmt.Fprintf(w, "Badge:     %s\n", termsafe.Line(res.Achievement))
	fmt.Fprintf(w, "Issued by: %s (%s)\n", termsafe.Line(res.IssuerName), termsafe.Line(res.IssuerID))
	if res.Learner != "" {
		fmt.Fprintf(w, "Learner:   %s\n", termsafe.Line(res.Learner))
	}
	fmt.Fprintf(w, "Earned:    %s\n", res.ValidFrom.Local().Format("2 January 2006"))
	if !res.ValidUntil.IsZero() {
		fmt.Fprintf(w, "Valid to:  %s\n", res.ValidUntil.Local().Format("2 January 2006"))
	}
	fmt.Fprintf(w, "Signed:    %s with %s\n", res.Form, termsafe.Line(res.KeyID))
	if own != nil {
		if k, ok := own.Owns(res.KeyID); ok {
			state := "its current key"
			if !k.Retired.IsZero() {
				state = "a key retired on " + k.Retired.Local().Format("2 January 2006")
			}
			fmt.Fprintf(w, "This is your council's issuer, signed with %s.\n", state)
		}
	}
}
