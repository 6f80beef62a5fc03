package progress

import (
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// downgrade turns a current file into one of schema version to, as an
// older Upskill wrote it: what later schemas added is taken away.
func downgrade(tx *bolt.Tx, to int) error {
	if to < 3 {
		err := tx.Bucket(bucketProfiles).ForEach(func(id, _ []byte) error {
			pb := tx.Bucket(bucketProfiles).Bucket(id)
			for _, name := range [][]byte{bucketCards, bucketDue, bucketReviews, bucketReviewed, bucketTime} {
				if err := pb.DeleteBucket(name); err != nil {
					return err
				}
			}
			// Schema 2 kept no rating with an answer.
			answers := bucket{pb.Bucket(bucketAnswers), string(bucketAnswers)}
			if err := answers.ForEach(func(k, v []byte) error {
				var ans Answer
				if err := answers.decode(k, v, &ans); err != nil {
					return err
				}
				ans.Rating = 0
				return answers.put(k, ans)
			}); err != nil {
				return err
			}
			days := bucket{pb.Bucket(bucketDays), string(bucketDays)}
			return days.ForEach(func(k, v []byte) error {
				var rec dayRecord
				if err := days.decode(k, v, &rec); err != nil {
					return err
				}
				return days.put(k, dayRecord{Events: rec.Events})
			})
		})
		if err != nil {
			return err
		}
	}
	if to < 2 {
		if err := tx.DeleteBucket(bucketPacks); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte{byte('0' + to)})
}

// TestMigrateSchemaTwoToThreeNeedsPolicy: a schema-2 file with answers
// cannot be upgraded without a review policy to rate them; it is refused
// with ErrNoPolicy and left at schema 2.
func TestMigrateSchemaTwoToThreeNeedsPolicy(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "pack", Lesson: "one"}
	a := mustStart(t, s, p.ID, k, []string{"q1"}, t0)
	mustAnswer(t, s, p.ID, k, a.ID, "q1", true, t0)
	s.Close()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error { return downgrade(tx, 2) })

	if s, err := Open(path, Options{}); !errors.Is(err, ErrNoPolicy) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open without a policy: %v, want ErrNoPolicy", err)
	}
	s = openAt(t, path)
	if got, err := s.Cards(p.ID, ""); err != nil || len(got) != 1 || got[0].LastRating != Good {
		t.Errorf("cards after upgrading with a policy: %+v %v, want one rated Good", got, err)
	}
}

// TestMigrateSchemaTwoToThree upgrades a schema-2 file with a learner who
// has answered questions: each answered question gets its review card,
// scheduled from the answers in the order they were given, exactly as if
// the answers had been recorded by schema 3; past days keep counting
// towards the streak.
func TestMigrateSchemaTwoToThree(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "pack", Lesson: "one"}
	day1 := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2", "q3"}, day1)
	answers := []Answer{
		{Question: "q1", Correct: true, At: day1.Add(time.Minute)},
		{Question: "q2", Correct: false, At: day1.Add(2 * time.Minute)},
		{Question: "q3", Score: 0.5, At: day1.Add(3 * time.Minute)},
	}
	for _, ans := range answers {
		if err := s.RecordAnswer(p.ID, k, a.ID, rated(ans)); err != nil {
			t.Fatal(err)
		}
	}
	// A retake two days later: q2 is answered again, rightly.
	a2 := mustStart(t, s, p.ID, k, []string{"q2"}, day1.AddDate(0, 0, 2))
	if err := s.RecordAnswer(p.ID, k, a2.ID, rated(Answer{Question: "q2", Correct: true, At: day1.AddDate(0, 0, 2)})); err != nil {
		t.Fatal(err)
	}
	want, err := s.Cards(p.ID, "")
	if err != nil || len(want) != 3 {
		t.Fatalf("cards before the downgrade: %v %v", want, err)
	}
	s.Close()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error { return downgrade(tx, 2) })

	s = openAt(t, path)
	if got := metaValueOpen(t, s); got != strconv.Itoa(SchemaVersion) {
		t.Errorf("schema after upgrade %q, want %d", got, SchemaVersion)
	}
	got, err := s.Cards(p.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d cards after the upgrade, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Due.Equal(want[i].Due) || got[i].Key != want[i].Key || got[i].Reps != want[i].Reps ||
			got[i].Stability != want[i].Stability || got[i].LastRating != want[i].LastRating {
			t.Errorf("card %d after the upgrade\n %+v\nwant\n %+v", i, got[i], want[i])
		}
	}
	due, err := s.DueCards(p.ID, day1.AddDate(1, 0, 0), 0)
	if err != nil || len(due) != 3 {
		t.Errorf("due index after the upgrade: %v %v", due, err)
	}
	days, err := s.Days(p.ID)
	if err != nil || len(days) != 2 || !days[0].Counts || !days[1].Counts {
		t.Errorf("days after the upgrade %+v %v: both should count, as they did before", days, err)
	}
	if _, err := os.Stat(path + ".schema-2.bak"); err != nil {
		t.Errorf("no backup of the schema-2 file: %v", err)
	}
}
