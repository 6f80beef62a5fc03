//go:build unix

package lrs

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/lrstest"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/xapi"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// benchStatements is how many statements BenchmarkSend10000 sends.
const benchStatements = 10_000

// benchOutbox makes a progress file with benchStatements answered
// statements queued, with the full question definitions of internal/xapi's
// test pack (answers to its seven questions in turn), and returns its
// path.
func benchOutbox(b testing.TB) string {
	b.Helper()
	pack, err := lessons.Load(os.DirFS("../xapi/testdata/pack"))
	if err != nil {
		b.Fatal(err)
	}
	builder, err := xapi.New(xapi.Config{HomePage: "https://learning.council.example.gov.uk", Version: "bench"},
		func(id string) (*lessons.Pack, bool) { return pack, id == pack.ID })
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "outbox.db")
	opts := review.StoreOptions()
	opts.Outbox = builder.Hook()
	s, err := progress.Open(path, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p, err := s.CreateProfile("Bench", "staff", t0)
	if err != nil {
		b.Fatal(err)
	}
	k := progress.LessonKey{Pack: "cyber", Lesson: "phishing"}
	qs := []string{"sign", "habits", "safe-links", "report-to", "hours", "terms", "steps"}
	for n := 0; n < benchStatements; n += len(qs) {
		a, err := s.StartAttempt(p.ID, k, qs, 1, t0)
		if err != nil {
			b.Fatal(err)
		}
		for i, q := range qs[:min(len(qs), benchStatements-n)] {
			ans := progress.Answer{Question: q, Choices: []int{0}, Correct: i%2 == 0, Rating: progress.Good, At: t0.Add(time.Duration(n+i) * time.Second)}
			if err := s.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
				b.Fatal(err)
			}
		}
	}
	if st, err := s.OutboxStats(); err != nil || st.Queued != benchStatements {
		b.Fatalf("%d queued (%v)", st.Queued, err)
	}
	return path
}

func copyFile(b *testing.B, src, dst string) {
	b.Helper()
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSend10000 sends 10,000 queued statements to a real LRS on
// loopback (a fresh one each time, in batches of 100) with Client.Send,
// each removed from the outbox once acknowledged; the LRS is then checked
// to hold all of them. The target: 10 s or less. It also reports
// the processor time the LRS and Upskill's side used, which does not
// depend on what else the machine runs.
func BenchmarkSend10000(b *testing.B) {
	template := benchOutbox(b)
	b.ResetTimer() // making the 10,000 queued statements is not the send
	var lrsCPU, ownCPU time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "progress.db")
		copyFile(b, template, path)
		s, err := progress.Open(path, review.StoreOptions())
		if err != nil {
			b.Fatal(err)
		}
		l := lrstest.Start(b)
		c, err := New(Config{Endpoint: l.Endpoint, Key: "upskill", Secret: testSecret})
		if err != nil {
			b.Fatal(err)
		}
		lrsBefore, err := l.CPUTime()
		if err != nil {
			b.Fatal(err)
		}
		var ru1, ru2 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
		b.StartTimer()
		rep, err := c.Send(context.Background(), s)
		b.StopTimer()
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru2)
		lrsAfter, lerr := l.CPUTime()
		if lerr != nil {
			b.Fatal(lerr)
		}
		lrsCPU += lrsAfter - lrsBefore
		ownCPU += time.Duration(ru2.Utime.Nano() - ru1.Utime.Nano() + ru2.Stime.Nano() - ru1.Stime.Nano())
		if err != nil || rep.Sent != benchStatements {
			b.Fatalf("sent %+v, %v", rep, err)
		}
		if n, err := l.Count(); err != nil || n != benchStatements {
			b.Fatalf("the LRS holds %d (%v)", n, err)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchStatements)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
	// The processor time of the LRS (node) and of Upskill's side: on a
	// shared machine the wall-clock time also counts waiting for a core.
	b.ReportMetric(lrsCPU.Seconds()/float64(b.N), "lrs-cpu-s/op")
	b.ReportMetric(ownCPU.Seconds()/float64(b.N), "upskill-cpu-s/op")
}
