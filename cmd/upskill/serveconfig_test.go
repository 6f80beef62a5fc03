package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/tui/server"
)

const fullConfig = `# every key
listen: "127.0.0.1:2022"
db: /srv/upskill/upskill.db
host_key: /srv/upskill/host_key
log_format: json
time_zone: Europe/London
public_address: learn.example-council.gov.uk:2222
admin_keys:
  - /etc/upskill/admin.pub
  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEb8 it-desk@council
limits:
  max_sessions: 100
  idle_timeout: 20m
  idle_warning: 2m
  connects_per_minute: 10
  max_auth_tries: 3
  handshake_timeout: 15s
  max_width: 300
  max_height: 100
  input_rate: 2048
  input_burst: 8192
  enrol_tries: 4
  takeover_wait: 3s
`

func writeConfig(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "upskill-serve.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestServeConfigParsesEveryKey(t *testing.T) {
	cfg, _, err := loadServeConfig(writeConfig(t, fullConfig, 0o600))
	if err != nil {
		t.Fatal(err)
	}
	so := &serveOptions{}
	cfg.apply(so, func(string) bool { return false })
	if cfg.DB != "/srv/upskill/upskill.db" {
		t.Errorf("db %q", cfg.DB)
	}
	if so.listen != "127.0.0.1:2022" || so.hostKey != "/srv/upskill/host_key" || so.logFormat != "json" ||
		so.timeZone != "Europe/London" || so.publicAddress != "learn.example-council.gov.uk:2222" || len(so.adminKeys) != 2 || !strings.HasPrefix(so.adminKeys[1], "ssh-ed25519 ") {
		t.Errorf("options %+v", so)
	}
	want := server.Limits{MaxSessions: 100, IdleTimeout: 20 * time.Minute, IdleWarning: 2 * time.Minute,
		ConnectsPerMinute: 10, MaxAuthTries: 3, HandshakeTimeout: 15 * time.Second, MaxWidth: 300, MaxHeight: 100,
		InputRate: 2048, InputBurst: 8192, EnrolTries: 4, TakeoverWait: 3 * time.Second}
	if so.limits != want {
		t.Errorf("limits\n %+v\nwant\n %+v", so.limits, want)
	}
}

func TestServeConfigRefusesWithLine(t *testing.T) {
	for name, c := range map[string]struct{ text, want string }{
		"unknown key":       {"listen: :2222\nlisen: :2223\n", ":2: field lisen not found"},
		"unknown limit":     {"limits:\n  max_sessions: 5\n  max_sesions: 6\n", ":3: field max_sesions not found"},
		"bad duration":      {"limits:\n  idle_timeout: 30 minutes\n", ":2: cannot unmarshal"},
		"negative duration": {"limits:\n  idle_timeout: -5m\n", ":2: limits.idle_timeout must be a duration more than 0"},
		"zero limit":        {"limits:\n\n  max_sessions: 0\n", ":3: limits.max_sessions must be more than 0"},
		"not a number":      {"limits:\n  max_sessions: lots\n", ":2: cannot unmarshal"},
		"bad log format":    {"log_format: xml\n", ":1: log_format \"xml\""},
		"bad zone":          {"\ntime_zone: Europe/Lundun\n", ":2: time_zone \"Europe/Lundun\" is not a time zone"},
		"warning too late":  {"limits:\n  idle_timeout: 1m\n  idle_warning: 5m\n", ":3: limits.idle_warning must be shorter"},
		"empty admin key":   {"admin_keys:\n  - a.pub\n  - \"\"\n", ":3: admin_keys has an empty entry"},
		"not YAML":          {"listen: [\n", ":"},
		"bad public port":   {"public_address: learn.example.gov.uk:0\n", ":1: public_address: the port must be a number"},
		"bad public host":   {"\npublic_address: \"learn example\"\n", ":2: public_address: give a host name"},
	} {
		path := writeConfig(t, c.text, 0o600)
		_, _, err := loadServeConfig(path)
		if err == nil || !strings.Contains(err.Error(), path+c.want) {
			t.Errorf("%s: %v, want %q", name, err, path+c.want)
		}
	}
}

// TestServeConfigFlagsOverride: a flag given beats the file, the file
// beats a flag's default, and the file's db beats UPSKILL_DB but not --db.
func TestServeConfigFlagsOverride(t *testing.T) {
	path := writeConfig(t, fullConfig, 0o600)
	so := &serveOptions{config: path, listen: ":9999", logFormat: "text", adminKey: "mine.pub"}
	so.limits.MaxSessions = 7
	opts := &options{db: "/flag/upskill.db"}
	given := map[string]bool{"listen": true, "max-sessions": true, "admin-key": true, "db": true}
	if err := so.settle(opts, func(f string) bool { return given[f] }); err != nil {
		t.Fatal(err)
	}
	if so.listen != ":9999" || so.limits.MaxSessions != 7 || len(so.adminKeys) != 1 || so.adminKeys[0] != "mine.pub" || opts.db != "/flag/upskill.db" {
		t.Errorf("flags given were overridden: %+v, db %q", so, opts.db)
	}
	if so.logFormat != "json" || so.limits.IdleTimeout != 20*time.Minute {
		t.Errorf("the file did not override defaults: %+v", so)
	}
	opts = &options{}
	so = &serveOptions{config: path}
	if err := so.settle(opts, func(string) bool { return false }); err != nil {
		t.Fatal(err)
	}
	t.Setenv("UPSKILL_DB", "/env/upskill.db")
	if opts.dbPath() != "/srv/upskill/upskill.db" {
		t.Errorf("db %q, want the file's over UPSKILL_DB", opts.dbPath())
	}
}

// TestServeConfigExampleIsTrue: docs/upskill-serve.yaml parses, and the
// limits it shows are the defaults, as it says.
func TestServeConfigExampleIsTrue(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "upskill-serve.yaml")
	cfg, _, err := loadServeConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	so := &serveOptions{}
	cfg.apply(so, func(string) bool { return false })
	if so.limits != server.DefaultLimits {
		t.Errorf("the example's limits\n %+v\nare not the defaults\n %+v", so.limits, server.DefaultLimits)
	}
	if so.listen != ":2222" || so.timeZone != "Europe/London" || len(so.adminKeys) != 1 {
		t.Errorf("the example: %+v", so)
	}
}
