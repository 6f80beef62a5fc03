package server

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/progress"
)

// maxKeyBytes bounds a public key read from standard input.
const maxKeyBytes = 64 << 10

// maxStaffListBytes bounds a staff list read from standard input.
const maxStaffListBytes = 8 << 20

// learnersCmd is `learners list|invite|add|import|remove|set-role|
// set-access|set-team`: thin wiring over internal/accounts, which checks
// the caller's access, as the local command line is.
func (c *commandEnv) learnersCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "learners", Short: "Invite, enrol, list and remove learners; set their role, team and access"}
	cmd.AddCommand(c.learnersList(), c.learnersInvite(), c.learnersAdd(), c.learnersImport(), c.learnersRemove(),
		c.learnersSet("set-role", "ROLE", accounts.OpSetRole, accounts.SetRole),
		c.learnersSet("set-access", "LEVEL", accounts.OpSetAccess, accounts.SetAccess),
		c.learnersSet("set-team", "TEAM", accounts.OpSetTeam, accounts.SetTeam))
	return cmd
}

func (c *commandEnv) learnersList() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use: "list [--json]", Short: "List learners", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			list, err := accounts.List(c.srv.cfg.Store, c.access())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), list)
			}
			return accounts.WriteList(cmd.OutOrStdout(), list)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	return cmd
}

// enrolFlags are the details given when enrolling a learner.
type enrolFlags struct{ role, team, access string }

func (f *enrolFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.role, "role", "", "learning `ROLE`: staff, graduate or manager")
	cmd.Flags().StringVar(&f.team, "team", "", "the learner's `TEAM`")
	cmd.Flags().StringVar(&f.access, "access", "learner", "access `LEVEL`: learner, trainer, manager or admin")
	_ = cmd.MarkFlagRequired("role")
}

func (c *commandEnv) learnersInvite() *cobra.Command {
	var f enrolFlags
	cmd := &cobra.Command{
		Use: "invite NAME --role ROLE [--team TEAM] [--access LEVEL]", Short: "Make a one-time invite code",
		Args: exactArgs(1, "learners invite NAME --role ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := accounts.NewEnrolment(args[0], f.role, f.team, f.access)
			if err != nil {
				return err
			}
			issued, err := accounts.Invite(c.srv.cfg.Store, c.access(), e, c.srv.now())
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), issued.Text())
			return nil
		},
	}
	f.add(cmd)
	return cmd
}

func (c *commandEnv) learnersAdd() *cobra.Command {
	var f enrolFlags
	cmd := &cobra.Command{
		Use:   "add NAME --role ROLE [--team TEAM] [--access LEVEL] < KEY.pub",
		Short: "Enrol a learner with the public key given on standard input",
		Args:  exactArgs(1, "learners add NAME --role ROLE < KEY.pub"),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := accounts.NewEnrolment(args[0], f.role, f.team, f.access)
			if err != nil {
				return err
			}
			// Refuse before reading anything the caller sends.
			if err := accounts.Allowed(c.access(), accounts.OpAdd, e.Access); err != nil {
				return err
			}
			data, err := readLimited(cmd.InOrStdin(), maxKeyBytes, "the public key")
			if err != nil {
				return err
			}
			key, err := accounts.ParseKey(data)
			if err != nil {
				return fmt.Errorf("the key on standard input: %w", err)
			}
			p, err := accounts.Add(c.srv.cfg.Store, c.access(), e, key, c.srv.now())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Enrolled %s (%s, %s access) with key %s.\n", p.Name, p.Role, p.Access, key.Fingerprint)
			return nil
		},
	}
	f.add(cmd)
	return cmd
}

func (c *commandEnv) learnersImport() *cobra.Command {
	return &cobra.Command{
		Use: "import - < STAFF.csv", Short: "Enrol learners from a staff list on standard input",
		Args: exactArgs(1, "learners import - < STAFF.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] != "-" {
				return fmt.Errorf("over SSH the staff list comes on standard input: ssh HOST learners import - < staff.csv")
			}
			if err := accounts.Allowed(c.access(), accounts.OpImport, ""); err != nil {
				return err
			}
			data, err := readLimited(cmd.InOrStdin(), maxStaffListBytes, "the staff list")
			if err != nil {
				return err
			}
			r, err := accounts.Import(c.srv.cfg.Store, c.access(), strings.NewReader(string(data)), c.srv.now())
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), r.Text())
			return nil
		},
	}
}

func (c *commandEnv) learnersRemove() *cobra.Command {
	var purge, yes bool
	cmd := &cobra.Command{
		Use: "remove NAME --yes [--purge-progress]", Short: "Take a learner's keys and access away",
		Args: exactArgs(1, "learners remove NAME --yes"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := accounts.Allowed(c.access(), accounts.OpRemove, ""); err != nil {
				return err
			}
			if !yes {
				return fmt.Errorf("removing a learner needs confirming: add --yes")
			}
			r, err := accounts.Remove(c.srv.cfg.Store, c.access(), args[0], purge)
			if err != nil {
				return err
			}
			fmt.Fprint(cmd.OutOrStdout(), r.Text())
			return nil
		},
	}
	cmd.Flags().BoolVar(&purge, "purge-progress", false, "also delete the learner's profile and all their progress")
	cmd.Flags().BoolVar(&yes, "yes", false, "confirm")
	return cmd
}

// setter is accounts.SetRole, SetAccess or SetTeam.
type setter func(accounts.Store, progress.Access, string, string) (progress.Profile, error)

func (c *commandEnv) learnersSet(name, value string, op accounts.Op, set setter) *cobra.Command {
	return &cobra.Command{
		Use: name + " NAME " + value, Short: "Change a learner's " + strings.TrimPrefix(name, "set-"),
		Args: exactArgs(2, "learners "+name+" NAME "+value),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := accounts.Allowed(c.access(), op, ""); err != nil {
				return err
			}
			p, err := set(c.srv.cfg.Store, c.access(), args[0], args[1])
			if err != nil {
				return err
			}
			team := p.Team
			if team == "" {
				team = "no team"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: role %s, team %s, %s access.\n", p.Name, p.Role, team, p.Access)
			return nil
		},
	}
}

// readLimited reads all of r, refusing more than limit bytes.
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", what, limit)
	}
	return data, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
