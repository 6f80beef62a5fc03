package xapi

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/progress"
)

// BenchmarkRecordAnswer measures one durable RecordAnswer (a committed,
// fsynced transaction) in a store without an outbox hook, and in one
// with this package's hook making and queuing the answer's statement,
// with the test pack's full question definitions. It reports the median
// and 99th percentile of the calls, in milliseconds; the difference of
// the medians is what an LRS configured costs a learner's answer.
func BenchmarkRecordAnswer(b *testing.B) {
	builder := testBuilder(b)
	for _, hook := range []string{"none", "xapi"} {
		b.Run("outbox="+hook, func(b *testing.B) {
			opts := review.StoreOptions()
			if hook == "xapi" {
				opts.Outbox = builder.Hook()
			}
			s, err := progress.Open(filepath.Join(b.TempDir(), "progress.db"), opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			p, err := s.CreateProfile("Bench", "staff", t0)
			if err != nil {
				b.Fatal(err)
			}
			qs := []string{"sign", "habits", "safe-links", "report-to", "hours", "terms", "steps"}
			var a progress.Attempt
			next := len(qs)
			var durations []time.Duration
			for b.Loop() {
				if next == len(qs) {
					b.StopTimer()
					if a, err = s.StartAttempt(p.ID, testLesson, qs, 1, t0); err != nil {
						b.Fatal(err)
					}
					next = 0
					b.StartTimer()
				}
				ans := progress.Answer{Question: qs[next], Choices: []int{1}, Correct: true, Rating: progress.Good, Seconds: 9, At: t0}
				start := time.Now()
				err := s.RecordAnswer(p.ID, testLesson, a.ID, ans)
				durations = append(durations, time.Since(start))
				if err != nil {
					b.Fatal(fmt.Errorf("answer %d: %w", next, err))
				}
				next++
			}
			slices.Sort(durations)
			ms := func(q float64) float64 {
				return float64(durations[int(q*float64(len(durations)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(ms(0.5), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
		})
	}
}

// BenchmarkStatements measures making and encoding one answer's
// statement, the work the hook adds inside the transaction.
func BenchmarkStatements(b *testing.B) {
	hook := testBuilder(b).Hook()
	ev := exampleEvents()[7].ev // a matching question: the largest definition
	for b.Loop() {
		if _, err := hook(ev); err != nil {
			b.Fatal(err)
		}
	}
}
