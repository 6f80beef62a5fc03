package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// The keys commands let a learner look after their own SSH keys:
//
//	ssh HOST keys list [--json]
//	ssh HOST keys code
//	ssh HOST keys remove FINGERPRINT
//
// Every learner may run them, for their own keys only; an admin may add
// --learner NAME to list or remove another learner's keys. No key may be
// removed over the connection it made, and no learner's last key: an
// admin removes a learner with `learners remove`.

// keysCmd is the keys command and its subcommands.
func (c *commandEnv) keysCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "keys", Short: "Your SSH keys: list them, add a computer, remove one", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
	cmd.AddCommand(c.keysListCmd(), c.keysCodeCmd(), c.keysRemoveCmd())
	return cmd
}

// keyOwner is whose keys a keys command is about: the caller, or for an
// admin the learner named with --learner.
func (c *commandEnv) keyOwner(name string) (progress.Profile, error) {
	if c.srv.cfg.Store == nil {
		return progress.Profile{}, errNoStore
	}
	if name == "" {
		return c.caller, nil
	}
	if c.access() != progress.AccessAdmin {
		return progress.Profile{}, fmt.Errorf("keys --learner: %w with %s access; only an admin may look after another learner's keys", ErrCommandNotAllowed, c.access())
	}
	p, err := c.srv.cfg.Store.ProfileByName(name)
	if errors.Is(err, progress.ErrNotFound) {
		return p, fmt.Errorf("no learner is called %q: see learners list: %w", termsafe.Line(name), err)
	}
	return p, err
}

// keyView is one key as the keys list shows it.
type keyView struct {
	Fingerprint string    `json:"fingerprint"`
	Type        string    `json:"type"`
	Label       string    `json:"label,omitempty"`
	Added       time.Time `json:"added"`
	ThisKey     bool      `json:"this_connection"`
}

func (c *commandEnv) keysListCmd() *cobra.Command {
	var asJSON bool
	var learner string
	cmd := &cobra.Command{Use: "list [--json]", Short: "List your keys", Args: exactArgs(0, "keys list [--json]"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := c.keyOwner(learner)
			if err != nil {
				return err
			}
			keys, err := c.srv.cfg.Store.Keys(p.ID)
			if err != nil {
				return err
			}
			views := make([]keyView, len(keys))
			for i, k := range keys {
				views[i] = keyView{Fingerprint: k.Fingerprint, Type: keyType(k.AuthorizedKey), Label: termsafe.Line(k.Label),
					Added: k.Added, ThisKey: k.Fingerprint == c.key}
			}
			c.srv.log.Info("keys list", "learner", c.caller.ID, "key", c.key, "of_learner", p.ID)
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(views)
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "FINGERPRINT\tTYPE\tADDED\tLABEL")
			for _, v := range views {
				label := v.Label
				if v.ThisKey {
					label = strings.TrimSpace(label + " (this connection)")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", v.Fingerprint, v.Type, v.Added.Format("2 January 2006"), label)
			}
			return tw.Flush()
		}}
	cmd.Flags().BoolVar(&asJSON, "json", false, "as JSON")
	cmd.Flags().StringVar(&learner, "learner", "", "another learner's keys (admins only)")
	return cmd
}

// keyType is the key's type, the first word of its authorized_keys line.
func keyType(line string) string {
	typ, _, _ := strings.Cut(line, " ")
	return termsafe.Line(typ)
}

func (c *commandEnv) keysCodeCmd() *cobra.Command {
	return &cobra.Command{Use: "code", Short: "A one-time code to add another computer's key to you", Args: exactArgs(0, "keys code"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if c.srv.cfg.Store == nil {
				return errNoStore
			}
			issued, err := c.srv.issueDeviceCode(c.caller, c.srv.now())
			if err != nil {
				return err
			}
			c.srv.log.Info("device code issued", "learner", c.caller.ID, "key", c.key, "expires", issued.expires.Format(time.RFC3339))
			fmt.Fprintf(cmd.OutOrStdout(), "Your code to add another computer: %s\n"+
				"It works once, until %s (%s). On the new computer, connect to Upskill as you do here,\n"+
				"and type the code when Upskill asks for one: that computer's key is then yours too.\n"+
				"Asking for another code cancels this one. Never give it to anyone else.\n",
				issued.code, issued.expires.Format("15:04 on 2 January 2006"), issued.expires.Format("MST"))
			return nil
		}}
}

func (c *commandEnv) keysRemoveCmd() *cobra.Command {
	var learner string
	cmd := &cobra.Command{Use: "remove FINGERPRINT", Short: "Remove one of your keys (not this connection's, not your last)",
		Args: exactArgs(1, "keys remove FINGERPRINT (as keys list shows it, SHA256:...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := c.keyOwner(learner)
			if err != nil {
				return err
			}
			fp, err := ParseFingerprint(args[0])
			if err != nil {
				return err
			}
			if fp == c.key {
				return errors.New("that is the key of this connection: remove it from another computer of yours")
			}
			if err := c.srv.cfg.Store.RemoveLearnerKey(p.ID, fp); err != nil {
				if errors.Is(err, progress.ErrNotFound) {
					return fmt.Errorf("%s is not one of the keys listed by keys list: %w", fp, progress.ErrNotFound)
				}
				if errors.Is(err, progress.ErrLastKey) {
					return fmt.Errorf("%s: %w", fp, progress.ErrLastKey)
				}
				return err
			}
			c.srv.log.Info("key removed", "learner", p.ID, "removed_key", fp, "by_learner", c.caller.ID, "by_key", c.key)
			fmt.Fprintf(cmd.OutOrStdout(), "Removed key %s: it no longer lets anyone in.\n", fp)
			return nil
		}}
	cmd.Flags().StringVar(&learner, "learner", "", "another learner's key (admins only)")
	return cmd
}

// logEnrolled logs a key bound on the enrolment screen: by an invite, or
// added to a learner with a device code.
func (s *Server) logEnrolled(fingerprint string, learner uint64, device bool) {
	if device {
		s.log.Info("key added", "key", fingerprint, "learner", learner, "by", "device code")
		return
	}
	s.log.Info("enrolled", "key", fingerprint, "learner", learner)
}
