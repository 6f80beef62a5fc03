package progress

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestActiveDays: every kind of learning event counts its local date once;
// ActiveDays lists the dates oldest first whatever order they were
// recorded in, as midnight in the location asked for, also when the
// learner moved between time zones (the date is the one on their clock).
func TestActiveDays(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	p, other := mustProfile(t, s, "Ada"), mustProfile(t, s, "Bea")
	sydney := time.FixedZone("AEST", 10*3600)
	newYork := time.FixedZone("EST", -5*3600)
	k := LessonKey{"cyber", "phishing"}

	// Recorded out of date order, several per day.
	// 13 March in Sydney, though 12 March in UTC.
	if err := s.CompleteLesson(p.ID, LessonKey{"cyber", "intro"}, time.Date(2025, 3, 13, 1, 0, 0, 0, sydney)); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{
		time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 10, 17, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 10, 23, 59, 59, 0, time.UTC),
	} {
		if err := s.SaveReading(p.ID, k, 0.5, at); err != nil {
			t.Fatal(err)
		}
	}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2"}, t0)
	mustAnswer(t, s, p.ID, k, a.ID, "q1", true, time.Date(2025, 3, 10, 10, 0, 0, 0, time.UTC))
	// 14 March in New York, though 15 March in UTC.
	mustAnswer(t, s, p.ID, k, a.ID, "q2", true, time.Date(2025, 3, 14, 22, 0, 0, 0, newYork))
	mustFinish(t, s, p.ID, k, a.ID, 50, time.Date(2025, 3, 11, 8, 0, 0, 0, time.UTC))
	// Bea's day is hers only.
	if err := s.SaveReading(other.ID, k, 0.1, time.Date(2025, 3, 20, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}

	for _, loc := range []*time.Location{time.UTC, sydney, newYork} {
		days, err := s.ActiveDays(p.ID, loc)
		if err != nil {
			t.Fatal(err)
		}
		var want []time.Time
		for _, d := range []int{10, 11, 13, 14} {
			want = append(want, time.Date(2025, 3, d, 0, 0, 0, 0, loc))
		}
		if !slices.EqualFunc(days, want, time.Time.Equal) {
			t.Errorf("ActiveDays(%s) = %v, want %v", loc, days, want)
		}
		for _, d := range days {
			if d.Location() != loc {
				t.Errorf("ActiveDays(%s) returned %v in %s", loc, d, d.Location())
			}
		}
	}
	days, err := s.ActiveDays(other.ID, time.UTC)
	if err != nil || len(days) != 1 || !days[0].Equal(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("ActiveDays(Bea) = %v, %v", days, err)
	}
	carl := mustProfile(t, s, "Carl")
	if days, err := s.ActiveDays(carl.ID, time.UTC); err != nil || len(days) != 0 {
		t.Errorf("ActiveDays of a learner who did nothing = %v, %v", days, err)
	}

	// Each day counts its events: 10 March has three readings and an
	// answer; 11 March a finished quiz; 13 and 14 March one event each.
	// None is on 12 or 15 March, the UTC dates of the last two.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	events := map[string]int{}
	readBolt(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProfiles).Bucket(itob(p.ID)).Bucket(bucketDays).ForEach(func(k, v []byte) error {
			var rec dayRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return err
			}
			events[string(k)] = rec.Events
			return nil
		})
	})
	want := map[string]int{"2025-03-10": 4, "2025-03-11": 1, "2025-03-13": 1, "2025-03-14": 1}
	if !maps.Equal(events, want) {
		t.Errorf("events per day = %v, want %v", events, want)
	}
}

// TestRefusedWritesCountNoDay: a refused answer does not count the day.
func TestRefusedWritesCountNoDay(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	a := mustStart(t, s, p.ID, k, []string{"q1"}, t0)
	if err := s.RecordAnswer(p.ID, k, a.ID, rated(Answer{Question: "nope", At: t0.AddDate(0, 0, 5)})); err == nil {
		t.Fatal("answer to an unknown question accepted")
	}
	if days, err := s.ActiveDays(p.ID, time.UTC); err != nil || len(days) != 0 {
		t.Errorf("ActiveDays = %v, %v; a refused answer must not count", days, err)
	}
}
