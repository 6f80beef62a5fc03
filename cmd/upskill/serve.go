package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
	_ "time/tzdata" // learners' time zones, on servers and Windows without a zone database

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/progress"
	"github.com/upskill-council/upskill/tui/server"
)

// shutdownTimeout is how long a stopping server waits for sessions to
// save before cutting them; with closing the file it stays within the 5 s
// a service manager allows.
const shutdownTimeout = 4 * time.Second

// serveOptions are the flags of upskill serve.
type serveOptions struct {
	config    string // --config: a YAML file of these settings
	listen    string
	hostKey   string
	logFormat string
	timeZone  string // the server's zone, for learners with none of their own
	// publicAddress is what staff type to reach the server (HOST or
	// HOST:PORT), for the commands it shows.
	publicAddress string
	adminKey      string // --admin-key: the first admin's public key file
	// adminKeys are the first admins' keys (paths or authorized_keys
	// lines): --admin-key, or the config's admin_keys.
	adminKeys []string
	limits    server.Limits
	// lrs is the config file's lrs section, if it has one, and
	// configDir the folder of that file.
	lrs       *lrs.FileSettings
	configDir string
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
			if err := so.settle(opts, cmd.Flags().Changed); err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, opts, so, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&so.config, "config", "", "read settings from the YAML file at `PATH` (docs/upskill-serve.yaml); flags given override it")
	f.StringVar(&so.timeZone, "time-zone", "", "the `ZONE` (IANA name, such as Europe/London) learners with no zone of their own count their days in (default: this machine's)")
	f.StringVar(&so.publicAddress, "public-address", "", "what staff type to reach this server, `HOST` or HOST:PORT, shown in the commands it tells people to run (default: the address each connection reached)")
	f.StringVar(&so.listen, "listen", ":2222", "listen on `ADDR` (host:port)")
	f.StringVar(&so.hostKey, "host-key", "", "the server's SSH host key at `PATH`, made on first start (default ssh_host_ed25519 beside the progress file)")
	f.StringVar(&so.adminKey, "admin-key", "", "the first admin's OpenSSH public key `FILE`: enrolled as an admin at start if no learner is one")
	f.StringVar(&so.logFormat, "log-format", "text", "log `FORMAT`: text or json (to standard error)")
	d := server.DefaultLimits
	f.IntVar(&so.limits.MaxSessions, "max-sessions", d.MaxSessions, "most connections open at once")
	f.DurationVar(&so.limits.IdleTimeout, "idle-timeout", d.IdleTimeout, "end a session with no key pressed for this long (warned a minute before)")
	f.IntVar(&so.limits.ConnectsPerMinute, "connects-per-minute", d.ConnectsPerMinute, "connections one address may open in a minute")
	f.IntVar(&so.limits.MaxAuthTries, "max-auth-tries", d.MaxAuthTries, "authentication attempts per connection")
	f.DurationVar(&so.limits.IdleWarning, "idle-warning", d.IdleWarning, "warn a learner this long before an idle session ends")
	f.IntVar(&so.limits.InputRate, "input-rate", d.InputRate, "bytes a second read from one session's keyboard (a paste waits in the client)")
	return cmd
}

// settle applies the config file, if any, under the flags given
// (changed reports those): flags first, then the file, then defaults.
func (so *serveOptions) settle(opts *options, changed func(string) bool) error {
	if so.adminKey != "" {
		so.adminKeys = []string{so.adminKey}
	}
	if so.config == "" {
		return nil
	}
	cfg, _, err := loadServeConfig(so.config)
	if err != nil {
		return err
	}
	cfg.apply(so, changed)
	so.lrs, so.configDir = cfg.LRS, filepath.Dir(so.config)
	if cfg.DB != "" && !changed("db") {
		opts.db = cfg.DB
	}
	return nil
}

// runServe opens the progress file and serves until ctx ends.
func runServe(ctx context.Context, opts *options, so *serveOptions, stderr io.Writer) error {
	logger, err := newLogger(so.logFormat, stderr)
	if err != nil {
		return err
	}
	if err := checkPublicAddress(so.publicAddress); err != nil {
		return fmt.Errorf("--public-address: %w", err)
	}
	var zone *time.Location
	if so.timeZone != "" {
		if zone, err = progress.LoadTimeZone(so.timeZone); err != nil {
			return fmt.Errorf("--time-zone: %w", err)
		}
	}
	return withLearningStoreFrom(opts, server.StoreOptions(), lrsSetup{load: so.lrsSettings, logger: logger}, func(cat *catalog.Catalog) error {
		keyPath := so.hostKey
		if keyPath == "" {
			keyPath = filepath.Join(filepath.Dir(opts.dbPath()), "ssh_host_ed25519")
		}
		hostKey, err := server.LoadOrCreateHostKey(keyPath)
		if err != nil {
			return err
		}
		if err := ensureFirstAdmins(cat.Store(), so.adminKeys, logger); err != nil {
			return err
		}
		srv, err := server.New(server.Config{
			Store: cat.Store(), Catalog: cat, Directory: newDirectory(cat.Store()),
			HostKey: hostKey, Logger: logger, Limits: so.limits, TimeZone: zone, PublicAddress: so.publicAddress,
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

// lrsSettings are the LRS settings of the config file's lrs section under
// the environment, or, when it has none, those of $XDG_CONFIG_HOME/upskill.
func (so *serveOptions) lrsSettings() (lrs.Settings, bool, error) {
	if so.lrs == nil {
		return loadLRSSettings()
	}
	return lrs.Resolve(*so.lrs, so.configDir, so.config+" (lrs section)", os.Getenv)
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

// ensureFirstAdmins enrols the holders of keys (paths of public key
// files, or authorized_keys lines) as admins when no learner is one
// (accounts.FirstAdmins), and logs it; no keys does nothing.
func ensureFirstAdmins(store *progress.Store, entries []string, logger *slog.Logger) error {
	if len(entries) == 0 {
		return nil
	}
	keys := make([]accounts.PublicKey, 0, len(entries))
	for _, e := range entries {
		key, err := readAdminKey(e)
		if err != nil {
			return fmt.Errorf("admin key: %w", err)
		}
		keys = append(keys, key)
	}
	made, err := accounts.FirstAdmins(store, keys, time.Now())
	for _, p := range made {
		logger.Info("first admin", "learner", p.ID, "name", p.Name)
	}
	return err
}
