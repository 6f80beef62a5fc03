package accessible

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// testNow is the fixed clock of every test.
var testNow = time.Date(2026, time.November, 26, 9, 30, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// loadTestPack loads the full-screen interface's test pack, which has a
// question of every type.
func loadTestPack(t testing.TB) *lessons.Pack {
	t.Helper()
	p, err := lessons.Load(os.DirFS("../testdata/pack"))
	if err != nil {
		t.Fatalf("load test pack: %v", err)
	}
	return p
}

// openStore opens a fresh progress file in a temporary folder.
func openStore(t testing.TB) *progress.Store {
	t.Helper()
	s, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), review.StoreOptions())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// run drives a session on the test pack with the lines of script as
// input, and returns all it wrote.
func run(t testing.TB, store *progress.Store, profile string, script ...string) string {
	t.Helper()
	var out strings.Builder
	runTo(t, store, &out, profile, script...)
	return out.String()
}

// runTo drives a session as run does, writing to out.
func runTo(t testing.TB, store *progress.Store, out io.Writer, profile string, script ...string) {
	t.Helper()
	cat, err := catalog.Open(store, loadTestPack(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	in := &echoLines{lines: script, out: out}
	err = Run(context.Background(), Options{Store: store, Catalog: cat, Profile: profile,
		In: in, Out: out, Now: fixedNow, Seed: func() int64 { return 2026 }})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
}

// echoLines is input that gives one line per Read and writes each line,
// after "> ", to out as it is read, as a terminal echoes what is typed:
// the transcript then shows what was typed where it was typed.
type echoLines struct {
	lines []string
	out   io.Writer
}

func (e *echoLines) Read(p []byte) (int, error) {
	if len(e.lines) == 0 {
		return 0, io.EOF
	}
	line := e.lines[0] + "\n"
	if len(line) > len(p) {
		return 0, io.ErrShortBuffer
	}
	e.lines = e.lines[1:]
	io.WriteString(e.out, "> "+line)
	return copy(p, line), nil
}

// readSource reads one of the package's source files.
func readSource(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}
