package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui/server"
)

// shutdownTimeout is how long a stopping server waits for sessions to
// save before cutting them; with closing the file it stays within the 5 s
// a service manager allows.
const shutdownTimeout = 4 * time.Second

// serveOptions are the flags of upskill serve.
type serveOptions struct {
	listen    string
	hostKey   string
	logFormat string
	adminKey  string // --admin-key: the first admin's public key file
	limits    server.Limits
}

func newServeCmd(opts *options) *cobra.Command {
	so := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Upskill over SSH, so staff learn with `ssh -p 2222 HOST`",
		Long: `Serve Upskill over SSH from this machine's progress file. Each person who
connects gets their own Upskill, found by their SSH key; a key the server
does not know is asked for the invite code a trainer gave. Stop it with
SIGTERM or ctrl+c: every session is told, progress is saved, and the file
is closed. See docs/serving.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, opts, so, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&so.listen, "listen", ":2222", "listen on `ADDR` (host:port)")
	f.StringVar(&so.hostKey, "host-key", "", "the server's SSH host key at `PATH`, made on first start (default ssh_host_ed25519 beside the progress file)")
	f.StringVar(&so.adminKey, "admin-key", "", "the first admin's OpenSSH public key `FILE`: enrolled as an admin at start if no learner is one")
	f.StringVar(&so.logFormat, "log-format", "text", "log `FORMAT`: text or json (to standard error)")
	d := server.DefaultLimits
	f.IntVar(&so.limits.MaxSessions, "max-sessions", d.MaxSessions, "most connections open at once")
	f.DurationVar(&so.limits.IdleTimeout, "idle-timeout", d.IdleTimeout, "end a session with no key pressed for this long (warned a minute before)")
	f.IntVar(&so.limits.ConnectsPerMinute, "connects-per-minute", d.ConnectsPerMinute, "connections one address may open in a minute")
	f.IntVar(&so.limits.MaxAuthTries, "max-auth-tries", d.MaxAuthTries, "authentication attempts per connection")
	return cmd
}

// runServe opens the progress file and serves until ctx ends.
func runServe(ctx context.Context, opts *options, so *serveOptions, stderr io.Writer) error {
	logger, err := newLogger(so.logFormat, stderr)
	if err != nil {
		return err
	}
	return withLearningStore(opts, server.StoreOptions(), func(cat *catalog.Catalog) error {
		keyPath := so.hostKey
		if keyPath == "" {
			keyPath = filepath.Join(filepath.Dir(opts.dbPath()), "ssh_host_ed25519")
		}
		hostKey, err := server.LoadOrCreateHostKey(keyPath)
		if err != nil {
			return err
		}
		if err := ensureFirstAdmin(cat.Store(), so.adminKey, logger); err != nil {
			return err
		}
		srv, err := server.New(server.Config{
			Store: cat.Store(), Catalog: cat, Directory: newDirectory(cat.Store()),
			HostKey: hostKey, Logger: logger, Limits: so.limits,
		})
		if err != nil {
			return err
		}
		l, err := net.Listen("tcp", so.listen)
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		unmark, err := writeServingMarker(opts.dbPath(), l.Addr().String())
		if err != nil {
			_ = l.Close()
			return err
		}
		defer unmark()
		served := make(chan error, 1)
		go func() { served <- srv.Serve(l) }()
		select {
		case err := <-served:
			return err
		case <-ctx.Done():
		}
		sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			logger.Error("shutdown", "err", err.Error())
		}
		return <-served
	})
}

// newLogger logs to w as text or JSON.
func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// newDirectory is who may connect: the learners' keys and invites in the
// progress file.
func newDirectory(store *progress.Store) server.Directory { return accounts.Directory{Store: store} }

// ensureFirstAdmin enrols the holder of the key in keyFile as an admin
// when no learner is one (accounts.FirstAdmin), and logs it; no keyFile
// does nothing.
func ensureFirstAdmin(store *progress.Store, keyFile string, logger *slog.Logger) error {
	if keyFile == "" {
		return nil
	}
	key, err := readKeyFile(keyFile)
	if err != nil {
		return fmt.Errorf("--admin-key: %w", err)
	}
	p, made, err := accounts.FirstAdmin(store, key, time.Now())
	if err != nil {
		return err
	}
	if made {
		logger.Info("first admin", "learner", p.ID, "name", p.Name, "key", key.Fingerprint)
	}
	return nil
}
