package progress

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// t0 is the base time of every test; tests add whole minutes, hours or days.
var t0 = time.Date(2025, time.March, 10, 9, 30, 0, 0, time.UTC)

// tempPath is a path for a progress file in a fresh folder.
func tempPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "progress.db")
}

// newStore opens a new store in a fresh folder. At cleanup it closes the
// store (closing twice is harmless) and checks the file with bbolt.
func newStore(t testing.TB) *Store {
	t.Helper()
	return openAt(t, tempPath(t))
}

// openAt opens the store at path, closing and checking it at cleanup.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		mustCheckFile(t, path)
	})
	return s
}

// mustCheckFile opens a closed progress file with bbolt directly,
// read-only, and runs bbolt's consistency check over every page, as
// etcd's tests do on cleanup. It also checks the package's own layout:
// the meta bucket, and for every learner the profile record, the five
// sub-buckets, values that decode, answers that belong to a stored attempt
// and an open attempt that exists.
func mustCheckFile(t testing.TB, path string) {
	t.Helper()
	db, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		t.Errorf("check %s: open with bbolt: %v", path, err)
		return
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("tx.Check: %w", errors.Join(errs...))
		}
		return checkLayout(tx)
	})
	if err != nil {
		t.Errorf("check %s: %v", path, err)
	}
}

func checkLayout(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return errors.New("no meta bucket")
	}
	if got := string(meta.Get(keyApp)); got != string(appName) {
		return fmt.Errorf("meta/app = %q", got)
	}
	if got := string(meta.Get(keySchema)); got != fmt.Sprint(SchemaVersion) {
		return fmt.Errorf("meta/schema = %q, want %d", got, SchemaVersion)
	}
	profiles := tx.Bucket(bucketProfiles)
	if profiles == nil {
		return errors.New("no profiles bucket")
	}
	return profiles.ForEach(func(id, v []byte) error {
		if v != nil || len(id) != 8 {
			return fmt.Errorf("profiles: stray key %q", id)
		}
		pb := profiles.Bucket(id)
		var rec profileRecord
		if err := json.Unmarshal(pb.Get(keyProfile), &rec); err != nil || rec.Name == "" {
			return fmt.Errorf("profile %x: bad record %q: %v", id, pb.Get(keyProfile), err)
		}
		for _, name := range profileBuckets {
			b := pb.Bucket(name)
			if b == nil {
				return fmt.Errorf("profile %x: no %s bucket", id, name)
			}
			if err := b.ForEach(func(k, v []byte) error {
				if v == nil || !json.Valid(v) {
					return fmt.Errorf("profile %x/%s/%q: value %q is not JSON", id, name, k, v)
				}
				return nil
			}); err != nil {
				return err
			}
		}
		if log := pb.Bucket(bucketCompletions); log != nil {
			// <pack>\0<lesson>\0<16 hex digits> -> r, q or m
			lb := bucket{log, string(bucketCompletions)}
			if err := log.ForEach(func(k, v []byte) error {
				if len(k) < 20 || k[len(k)-17] != 0 {
					return fmt.Errorf("completions: malformed key %q", k)
				}
				_, err := lb.completionAt(k, k[len(k)-16:], v)
				return err
			}); err != nil {
				return err
			}
		}
		attempts := pb.Bucket(bucketAttempts)
		if err := pb.Bucket(bucketAnswers).ForEach(func(k, _ []byte) error {
			// <pack>\0<lesson>\0<8-byte id>\0<question>
			i := bytes.IndexByte(k, 0)
			j := i + 1 + bytes.IndexByte(k[i+1:], 0)
			if i < 0 || j <= i || len(k) < j+1+8+1 || k[j+1+8] != 0 {
				return fmt.Errorf("answers: malformed key %q", k)
			}
			if attempts.Get(k[:j+1+8]) == nil {
				return fmt.Errorf("answers: key %q has no attempt", k)
			}
			return nil
		}); err != nil {
			return err
		}
		return pb.Bucket(bucketLessons).ForEach(func(k, v []byte) error {
			var rec LessonRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return err
			}
			if rec.OpenAttempt != 0 && attempts.Get(append(append(bytes.Clone(k), 0), itob(rec.OpenAttempt)...)) == nil {
				return fmt.Errorf("lesson %q: open attempt %d does not exist", k, rec.OpenAttempt)
			}
			return nil
		})
	})
}

// fileState is what must not change when a file is refused.
type fileState struct {
	sum   [32]byte
	size  int64
	mtime time.Time
	mode  fs.FileMode
	dir   []string // the names in the file's folder
}

func snapshot(t testing.TB, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return fileState{sum: sha256.Sum256(data), size: info.Size(), mtime: info.ModTime(), mode: info.Mode(), dir: dirNames(t, filepath.Dir(path))}
}

func dirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read folder: %v", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func assertUnchanged(t testing.TB, path string, before fileState) {
	t.Helper()
	after := snapshot(t, path)
	if after.sum != before.sum || after.size != before.size {
		t.Errorf("file content changed: size %d -> %d, sha256 %x -> %x", before.size, after.size, before.sum[:6], after.sum[:6])
	}
	if !after.mtime.Equal(before.mtime) {
		t.Errorf("file mtime changed: %v -> %v", before.mtime, after.mtime)
	}
	if after.mode != before.mode {
		t.Errorf("file mode changed: %v -> %v", before.mode, after.mode)
	}
	if !slices.Equal(after.dir, before.dir) {
		t.Errorf("folder changed: %q -> %q", before.dir, after.dir)
	}
}

// writeBolt creates or updates a bbolt file directly, bypassing the package.
func writeBolt(t testing.TB, path string, opts *bolt.Options, fn func(tx *bolt.Tx) error) {
	t.Helper()
	if opts == nil {
		opts = &bolt.Options{}
	}
	opts.Timeout = time.Second
	db, err := bolt.Open(path, fileMode, opts)
	if err != nil {
		t.Fatalf("bbolt open %s: %v", path, err)
	}
	if err := db.Update(fn); err != nil {
		db.Close()
		t.Fatalf("bbolt update %s: %v", path, err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("bbolt close %s: %v", path, err)
	}
}

// readBolt reads a closed file directly with bbolt, read-only.
func readBolt(t testing.TB, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("bbolt open %s: %v", path, err)
	}
	defer db.Close()
	if err := db.View(fn); err != nil {
		t.Fatalf("bbolt view %s: %v", path, err)
	}
}

// setSchema writes meta/schema of a closed progress file directly.
func setSchema(t testing.TB, path, schema string) {
	t.Helper()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(schema))
	})
}

// metaValue reads a key of the meta bucket of a closed file.
func metaValue(t testing.TB, path string, key []byte) string {
	t.Helper()
	var v string
	readBolt(t, path, func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(key))
		return nil
	})
	return v
}

func mustProfile(t testing.TB, s *Store, name string) Profile {
	t.Helper()
	p, err := s.CreateProfile(name, "staff", t0)
	if err != nil {
		t.Fatalf("CreateProfile(%q): %v", name, err)
	}
	return p
}

func mustStart(t testing.TB, s *Store, profile uint64, k LessonKey, questions []string, at time.Time) Attempt {
	t.Helper()
	a, err := s.StartAttempt(profile, k, questions, 7, at)
	if err != nil {
		t.Fatalf("StartAttempt(%s): %v", k, err)
	}
	return a
}

func mustAnswer(t testing.TB, s *Store, profile uint64, k LessonKey, attempt uint64, question string, correct bool, at time.Time) {
	t.Helper()
	if err := s.RecordAnswer(profile, k, attempt, rated(Answer{Question: question, Correct: correct, At: at})); err != nil {
		t.Fatalf("RecordAnswer(%s, %d, %s): %v", k, attempt, question, err)
	}
}

func mustFinish(t testing.TB, s *Store, profile uint64, k LessonKey, attempt uint64, passMark int, at time.Time) Attempt {
	t.Helper()
	a, err := s.FinishAttempt(profile, k, attempt, passMark, at)
	if err != nil {
		t.Fatalf("FinishAttempt(%s, %d): %v", k, attempt, err)
	}
	return a
}

func mustLesson(t testing.TB, s *Store, profile uint64, k LessonKey) LessonRecord {
	t.Helper()
	rec, err := s.Lesson(profile, k)
	if err != nil {
		t.Fatalf("Lesson(%s): %v", k, err)
	}
	return rec
}

// questionIDs returns n question ids q0..q(n-1).
func questionIDs(prefix string, n int) []string {
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return qs
}

func answeredIDs(a Attempt) []string {
	var ids []string
	for _, ans := range a.Answers {
		ids = append(ids, ans.Question)
	}
	return ids
}

// assertReleased checks that nothing in this process still holds a lock
// on path, by taking bbolt's exclusive lock on it. A refused Open must not
// keep the file, which a reader's shared lock on a second Open would not
// notice. The file may be damaged, so bbolt's reads after the lock may
// panic or fault; those are caught here and do not matter.
func assertReleased(t testing.TB, path string) {
	t.Helper()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var file *os.File
	defer func() {
		if recover() != nil && file != nil {
			file.Close()
		}
	}()
	db, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: 300 * time.Millisecond,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
			file = f
			return f, err
		}})
	if errors.Is(err, berrors.ErrTimeout) {
		t.Errorf("%s is still locked after Open returned", path)
	}
	if err == nil {
		db.Close()
	}
}
