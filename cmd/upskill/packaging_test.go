package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/tui/server"
)

// TestPackagedServeConfig: the /etc/upskill/upskill-serve.yaml the .deb
// and .rpm install (packaging/upskill-serve.yaml) parses, keeps its state
// in /var/lib/upskill (the unit's StateDirectory=, the only folder the
// service may write), names the admin key IT is told to put in
// /etc/upskill, and leaves the limits at their defaults.
func TestPackagedServeConfig(t *testing.T) {
	cfg, _, err := loadServeConfig(filepath.Join("..", "..", "packaging", "upskill-serve.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	so := &serveOptions{}
	cfg.apply(so, func(string) bool { return false })
	for what, path := range map[string]string{"db": cfg.DB, "host_key": cfg.HostKey} {
		if !strings.HasPrefix(path, "/var/lib/upskill/") {
			t.Errorf("%s is %q, outside /var/lib/upskill, where the service cannot write", what, path)
		}
	}
	if len(so.adminKeys) != 1 || so.adminKeys[0] != "/etc/upskill/admin.pub" {
		t.Errorf("admin keys %q, want /etc/upskill/admin.pub (README, Installing Upskill)", so.adminKeys)
	}
	if cfg.PublicAddress != "" {
		t.Errorf("public_address %q: the package cannot know the council's address; leave it commented out", cfg.PublicAddress)
	}
	if so.limits != server.DefaultLimits {
		t.Errorf("the packaged limits\n %+v\nare not the defaults\n %+v", so.limits, server.DefaultLimits)
	}
}
