package trainingreport

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/reportgen"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// browserSetup is what to run when the browser check's tools are missing.
const browserSetup = "install them as .ci/run does: apt-get install -y chromium; " +
	"npm install --prefix $HOME/.cache/upskill-ci playwright-core axe-core (or set NODE_MODULES and CHROMIUM)"

// TestHTMLInRealBrowser opens the HTML report of a generated file in
// headless Chromium (scripts/browsercheck.mjs): no console error, no
// network request, no axe-core violation, every figure of the JSON report
// on the page, reflow at 400% zoom; screenshots at 1280 wide and 400%
// zoom go to $UPSKILL_ARTIFACTS, else the test's temporary folder (the
// log says where). Without Chromium, Node or the node modules it fails,
// saying how to install them: it is never skipped.
func TestHTMLInRealBrowser(t *testing.T) {
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	modules := os.Getenv("NODE_MODULES")
	if modules == "" {
		home, _ := os.UserHomeDir()
		modules = filepath.Join(home, ".cache", "upskill-ci", "node_modules")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("the browser check needs Node.js: %v; %s", err, browserSetup)
	}
	for _, need := range []string{chromium, filepath.Join(modules, "playwright-core"), filepath.Join(modules, "axe-core")} {
		if _, err := os.Stat(need); err != nil {
			t.Fatalf("the browser check needs %s: %v; %s", need, err, browserSetup)
		}
	}

	dir := t.TempDir()
	pack, _, err := reportgen.WritePack(dir, reportgen.Small)
	if err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "upskill.db")
	if err := reportgen.Generate(dbPath, pack, reportgen.Small); err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(dbPath, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(cat, Options{AsOf: reportgen.End, Generated: reportgen.End})
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Overdue == 0 || r.Summary.Compliant == 0 || r.Summary.QuestionsFlagged == 0 {
		t.Fatalf("the generated file should give every kind of figure: %+v", r.Summary)
	}
	out := os.Getenv("UPSKILL_ARTIFACTS")
	if out == "" {
		out = t.TempDir()
	} else if err := os.MkdirAll(out, 0o700); err != nil {
		t.Fatal(err)
	}
	htmlPath, jsonPath := filepath.Join(out, "report.html"), filepath.Join(out, "report.json")
	if err := WriteFile(htmlPath, func(w io.Writer) error { return WriteHTML(w, r) }); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(jsonPath, func(w io.Writer) error { return WriteJSON(w, r) }); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "../../scripts/browsercheck.mjs", htmlPath, jsonPath, out)
	cmd.Env = append(os.Environ(), "NODE_MODULES="+modules, "CHROMIUM="+chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("report and screenshots in %s", out)
	if err != nil {
		t.Fatalf("browser check failed: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	t.Logf("browser check: %s", stdout.String())
}
