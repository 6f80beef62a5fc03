package trainingreport

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/reportgen"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// councilCatalog opens the generated council file (5,000 learners in 50
// teams, two years over 40 lessons and 250 questions), made once and
// cached under os.UserCacheDir.
func councilCatalog(b *testing.B) *catalog.Catalog {
	b.Helper()
	start := time.Now()
	dbPath, packDir, err := reportgen.Cached("", reportgen.Council)
	if err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("generated %s in %v", dbPath, d.Round(time.Second))
	}
	pack, err := lessons.Load(os.DirFS(packDir))
	if err != nil {
		b.Fatal(err)
	}
	store, err := progress.Open(dbPath, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// benchReport builds the report opts ask for and writes it with write,
// b.N times.
func benchReport(b *testing.B, opts Options, write func(io.Writer, *Report) error) {
	cat := councilCatalog(b)
	opts.AsOf = reportgen.End
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := Build(cat, opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportHTML: the full HTML report of every learner (target
// 2 s, 300 MB).
func BenchmarkReportHTML(b *testing.B) { benchReport(b, Options{}, WriteHTML) }

// BenchmarkReportCSV: the learners' CSV of everyone (target 1 s).
func BenchmarkReportCSV(b *testing.B) { benchReport(b, Options{NoQuestions: true}, WriteLearnersCSV) }

// BenchmarkReportTeam: one manager's team, as a table (target 100 ms).
func BenchmarkReportTeam(b *testing.B) {
	benchReport(b, Options{Team: reportgen.TeamName(7)}, WriteTable)
}
