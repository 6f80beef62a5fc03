package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnknownThemeIsRefused: a theme Upskill does not have, by flag or by
// environment, is an error that lists the themes, and no file is made.
func TestUnknownThemeIsRefused(t *testing.T) {
	for _, c := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"--theme", "solarized"}},
		{[]string{"UPSKILL_THEME=solarized"}, nil},
		{nil, []string{"pack", "preview", "--theme", "solarized", "."}},
	} {
		db := filepath.Join(t.TempDir(), "u.db")
		r := upskill(t, append(c.env, "UPSKILL_DB="+db), c.args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "upskill: ") || !strings.Contains(r.stderr, `unknown theme "solarized"`) || !strings.Contains(r.stderr, "high-contrast") {
			t.Errorf("%v %v: exit %d, stderr %q", c.env, c.args, r.code, r.stderr)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("%v %v made a progress file", c.env, c.args)
		}
	}
}
