package server

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"
	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// ErrCommandNotAllowed is what a command returns when the caller's access
// level does not allow it.
var ErrCommandNotAllowed = errors.New("not allowed")

// commands runs a command given on the ssh command line (`ssh HOST
// learners list`) for an enrolled key, and passes a session without one
// to the learner's UI. A key the server does not know cannot run
// commands: it only reaches the enrolment screen.
func (s *Server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		argv := sess.Command()
		if len(argv) == 0 {
			next(sess)
			return
		}
		id, err := sessionIdentity(sess)
		if err != nil || id.learner == nil {
			s.log.Info("refused", "remote", sess.RemoteAddr().String(), "key", id.fingerprint, "reason", "command from a key not enrolled")
			fmt.Fprintln(sess.Stderr(), "upskill: not allowed: this key is not enrolled. Connect without a command and type your invite code first.")
			_ = sess.Exit(1)
			return
		}
		caller := *id.learner
		s.log.Info("command", "remote", sess.RemoteAddr().String(), "key", id.fingerprint, "learner", caller.ID,
			"access", orLearner(caller.Access), "command", commandName(argv))
		code := s.runCommandFor(caller, id.fingerprint, argv, sess, sess, sess.Stderr())
		if code != 0 {
			s.log.Info("command failed", "learner", caller.ID, "command", commandName(argv))
		}
		_ = sess.Exit(code)
	}
}

// runCommand runs one command line for caller, reading in and writing
// out and errw, and returns the exit status: 0, or 1 with the reason on
// errw.
func (s *Server) runCommand(caller progress.Profile, argv []string, in io.Reader, out, errw io.Writer) int {
	return s.runCommandFor(caller, "", argv, in, out, errw)
}

// runCommandFor is runCommand for a caller connected with the key of
// fingerprint key (the keys commands never remove it).
func (s *Server) runCommandFor(caller progress.Profile, key string, argv []string, in io.Reader, out, errw io.Writer) int {
	root := s.commandTree(caller, key)
	root.SetArgs(argv)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errw)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(errw, "upskill: %s\n", termsafe.Line(err.Error()))
		return 1
	}
	return 0
}

// commandName is the command's first two words, for the log: never its
// arguments, which may be names.
func commandName(argv []string) string {
	n := min(len(argv), 2)
	words := make([]string, 0, n)
	for _, w := range argv[:n] {
		if strings.HasPrefix(w, "-") {
			break
		}
		words = append(words, termsafe.Line(w))
	}
	return strings.Join(words, " ")
}

// commandTree builds a fresh command tree for one session's caller.
func (s *Server) commandTree(caller progress.Profile, key string) *cobra.Command {
	root := &cobra.Command{
		Use:           "ssh HOST",
		Short:         "Upskill's admin and trainer commands over SSH",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	c := &commandEnv{srv: s, caller: caller, key: key}
	root.AddCommand(c.learnersCmd(), c.packCmd(), c.progressCmd(), c.backupCmd(), c.keysCmd(), c.reportCmd(), c.badgesCmd())
	return root
}

// commandEnv is what every command of one session sees: the server, who
// is calling, and with which key.
type commandEnv struct {
	srv    *Server
	caller progress.Profile
	key    string // the fingerprint of the caller's key on this connection
}

// access is the caller's access level; none recorded is a learner's.
func (c *commandEnv) access() progress.Access { return orLearner(c.caller.Access) }

// require refuses the command what unless the caller has one of levels.
func (c *commandEnv) require(what string, levels ...progress.Access) error {
	for _, l := range levels {
		if c.access() == l {
			return nil
		}
	}
	return fmt.Errorf("%s: %w with %s access; ask an admin", what, ErrCommandNotAllowed, c.access())
}

func orLearner(a progress.Access) progress.Access {
	if a == "" {
		return progress.AccessLearner
	}
	return a
}

// exactArgs is cobra.ExactArgs with the usage in the message.
func exactArgs(n int, usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("usage: ssh HOST %s", usage)
		}
		return nil
	}
}
