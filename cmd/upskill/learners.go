package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// The learners commands are thin wiring: the work, and every check, is in
// internal/accounts, which the SSH server runs too. On the local file the
// command line acts as an admin: whoever can write the file can do
// anything with it.
const localAccess = progress.AccessAdmin

func newLearnersCmd(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "learners",
		Short: "Invite, enrol, list and remove learners, and set their role, team and access",
		Long: `Manage who may use Upskill when it is served over SSH. Each learner has a
learning role (staff, graduate or manager: the path they follow), a team,
an access level (learner, trainer, manager or admin) and one or more SSH
keys. A learner is enrolled with a one-time invite code that they type
when they first connect, or directly with their public key file.`,
	}
	cmd.AddCommand(newLearnersInviteCmd(opts), newLearnersAddCmd(opts), newLearnersImportCmd(opts),
		newLearnersListCmd(opts), newLearnersRemoveCmd(opts), newLearnersSetCmd(opts, "set-role", "ROLE"),
		newLearnersSetCmd(opts, "set-access", "LEVEL"), newLearnersSetCmd(opts, "set-team", "TEAM"))
	return cmd
}

// withStore opens the progress file for fn, and closes it after.
func withStore(opts *options, fn func(*progress.Store) error) error {
	store, err := progress.Open(opts.dbPath(), review.StoreOptions())
	if err != nil {
		return err
	}
	err = fn(store)
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	return err
}

// enrolFlags are the details given when enrolling a learner.
type enrolFlags struct{ role, team, access string }

func (f *enrolFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.role, "role", "", "learning `ROLE`: staff (council staff), graduate, or manager (managers and leaders)")
	cmd.Flags().StringVar(&f.team, "team", "", "the learner's `TEAM`, for managers' reports")
	cmd.Flags().StringVar(&f.access, "access", "learner", "access `LEVEL`: learner, trainer, manager or admin")
	cmd.MarkFlagRequired("role")
}

func (f *enrolFlags) enrolment(name string) (accounts.Enrolment, error) {
	return accounts.NewEnrolment(name, f.role, f.team, f.access)
}

func newLearnersInviteCmd(opts *options) *cobra.Command {
	var f enrolFlags
	cmd := &cobra.Command{
		Use:   "invite NAME --role ROLE [--team TEAM] [--access LEVEL]",
		Short: "Make a one-time invite code for a learner (shown once; it expires after 14 days)",
		Args:  oneArg("learners invite NAME --role ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := f.enrolment(args[0])
			if err != nil {
				return err
			}
			return withStore(opts, func(s *progress.Store) error {
				issued, err := accounts.Invite(s, localAccess, e, time.Now())
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), issued.Text())
				return nil
			})
		},
	}
	f.add(cmd)
	return cmd
}

func newLearnersAddCmd(opts *options) *cobra.Command {
	var f enrolFlags
	var keyFile string
	cmd := &cobra.Command{
		Use:   "add NAME --role ROLE [--team TEAM] [--access LEVEL] --key FILE",
		Short: "Enrol a learner with their SSH public key file (the .pub file)",
		Args:  oneArg("learners add NAME --role ROLE --key FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := f.enrolment(args[0])
			if err != nil {
				return err
			}
			key, err := readKeyFile(keyFile)
			if err != nil {
				return err
			}
			return withStore(opts, func(s *progress.Store) error {
				p, err := accounts.Add(s, localAccess, e, key, time.Now())
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Enrolled %s (%s, %s access) with key %s.\n", p.Name, p.Role, p.Access, key.Fingerprint)
				return nil
			})
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&keyFile, "key", "", "the learner's public key `FILE`, for example id_ed25519.pub")
	cmd.MarkFlagRequired("key")
	return cmd
}

// readKeyFile reads and checks a public key file.
func readKeyFile(path string) (accounts.PublicKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("read the key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("read the key %s: %w", path, err)
	}
	key, err := accounts.ParseKey(data)
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}

func newLearnersImportCmd(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Enrol learners from a staff list (CSV: name, role, team, email, key, access)",
		Long: `Enrol every learner of a staff list saved as CSV (Excel's "CSV UTF-8" is
fine). The first row names the columns: name and role are required; team,
email, key (an authorized_keys line) and access are optional. A row with a
key enrols that key; a row without one gets an invite code, printed with
the learner's email so that it can be sent to them. Every row is checked
first: if any is bad, each bad row is reported with its line number and
nothing is changed. Use - to read standard input.`,
		Args: oneArg("learners import FILE.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := cmd.InOrStdin()
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return fmt.Errorf("read the staff list: %w", err)
				}
				defer f.Close()
				in = f
			}
			return withStore(opts, func(s *progress.Store) error {
				r, err := accounts.Import(s, localAccess, in, time.Now())
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), r.Text())
				return nil
			})
		},
	}
}

func newLearnersListCmd(opts *options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List learners: name, role, team, access, keys and last active day",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
			var list []accounts.Learner
			// Listing never creates a progress file.
			if _, err := os.Stat(opts.dbPath()); !errors.Is(err, fs.ErrNotExist) {
				err := withStore(opts, func(s *progress.Store) error {
					var err error
					list, err = accounts.List(s, localAccess)
					return err
				})
				if err != nil {
					return err
				}
			}
			if asJSON {
				if list == nil {
					list = []accounts.Learner{}
				}
				return writeJSON(out, list)
			}
			return accounts.WriteList(out, list)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	return cmd
}

func newLearnersRemoveCmd(opts *options) *cobra.Command {
	var purge, yes bool
	cmd := &cobra.Command{
		Use:   "remove NAME [--purge-progress] [--yes]",
		Short: "Take a learner's keys and access away; their progress is kept unless --purge-progress",
		Args:  oneArg("learners remove NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withStore(opts, func(s *progress.Store) error {
				p, err := s.ProfileByName(args[0])
				if errors.Is(err, progress.ErrNotFound) {
					return fmt.Errorf("no learner is called %q: see upskill learners list", args[0])
				} else if err != nil {
					return err
				}
				if !yes {
					q := fmt.Sprintf("Remove %s's keys and access? Their progress is kept. [y/N] ", p.Name)
					if purge {
						q = fmt.Sprintf("Remove %s and delete all their progress? This cannot be undone. [y/N] ", p.Name)
					}
					if err := confirm(cmd, q, "removing a learner needs confirming: add --yes when not at a terminal"); err != nil {
						return err
					}
				}
				r, err := accounts.Remove(s, localAccess, p.Name, purge)
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), r.Text())
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&purge, "purge-progress", false, "also delete the learner's profile and all their progress")
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask first (for scripts)")
	return cmd
}

// newLearnersSetCmd makes set-role, set-access and set-team.
func newLearnersSetCmd(opts *options, name, value string) *cobra.Command {
	set := map[string]func(accounts.Store, progress.Access, string, string) (progress.Profile, error){
		"set-role": accounts.SetRole, "set-access": accounts.SetAccess, "set-team": accounts.SetTeam,
	}[name]
	what := strings.TrimPrefix(name, "set-")
	return &cobra.Command{
		Use:   name + " NAME " + value,
		Short: "Change a learner's " + what,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("usage: upskill learners %s NAME %s", name, value)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return withStore(opts, func(s *progress.Store) error {
				p, err := set(s, localAccess, args[0], args[1])
				if err != nil {
					return err
				}
				team := p.Team
				if team == "" {
					team = "no team"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: role %s, team %s, %s access.\n", p.Name, p.Role, team, p.Access)
				return nil
			})
		},
	}
}
