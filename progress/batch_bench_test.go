package progress

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// BenchmarkRecordAnswerShared is RecordAnswer from 1 and from 50
// learners at once, each on their own goroutine, with commits of their
// own (delay 0: db.Update) or shared ([Options.BatchDelay]: db.Batch).
// Each iteration is one answer from every writer; it reports the median
// and 99th percentile of the calls and the answers a second.
//
//	go test ./progress -run '^$' -bench RecordAnswerShared -count 1
func BenchmarkRecordAnswerShared(b *testing.B) {
	for _, writers := range []int{1, 50} {
		for _, delay := range []time.Duration{0, time.Millisecond, 2 * time.Millisecond, 10 * time.Millisecond} {
			b.Run(fmt.Sprintf("writers=%d/delay=%v", writers, delay), func(b *testing.B) {
				benchShared(b, writers, delay)
			})
		}
	}
}

func benchShared(b *testing.B, writers int, delay time.Duration) {
	opts := testOptions
	opts.BatchDelay = delay
	s, err := Open(filepath.Join(b.TempDir(), "progress.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const perAttempt = 1000
	k := LessonKey{"cyber", "phishing"}
	qs := questionIDs("question-", perAttempt)
	profiles := make([]uint64, writers)
	attempts := make([]uint64, writers)
	for w := range writers {
		p, err := s.CreateProfile(fmt.Sprintf("Writer %d", w), "", t0)
		if err != nil {
			b.Fatal(err)
		}
		profiles[w] = p.ID
	}
	var durations []time.Duration
	var mu sync.Mutex
	next := perAttempt
	start := time.Now()
	answers := 0
	for b.Loop() {
		if next == perAttempt {
			b.StopTimer()
			for w := range writers {
				a, err := s.StartAttempt(profiles[w], k, qs, 1, t0)
				if err != nil {
					b.Fatal(err)
				}
				attempts[w] = a.ID
			}
			next = 0
			b.StartTimer()
		}
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				ans := rated(Answer{Question: qs[next], Choices: []int{1}, Correct: true, At: t0})
				began := time.Now()
				err := s.RecordAnswer(profiles[w], k, attempts[w], ans)
				d := time.Since(began)
				mu.Lock()
				defer mu.Unlock()
				durations = append(durations, d)
				if err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		answers += writers
		next++
	}
	b.ReportMetric(float64(answers)/time.Since(start).Seconds(), "answers/s")
	reportLatency(b, durations)
}
