package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

// TestImportProgressLines checks that an import that takes longer than
// progressDelay reports each stage on a non-terminal stderr. The delay is
// set to zero so that a small pack counts as slow.
func TestImportProgressLines(t *testing.T) {
	saved := progressDelay
	progressDelay = 0
	t.Cleanup(func() { progressDelay = saved })

	store, err := progress.Open(filepath.Join(t.TempDir(), "u.db"), review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	pack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := &cobra.Command{}
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	if err := importPack(cmd, cat, example, false); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"reading: ", "checking lessons: 2 of 2\n", "saving: "} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("no %q line on stderr:\n%s", want, stderr.String())
		}
	}
	if strings.ContainsAny(stderr.String(), "\r\x1b") {
		t.Errorf("plain progress holds terminal codes: %q", stderr.String())
	}
	if !strings.Contains(stdout.String(), "Imported cyber-basics 1.0.0") {
		t.Errorf("stdout %q", stdout.String())
	}
}
