package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// BenchmarkRecordAnswer measures one durable RecordAnswer (a committed,
// fsynced bbolt transaction) per iteration, each to a new question, and
// reports the median and 99th percentile of the individual calls. The
// attempts have many questions, as the brief asks (1,000), and, for
// comparison, as many as a real quiz (10); a new attempt is started,
// untimed, when one is full.
//
// With outbox=statement, the store has an outbox hook that makes a
// statement-sized JSON record (about 1.5 KB) with a name-based id for
// each answer, as internal/xapi's does, so the two show what queuing a
// record costs.
func BenchmarkRecordAnswer(b *testing.B) {
	for _, outbox := range []string{"none", "statement"} {
		opts := testOptions
		if outbox == "statement" {
			opts.Outbox = benchOutbox
		}
		for _, n := range []int{1000, 10} {
			benchRecordAnswer(b, fmt.Sprintf("outbox=%s/questions=%d", outbox, n), n, opts)
		}
	}
}

// benchOutbox queues a record of the size and shape of an xAPI statement.
func benchOutbox(ev Event) ([]OutboxEntry, error) {
	body, err := json.Marshal(map[string]any{
		"actor":  map[string]any{"objectType": "Agent", "account": map[string]string{"homePage": "https://council.example.gov.uk", "name": ev.Learner}},
		"verb":   map[string]any{"id": "http://adlnet.gov/expapi/verbs/answered", "display": map[string]string{"en-GB": "answered"}},
		"object": map[string]any{"id": "https://council.example.gov.uk/packs/" + ev.Lesson.Pack + "/lessons/" + ev.Lesson.Lesson + "/questions/" + ev.Answer.Question, "definition": map[string]any{"name": map[string]string{"en-GB": strings.Repeat("Which of these is a phishing sign? ", 8)}, "choices": []string{"a", "b", "c", "d"}}},
		"result": map[string]any{"success": ev.Answer.Correct, "response": "1", "duration": "PT12S"},
		"context": map[string]any{"platform": "Upskill", "language": "en-GB",
			"contextActivities": map[string]any{"grouping": []map[string]string{{"id": "https://council.example.gov.uk/packs/" + ev.Lesson.Pack}}}},
		"timestamp": ev.At,
	})
	if err != nil {
		return nil, err
	}
	return []OutboxEntry{{ID: uuid.NewSHA1(uuid.NameSpaceURL, body), Body: body}}, nil
}

func benchRecordAnswer(b *testing.B, name string, n int, opts Options) {
	{
		b.Run(name, func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "progress.db"), opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			p, err := s.CreateProfile("Bench", "", t0)
			if err != nil {
				b.Fatal(err)
			}
			k := LessonKey{"cyber", "phishing"}
			qs := questionIDs("question-", n)
			var a Attempt
			next := n // index of the next question; n means start a new attempt
			var durations []time.Duration
			for b.Loop() {
				if next == n {
					b.StopTimer()
					if a, err = s.StartAttempt(p.ID, k, qs, 1, t0); err != nil {
						b.Fatal(err)
					}
					next = 0
					b.StartTimer()
				}
				ans := rated(Answer{Question: qs[next], Choices: []int{1}, Correct: next%3 != 0, At: t0})
				start := time.Now()
				err := s.RecordAnswer(p.ID, k, a.ID, ans)
				durations = append(durations, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				next++
			}
			reportLatency(b, durations)
		})
	}
}

// reportLatency reports the median and 99th percentile in milliseconds.
func reportLatency(b *testing.B, durations []time.Duration) {
	if len(durations) == 0 {
		return
	}
	slices.Sort(durations)
	at := func(q float64) float64 {
		i := int(q * float64(len(durations)-1))
		return float64(durations[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

// BenchmarkOpen opens (checking every page) and closes an existing file
// with one learner and a realistic amount of records.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "progress.db")
	s, err := Open(path, testOptions)
	if err != nil {
		b.Fatal(err)
	}
	p, err := s.CreateProfile("Bench", "", t0)
	if err != nil {
		b.Fatal(err)
	}
	for _, pack := range []string{"cyber", "gdpr", "safeguarding"} {
		for l := range 10 {
			k := LessonKey{pack, fmt.Sprintf("lesson-%d", l)}
			at := t0.Add(time.Duration(l) * 24 * time.Hour)
			if err := s.SaveReading(p.ID, k, 1, at); err != nil {
				b.Fatal(err)
			}
			qs := questionIDs("q", 10)
			a, err := s.StartAttempt(p.ID, k, qs, 1, at)
			if err != nil {
				b.Fatal(err)
			}
			for i, q := range qs {
				if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: q, Correct: i%4 != 0, At: at})); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := s.FinishAttempt(p.ID, k, a.ID, 70, at); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := s.AwardBadge(p.ID, pack, "finisher", t0); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	var durations []time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := Open(path, testOptions)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	reportLatency(b, durations)
}

// storeWithCards makes a learner with n review cards, answered over two
// years, half of them due at now.
func storeWithCards(b *testing.B, n int) (*Store, uint64, time.Time) {
	s := newStore(b)
	p := mustProfile(b, s, "Ada")
	start := time.Date(2024, 11, 26, 9, 0, 0, 0, time.UTC)
	now := start.AddDate(2, 0, 0)
	err := s.update(p.ID, func(pb bucket) error {
		for i := range n {
			k := CardKey{Pack: fmt.Sprintf("pack-%d", i%5), Lesson: fmt.Sprintf("lesson-%d", i%40), Question: fmt.Sprintf("q-%d", i)}
			r := Good
			if i%4 == 0 {
				r = Again
			}
			at := start.Add(time.Duration(i) * (2 * 365 * 24 * time.Hour / time.Duration(n)))
			if err := reviewCard(pb, s.policy, k, r, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s, p.ID, now
}

// BenchmarkDueCards picks the due cards, mistakes first, from 5,000 cards:
// what starting a review costs.
func BenchmarkDueCards(b *testing.B) {
	s, p, now := storeWithCards(b, 5000)
	due, _ := s.DueCards(p, now, 0)
	b.ReportMetric(float64(len(due)), "due")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.DueCards(p, now, 20); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountDue counts the cards due today and this week among 5,000.
func BenchmarkCountDue(b *testing.B) {
	s, p, now := storeWithCards(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.CountDue(p, nil, now, now.AddDate(0, 0, 7)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenLocked measures how long Open waits for a file another
// Store holds before it gives up with ErrLocked: about the one-second
// lock timeout, less bbolt's last 50 ms poll. Run it with -benchtime 3x.
func BenchmarkOpenLocked(b *testing.B) {
	path := filepath.Join(b.TempDir(), "progress.db")
	first, err := Open(path, testOptions)
	if err != nil {
		b.Fatal(err)
	}
	defer first.Close()
	for b.Loop() {
		second, err := Open(path, testOptions)
		if err == nil {
			second.Close()
			b.Fatal("second Open succeeded while the file was open")
		}
		if !errors.Is(err, ErrLocked) {
			b.Fatalf("second Open: %v, want ErrLocked", err)
		}
	}
}

// BenchmarkScheduledCardKeys lists the cards not retired among 5,000, in
// one read transaction: what checking every card against the packs on
// offer reads.
func BenchmarkScheduledCardKeys(b *testing.B) {
	s, p, _ := storeWithCards(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if keys, err := s.ScheduledCardKeys(p); err != nil || len(keys) != 5000 {
			b.Fatalf("%d keys, %v", len(keys), err)
		}
	}
}
