// Package learnerscmd defines the "learners" commands once, for both
// places they run: the command line on a local progress file (upskill
// learners ...) and an admin's SSH session on the server's file (ssh HOST
// learners ...). The work and every check are in internal/accounts; this
// package is the wiring of flags, arguments and inputs, which differ only
// in where inputs come from (files locally, standard input over SSH) and
// whether a question can be asked (never over SSH).
package learnerscmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/progress"
)

// Limits on what is read from standard input or a file.
const (
	maxKeyBytes       = 64 << 10
	maxStaffListBytes = 16 << 20
)

// Env is where the learners commands act and read their inputs.
type Env struct {
	// WithStore runs fn with the progress file: opened for the command
	// locally, the server's over SSH.
	WithStore func(fn func(accounts.Store) error) error
	// Exists reports whether there is a progress file, so that listing
	// never makes one; nil means there is.
	Exists func() bool
	// Access is the caller's access level: the local command line acts as
	// an admin (whoever can write the file can do anything with it).
	Access progress.Access
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Remote is true over SSH: public keys and staff lists come on
	// standard input (never a path on the server), and removing needs
	// --yes, since nothing can be asked.
	Remote bool
	// Confirm asks a yes/no question; it returns an error unless the
	// answer is yes. Nil means questions cannot be asked: --yes is needed.
	Confirm func(cmd *cobra.Command, question string) error
	// Usage is what usage messages start with: "upskill" or "ssh HOST".
	Usage string
}

func (e Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// New builds the learners command and its subcommands.
func New(env Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "learners",
		Short: "Invite, enrol, list and remove learners; set their role, team, manager, time zone and access",
		Long: `Manage who may use Upskill when it is served over SSH. Each learner has a
learning role (staff, graduate or manager: the path they follow), a team,
optionally a manager (another learner), a time zone (their days and
streaks count in it; the server's by default), an access level (learner,
trainer, manager or admin) and one or more SSH keys. A learner is enrolled
with a one-time invite code that they type when they first connect, or
directly with their public key.`,
	}
	cmd.AddCommand(env.invite(), env.add(), env.importCmd(), env.list(), env.remove(),
		env.set("set-role", "ROLE", "learning role (staff, graduate or manager)", accounts.OpSetRole, accounts.SetRole),
		env.set("set-access", "LEVEL", "access level (learner, trainer, manager or admin)", accounts.OpSetAccess, accounts.SetAccess),
		env.set("set-team", "TEAM", "team", accounts.OpSetTeam, accounts.SetTeam),
		env.set("set-timezone", "ZONE", "time zone: an IANA name such as Europe/London, or - for the server's", accounts.OpSetTimeZone, accounts.SetTimeZone),
		env.set("set-manager", "MANAGER", "manager: another learner's name, or - for none", accounts.OpSetManager, accounts.SetManager))
	return cmd
}

// args checks the number of arguments, giving the usage when it is wrong.
func (e Env) args(n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("usage: %s learners %s", e.Usage, usage)
		}
		return nil
	}
}

// enrolFlags are the details given when enrolling a learner.
type enrolFlags struct{ role, team, access, zone string }

func (f *enrolFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.role, "role", "", "learning `ROLE`: staff (council staff), graduate, or manager (managers and leaders)")
	cmd.Flags().StringVar(&f.team, "team", "", "the learner's `TEAM`, for managers' reports")
	cmd.Flags().StringVar(&f.access, "access", "learner", "access `LEVEL`: learner, trainer, manager or admin")
	cmd.Flags().StringVar(&f.zone, "timezone", "", "the learner's time `ZONE`, an IANA name such as Europe/London (default: the server's)")
	_ = cmd.MarkFlagRequired("role")
}

func (f *enrolFlags) enrolment(name string) (accounts.Enrolment, error) {
	e, err := accounts.NewEnrolment(name, f.role, f.team, f.access)
	if err != nil {
		return e, err
	}
	return e, e.SetTimeZone(f.zone)
}

func (e Env) invite() *cobra.Command {
	var f enrolFlags
	cmd := &cobra.Command{
		Use:   "invite NAME --role ROLE [--team TEAM] [--access LEVEL] [--timezone ZONE]",
		Short: "Make a one-time invite code for a learner (shown once; it expires after 14 days)",
		Args:  e.args(1, "invite NAME --role ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			en, err := f.enrolment(args[0])
			if err != nil {
				return err
			}
			return e.WithStore(func(s accounts.Store) error {
				issued, err := accounts.Invite(s, e.Access, en, e.now())
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

func (e Env) add() *cobra.Command {
	var f enrolFlags
	var keyFile string
	use, short, usage := "add NAME --role ROLE [--team TEAM] [--access LEVEL] [--timezone ZONE] --key FILE",
		"Enrol a learner with their SSH public key file (the .pub file)", "add NAME --role ROLE --key FILE"
	if e.Remote {
		use, short, usage = "add NAME --role ROLE [--team TEAM] [--access LEVEL] [--timezone ZONE] < KEY.pub",
			"Enrol a learner with the public key given on standard input", "add NAME --role ROLE < KEY.pub"
	}
	cmd := &cobra.Command{
		Use: use, Short: short, Args: e.args(1, usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			en, err := f.enrolment(args[0])
			if err != nil {
				return err
			}
			// Refuse before reading anything the caller sends.
			if err := accounts.Allowed(e.Access, accounts.OpAdd, en.Access); err != nil {
				return err
			}
			key, err := e.readKey(cmd, keyFile)
			if err != nil {
				return err
			}
			return e.WithStore(func(s accounts.Store) error {
				p, err := accounts.Add(s, e.Access, en, key, e.now())
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Enrolled %s (%s, %s access) with key %s.\n", p.Name, p.Role, p.Access, key.Fingerprint)
				return nil
			})
		},
	}
	f.add(cmd)
	if !e.Remote {
		cmd.Flags().StringVar(&keyFile, "key", "", "the learner's public key `FILE`, for example id_ed25519.pub")
		_ = cmd.MarkFlagRequired("key")
	}
	return cmd
}

// readKey reads and checks a public key: from path locally, from standard
// input over SSH.
func (e Env) readKey(cmd *cobra.Command, path string) (accounts.PublicKey, error) {
	if e.Remote {
		data, err := readLimited(cmd.InOrStdin(), maxKeyBytes, "the public key")
		if err != nil {
			return accounts.PublicKey{}, err
		}
		key, err := accounts.ParseKey(data)
		if err != nil {
			return key, fmt.Errorf("the key on standard input: %w", err)
		}
		return key, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("read the key: %w", err)
	}
	defer f.Close()
	data, err := readLimited(f, maxKeyBytes, "the key "+path)
	if err != nil {
		return accounts.PublicKey{}, err
	}
	key, err := accounts.ParseKey(data)
	if err != nil {
		return key, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}

func (e Env) importCmd() *cobra.Command {
	use, usage := "import FILE.csv", "import FILE.csv"
	if e.Remote {
		use, usage = "import - < STAFF.csv", "import - < STAFF.csv"
	}
	return &cobra.Command{
		Use:   use,
		Short: "Enrol learners from a staff list (CSV: name, role, team, email, key, access, timezone, manager)",
		Long: `Enrol every learner of a staff list saved as CSV (Excel's "CSV UTF-8" is
fine). The first row names the columns: name and role are required; team,
email, key (an authorized_keys line), access, timezone (an IANA name such
as Europe/London) and manager (another learner's name, on the list or
enrolled already) are optional. A row with a key enrols that key; a row
without one gets an invite code, printed with the learner's email so that
it can be sent to them. Every row is checked first: if any is bad, each
bad row is reported with its line number and nothing is changed; then
the whole list is enrolled at once, all or nothing. Use - to read
standard input (over SSH, the only way).`,
		Args: e.args(1, usage),
		RunE: func(cmd *cobra.Command, args []string) error {
			if e.Remote && args[0] != "-" {
				return fmt.Errorf("over SSH the staff list comes on standard input: %s learners import - < staff.csv", e.Usage)
			}
			if err := accounts.Allowed(e.Access, accounts.OpImport, ""); err != nil {
				return err
			}
			in := cmd.InOrStdin()
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return fmt.Errorf("read the staff list: %w", err)
				}
				defer f.Close()
				in = f
			}
			data, err := readLimited(in, maxStaffListBytes, "the staff list")
			if err != nil {
				return err
			}
			return e.WithStore(func(s accounts.Store) error {
				r, err := accounts.Import(s, e.Access, strings.NewReader(string(data)), e.now())
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), r.Text())
				return nil
			})
		},
	}
}

func (e Env) list() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "List learners: name, role, team, manager, access, time zone, keys and last active day",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var list []accounts.Learner
			if e.Exists == nil || e.Exists() {
				err := e.WithStore(func(s accounts.Store) error {
					var err error
					list, err = accounts.List(s, e.Access)
					return err
				})
				if err != nil {
					return err
				}
			} else if err := accounts.Allowed(e.Access, accounts.OpList, ""); err != nil {
				return err
			}
			if asJSON {
				if list == nil {
					list = []accounts.Learner{}
				}
				return writeJSON(cmd.OutOrStdout(), list)
			}
			return accounts.WriteList(cmd.OutOrStdout(), list)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	return cmd
}

func (e Env) remove() *cobra.Command {
	var purge, yes bool
	cmd := &cobra.Command{
		Use:   "remove NAME [--purge-progress] [--yes]",
		Short: "Take a learner's keys and access away; their progress is kept unless --purge-progress",
		Args:  e.args(1, "remove NAME --yes"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := accounts.Allowed(e.Access, accounts.OpRemove, ""); err != nil {
				return err
			}
			if !yes && e.Confirm == nil {
				return errors.New("removing a learner needs confirming: add --yes")
			}
			return e.WithStore(func(s accounts.Store) error {
				if !yes {
					p, err := s.ProfileByName(args[0])
					if errors.Is(err, progress.ErrNotFound) {
						return fmt.Errorf("no learner is called %q: see %s learners list", args[0], e.Usage)
					} else if err != nil {
						return err
					}
					q := fmt.Sprintf("Remove %s's keys and access? Their progress is kept. [y/N] ", p.Name)
					if purge {
						q = fmt.Sprintf("Remove %s and delete all their progress? This cannot be undone. [y/N] ", p.Name)
					}
					if err := e.Confirm(cmd, q); err != nil {
						return err
					}
				}
				r, err := accounts.Remove(s, e.Access, args[0], purge)
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), r.Text())
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&purge, "purge-progress", false, "also delete the learner's profile and all their progress")
	cmd.Flags().BoolVar(&yes, "yes", false, "do not ask first (needed over SSH and in scripts)")
	return cmd
}

// setter is accounts.SetRole, SetAccess, SetTeam, SetTimeZone or SetManager.
type setter func(accounts.Store, progress.Access, string, string) (progress.Profile, error)

// set makes set-role, set-access, set-team, set-timezone and set-manager.
func (e Env) set(name, value, what string, op accounts.Op, set setter) *cobra.Command {
	return &cobra.Command{
		Use:   name + " NAME " + value,
		Short: "Change a learner's " + what,
		Args:  e.args(2, name+" NAME "+value),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := accounts.Allowed(e.Access, op, ""); err != nil {
				return err
			}
			return e.WithStore(func(s accounts.Store) error {
				p, err := set(s, e.Access, args[0], args[1])
				if err != nil {
					return err
				}
				fmt.Fprint(cmd.OutOrStdout(), accounts.Describe(s, p))
				return nil
			})
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
