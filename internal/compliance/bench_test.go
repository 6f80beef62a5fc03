package compliance

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/builtin"
	"github.com/upskill-council/upskill/progress"
)

const (
	benchLearners  = 5000
	benchTemplates = 8
)

var benchStart = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)

// buildBenchFile writes a progress file of benchLearners learners with two
// years of activity on the built-in pack. Eight template learners are
// written through the store, as the programme would (every lesson of
// their path completed, required modules renewed yearly, quiz attempts
// passed and failed); the others are copies of their buckets, made with
// bbolt directly because writing 5,000 learners one commit at a time
// would take minutes.
func buildBenchFile(b *testing.B, pack *lessons.Pack) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.db")
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	required := map[string]bool{}
	for _, r := range pack.Requirements() {
		required[r.Module.ID] = true
	}
	roles := []lessons.Audience{lessons.Staff, lessons.Graduate, lessons.Manager}
	for t := range benchTemplates {
		p, err := store.CreateProfile(fmt.Sprintf("Template %d", t), string(roles[t%3]), benchStart)
		if err != nil {
			b.Fatal(err)
		}
		at := benchStart.Add(time.Duration(t) * 24 * time.Hour)
		for year := range 2 {
			for _, m := range pack.ModulesFor(roles[t%3]) {
				if year == 1 && (!required[m.ID] || t%4 == 3) { // one template in four lets it expire
					continue
				}
				for _, l := range pack.LessonsOf(m) {
					at = at.Add(3 * time.Hour)
					k := progress.LessonKey{Pack: pack.ID, Lesson: l.ID}
					if l.Quiz == nil {
						if err := store.CompleteLesson(p.ID, k, at); err != nil {
							b.Fatal(err)
						}
						continue
					}
					for try, right := range []bool{t%2 == 0, true} {
						q := l.Quiz.Questions[0].ID
						a, err := store.StartAttempt(p.ID, k, []string{q}, 1, at)
						if err != nil {
							b.Fatal(err)
						}
						ans := progress.Answer{Question: q, Correct: right, At: at}
						ans.Rating = review.RateUntimed(ans)
						if err := store.RecordAnswer(p.ID, k, a.ID, ans); err != nil {
							b.Fatal(err)
						}
						if _, err := store.FinishAttempt(p.ID, k, a.ID, l.Quiz.PassMark, at.Add(time.Duration(try)*time.Minute)); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			at = benchStart.AddDate(year+1, 0, t)
		}
	}
	if err := store.Close(); err != nil {
		b.Fatal(err)
	}
	cloneLearners(b, path)
	return path
}

// cloneLearners copies the template learners' buckets until the file
// holds benchLearners, each with its own name and joining day.
func cloneLearners(b *testing.B, path string) {
	b.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		profiles := tx.Bucket([]byte("profiles"))
		for id := uint64(benchTemplates + 1); id <= benchLearners; id++ {
			src := profiles.Bucket(itob(1 + id%benchTemplates))
			dst, err := profiles.CreateBucket(itob(id))
			if err != nil {
				return err
			}
			if err := copyBucket(src, dst); err != nil {
				return err
			}
			var rec map[string]any
			if err := json.Unmarshal(src.Get([]byte("profile")), &rec); err != nil {
				return err
			}
			rec["name"] = fmt.Sprintf("Learner %d", id)
			rec["created"] = benchStart.Add(time.Duration(id%500) * time.Hour)
			data, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			if err := dst.Put([]byte("profile"), data); err != nil {
				return err
			}
		}
		return profiles.SetSequence(benchLearners)
	})
	if err != nil {
		b.Fatal(err)
	}
}

func itob(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func copyBucket(src, dst *bolt.Bucket) error {
	return src.ForEach(func(k, v []byte) error {
		if v != nil {
			return dst.Put(bytes.Clone(k), bytes.Clone(v))
		}
		sub, err := dst.CreateBucket(bytes.Clone(k))
		if err != nil {
			return err
		}
		return copyBucket(src.Bucket(k), sub)
	})
}

// BenchmarkEvaluate: 5,000 learners with two years of activity on the
// built-in pack, evaluated against its three yearly modules.
func BenchmarkEvaluate(b *testing.B) {
	pack, err := builtin.Load()
	if err != nil {
		b.Fatal(err)
	}
	path := buildBenchFile(b, pack)
	store, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		b.Fatal(err)
	}
	profiles, err := store.Profiles()
	if err != nil || len(profiles) != benchLearners {
		b.Fatalf("%d learners: %v", len(profiles), err)
	}
	asOf := benchStart.AddDate(1, 6, 0) // renewed learners compliant, the others overdue
	out, err := Evaluate(store, cat, profiles, asOf)
	if err != nil {
		b.Fatal(err)
	}
	counts := map[Status]int{}
	for _, l := range out {
		for _, it := range l.Items {
			counts[it.Status]++
		}
	}
	if counts[Compliant] == 0 || counts[Overdue] == 0 {
		b.Fatalf("the file should hold compliant and overdue learners: %v", counts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(store, cat, profiles, asOf); err != nil {
			b.Fatal(err)
		}
	}
}
