package progress

import (
	"errors"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// histories reads one learner's histories of keys.
func histories(t testing.TB, s *Store, profile uint64, keys ...LessonKey) []LessonHistory {
	t.Helper()
	var out []LessonHistory
	err := s.LessonHistories([]uint64{profile}, keys, func(id uint64, hs []LessonHistory) error {
		if id != profile {
			t.Errorf("fn called for profile %d, want %d", id, profile)
		}
		out = hs
		return nil
	})
	if err != nil {
		t.Fatalf("LessonHistories: %v", err)
	}
	return out
}

func sameTimes(got, want []time.Time) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !got[i].Equal(want[i]) {
			return false
		}
	}
	return true
}

// passQuiz takes a one-question quiz and gets it right.
func passQuiz(t testing.TB, s *Store, profile uint64, k LessonKey, at time.Time) {
	t.Helper()
	a := mustStart(t, s, profile, k, []string{"q1"}, at)
	mustAnswer(t, s, profile, k, a.ID, "q1", true, at)
	mustFinish(t, s, profile, k, a.ID, 50, at)
}

func TestEveryCompletionIsLogged(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	read := LessonKey{Pack: "pack", Lesson: "read"}
	quiz := LessonKey{Pack: "pack", Lesson: "quiz"}
	never := LessonKey{Pack: "pack", Lesson: "never"}
	year := t0.AddDate(1, 0, 0)
	for _, at := range []time.Time{t0, year} {
		if err := s.CompleteLesson(p.ID, read, at); err != nil {
			t.Fatal(err)
		}
		passQuiz(t, s, p.ID, quiz, at.Add(time.Hour))
	}
	// A failed attempt completes nothing.
	a := mustStart(t, s, p.ID, quiz, []string{"q1"}, year.Add(2*time.Hour))
	mustAnswer(t, s, p.ID, quiz, a.ID, "q1", false, year.Add(2*time.Hour))
	mustFinish(t, s, p.ID, quiz, a.ID, 50, year.Add(2*time.Hour))

	hs := histories(t, s, p.ID, read, quiz, never)
	if !sameTimes(hs[0].Completions, []time.Time{t0, year}) {
		t.Errorf("read lesson completions = %v", hs[0].Completions)
	}
	if !sameTimes(hs[1].Completions, []time.Time{t0.Add(time.Hour), year.Add(time.Hour)}) {
		t.Errorf("quiz lesson completions = %v", hs[1].Completions)
	}
	// The record keeps the first completion; the log has them all.
	if !hs[0].Record.CompletedAt.Equal(t0) || hs[1].Record.Attempts != 3 || hs[1].Record.BestScore != 100 {
		t.Errorf("records = %+v, %+v", hs[0].Record, hs[1].Record)
	}
	if hs[2].Completions != nil || hs[2].Record != (LessonRecord{}) {
		t.Errorf("a lesson never opened has history %+v", hs[2])
	}
}

// dropCompletions removes every learner's completions log, as in a file
// written before it existed.
func dropCompletions(t testing.TB, path string) {
	t.Helper()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProfiles).ForEach(func(id, _ []byte) error {
			pb := tx.Bucket(bucketProfiles).Bucket(id)
			if pb.Bucket(bucketCompletions) == nil {
				return nil
			}
			return pb.DeleteBucket(bucketCompletions)
		})
	})
}

func TestHistoryFromOlderRecords(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, s, "Ada")
	read := LessonKey{Pack: "pack", Lesson: "read"}
	quiz := LessonKey{Pack: "pack", Lesson: "quiz"}
	if err := s.CompleteLesson(p.ID, read, t0); err != nil {
		t.Fatal(err)
	}
	passQuiz(t, s, p.ID, quiz, t0)
	passQuiz(t, s, p.ID, quiz, t0.AddDate(0, 6, 0))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	dropCompletions(t, path)

	s = openAt(t, path)
	older := histories(t, s, p.ID, read, quiz)
	if !sameTimes(older[0].Completions, []time.Time{t0}) || !sameTimes(older[1].Completions, []time.Time{t0, t0.AddDate(0, 6, 0)}) {
		t.Fatalf("history without a log = %v, %v", older[0].Completions, older[1].Completions)
	}
	// The next completion makes the log from those records, so nothing
	// older is lost.
	later := t0.AddDate(1, 0, 0)
	if err := s.CompleteLesson(p.ID, read, later); err != nil {
		t.Fatal(err)
	}
	now := histories(t, s, p.ID, read, quiz)
	if !sameTimes(now[0].Completions, []time.Time{t0, later}) || !sameTimes(now[1].Completions, older[1].Completions) {
		t.Errorf("history after the log was made = %v, %v", now[0].Completions, now[1].Completions)
	}
}

func TestHistoriesOfManyLearners(t *testing.T) {
	s := newStore(t)
	k := LessonKey{Pack: "pack", Lesson: "read"}
	var ids []uint64
	for i, name := range []string{"Ada", "Bea", "Cy"} {
		p := mustProfile(t, s, name)
		ids = append(ids, p.ID)
		for j := range i {
			if err := s.CompleteLesson(p.ID, k, t0.AddDate(j, 0, 0)); err != nil {
				t.Fatal(err)
			}
		}
	}
	got := map[uint64]int{}
	if err := s.LessonHistories(ids, []LessonKey{k}, func(id uint64, hs []LessonHistory) error {
		got[id] = len(hs[0].Completions)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := map[uint64]int{ids[0]: 0, ids[1]: 1, ids[2]: 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("completions per learner = %v, want %v", got, want)
	}
	stop := errors.New("stop")
	if err := s.LessonHistories(ids, []LessonKey{k}, func(uint64, []LessonHistory) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("fn's error = %v, want it returned", err)
	}
	if err := s.LessonHistories([]uint64{99}, []LessonKey{k}, func(uint64, []LessonHistory) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown learner: %v, want ErrNotFound", err)
	}
}

func TestPurgeRemovesCompletions(t *testing.T) {
	s := newStore(t)
	p := mustProfile(t, s, "Ada")
	k := LessonKey{Pack: "gone", Lesson: "read"}
	kept := LessonKey{Pack: "kept", Lesson: "read"}
	for _, key := range []LessonKey{k, kept} {
		if err := s.CompleteLesson(p.ID, key, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutPack(StoredPack{Info: PackInfo{ID: "gone", Title: "Gone"}, Parsed: []byte("{}"),
		Files: map[string][]byte{"pack.yaml": []byte("id: gone\n")}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemovePack("gone", true); err != nil {
		t.Fatal(err)
	}
	hs := histories(t, s, p.ID, k, kept)
	if len(hs[0].Completions) != 0 || len(hs[1].Completions) != 1 {
		t.Errorf("after purge: %v, %v", hs[0].Completions, hs[1].Completions)
	}
}
