package progress

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestOpenCreatesFile: a missing file and its missing folders are created
// with private permissions, the file is initialised, no temporary file is
// left behind, and Path reports the path.
func TestOpenCreatesFile(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "a", "b", "progress.db")
	s := openAt(t, path)

	if got := s.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	for _, dir := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b")} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !info.IsDir() || info.Mode().Perm() != 0o700 {
			t.Errorf("folder %s: mode %v, want a directory with 0700", dir, info.Mode())
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want a regular file with 0600", info.Mode())
	}
	if got := dirNames(t, filepath.Dir(path)); !slices.Equal(got, []string{"progress.db"}) {
		t.Errorf("folder holds %q, want only progress.db (no temporary files)", got)
	}
	profiles, err := s.Profiles()
	if err != nil || len(profiles) != 0 {
		t.Errorf("Profiles() of a new file = %v, %v; want none", profiles, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := metaValue(t, path, keyApp); got != "upskill" {
		t.Errorf("meta/app = %q", got)
	}
	if got := metaValue(t, path, keySchema); got != fmt.Sprint(SchemaVersion) {
		t.Errorf("meta/schema = %q, want %d", got, SchemaVersion)
	}
}

// TestOpenExistingFolderKeepsItsMode: Open does not change the mode of a
// folder that already exists.
func TestOpenExistingFolderKeepsItsMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // undo the umask
		t.Fatal(err)
	}
	openAt(t, filepath.Join(dir, "progress.db"))
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o755 {
		t.Errorf("existing folder mode changed to %v", info.Mode().Perm())
	}
}

// TestReopenSeesData: everything written before Close is there after a
// second Open, and opening a valid file writes nothing to it.
func TestReopenSeesData(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := mustProfile(t, s, "Ada")
	k := LessonKey{"cyber", "phishing"}
	if err := s.SaveReading(p.ID, k, 0.5, t0); err != nil {
		t.Fatal(err)
	}
	a := mustStart(t, s, p.ID, k, []string{"q1", "q2"}, t0)
	mustAnswer(t, s, p.ID, k, a.ID, "q1", true, t0)
	if _, err := s.AwardBadge(p.ID, "cyber", "reader", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	before := snapshot(t, path)
	s = openAt(t, path)
	got, err := s.ProfileByName("ada")
	if err != nil || got.ID != p.ID || got.Last != k {
		t.Fatalf("ProfileByName after reopen = %+v, %v", got, err)
	}
	rec := mustLesson(t, s, p.ID, k)
	if rec.Position != 0.5 || rec.Status != InProgress || rec.OpenAttempt != a.ID {
		t.Errorf("lesson after reopen = %+v", rec)
	}
	open, ok, err := s.OpenAttempt(p.ID, k)
	if err != nil || !ok || open.ID != a.ID || !slices.Equal(answeredIDs(open), []string{"q1"}) {
		t.Errorf("OpenAttempt after reopen = %+v, %v, %v", open, ok, err)
	}
	badges, err := s.Badges(p.ID, "cyber")
	if err != nil || !badges["reader"].Equal(t0) {
		t.Errorf("Badges after reopen = %v, %v", badges, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Reading a valid, current file must not write to it.
	assertUnchanged(t, path, before)
}

// TestOpenConcurrentCreate: several openers racing to create the same new
// file all end up using one file; none replaces another's.
func TestOpenConcurrentCreate(t *testing.T) {
	path := tempPath(t)
	const n = 4
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			// Each holder keeps the file for a few milliseconds, but on a
			// busy machine a waiter may still time out: then try again.
			s, err := Open(path, testOptions)
			for try := 0; errors.Is(err, ErrLocked) && try < 20; try++ {
				s, err = Open(path, testOptions)
			}
			if err != nil {
				errs <- err
				return
			}
			_, err = s.CreateProfile(fmt.Sprintf("learner %d", i), "", t0)
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("opener: %v", err)
		}
	}
	s := openAt(t, path)
	profiles, err := s.Profiles()
	if err != nil || len(profiles) != n {
		t.Errorf("after %d racing creators: %d profiles (%v), want %d", n, len(profiles), err, n)
	}
	if got := dirNames(t, filepath.Dir(path)); !slices.Equal(got, []string{"progress.db"}) {
		t.Errorf("folder holds %q, want only progress.db", got)
	}
}

// TestOpenRefuses: files that are not a current, undamaged progress file
// are refused with the right error naming the file, and left
// byte-for-byte as they were (content, size, mtime, mode), with nothing
// added to their folder. A second attempt gives the same answer, not
// ErrLocked, so the first left no lock behind.
func TestOpenRefuses(t *testing.T) {
	otherBuckets := func(opts *bolt.Options) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			writeBolt(t, path, opts, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("users"))
				if err != nil {
					return err
				}
				for i := range 50 {
					if err := b.Put(fmt.Appendf(nil, "user-%03d", i), []byte("x")); err != nil {
						return err
					}
				}
				return nil
			})
		}
	}
	randomFile := func(size int, seed uint64) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			data := make([]byte, size)
			r := rand.New(rand.NewPCG(seed, 1))
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	progressFile := func(change func(t *testing.T, path string)) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			s, err := Open(path, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			mustProfile(t, s, "Ada")
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			change(t, path)
		}
	}
	schema := func(v string) func(t *testing.T, path string) {
		return progressFile(func(t *testing.T, path string) { setSchema(t, path, v) })
	}
	tests := []struct {
		name     string
		make     func(t *testing.T, path string)
		want     []error // the error must wrap one of these
		contains string  // and its text must contain this
	}{
		{"empty file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, []error{ErrNotProgressFile}, ""},
		{"random 1 byte", randomFile(1, 1), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"random 100 bytes", randomFile(100, 2), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"random 4 KiB", randomFile(4096, 3), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"random 8 KiB", randomFile(8192, 4), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"random 64 KiB", randomFile(64<<10, 5), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"text file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 1000)), 0o600); err != nil {
				t.Fatal(err)
			}
		}, []error{ErrNotProgressFile}, ""},
		{"bbolt file with other buckets", otherBuckets(nil), []error{ErrNotProgressFile}, ""},
		{"bbolt file with other buckets, freelist not synced", otherBuckets(&bolt.Options{NoFreelistSync: true}), []error{ErrNotProgressFile}, ""},
		{"bbolt file with a meta bucket of another app", func(t *testing.T, path string) {
			writeBolt(t, path, nil, func(tx *bolt.Tx) error {
				if err := initialise(tx, SchemaVersion); err != nil {
					return err
				}
				return tx.Bucket(bucketMeta).Put(keyApp, []byte("other"))
			})
		}, []error{ErrNotProgressFile}, ""},
		{"bbolt file without a profiles bucket", func(t *testing.T, path string) {
			writeBolt(t, path, nil, func(tx *bolt.Tx) error {
				if err := initialise(tx, SchemaVersion); err != nil {
					return err
				}
				return tx.DeleteBucket(bucketProfiles)
			})
		}, []error{ErrNotProgressFile}, ""},
		{"newer schema", schema(fmt.Sprint(SchemaVersion + 1)), []error{ErrNewerSchema}, fmt.Sprintf("schema %d", SchemaVersion+1)},
		{"much newer schema", schema("42"), []error{ErrNewerSchema}, "schema 42"},
		{"schema not a number", schema("one"), []error{ErrCorrupt}, `"one"`},
		{"negative schema", schema("-1"), []error{ErrCorrupt}, ""},
		{"no schema", progressFile(func(t *testing.T, path string) {
			writeBolt(t, path, nil, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keySchema) })
		}), []error{ErrCorrupt}, ""},
		{"schema 0 with no upgrade", schema("0"), []error{ErrCorrupt}, "schema 0"},
		{"progress file truncated to one page", progressFile(func(t *testing.T, path string) {
			if err := os.Truncate(path, 4096); err != nil {
				t.Fatal(err)
			}
		}), []error{ErrNotProgressFile, ErrCorrupt}, ""},
		{"progress file truncated inside the second meta page", progressFile(func(t *testing.T, path string) {
			if err := os.Truncate(path, 6000); err != nil {
				t.Fatal(err)
			}
		}), []error{ErrNotProgressFile, ErrCorrupt}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempPath(t)
			tt.make(t, path)
			before := snapshot(t, path)
			for round := range 2 {
				s, err := Open(path, testOptions)
				if err == nil {
					s.Close()
					t.Fatalf("round %d: Open succeeded, want an error", round)
				}
				if s != nil {
					t.Errorf("round %d: Open returned a store with the error", round)
				}
				if !slices.ContainsFunc(tt.want, func(w error) bool { return errors.Is(err, w) }) {
					t.Errorf("round %d: Open error %q does not wrap any of %q", round, err, tt.want)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("round %d: error %q does not name the file", round, err)
				}
				if !strings.Contains(err.Error(), tt.contains) {
					t.Errorf("round %d: error %q does not mention %q", round, err, tt.contains)
				}
				if errors.Is(err, ErrLocked) {
					t.Errorf("round %d: %v; a refused file must not stay locked", round, err)
				}
				assertUnchanged(t, path, before)
			}
			assertReleased(t, path) // last: it may write to a file not ours
		})
	}
}

// TestOpenRefusesFolder: a folder at the path is not a progress file.
func TestOpenRefusesFolder(t *testing.T) {
	path := tempPath(t)
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, testOptions)
	if !errors.Is(err, ErrNotProgressFile) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("Open(folder) = %v, want ErrNotProgressFile", err)
	}
}

// TestOpenLocked: while one Store has the file, a second Open gives up
// with ErrLocked naming the file rather than waiting for it, and the
// first Store is unaffected. (How long it waits first, the one-second
// lock timeout, is measured by BenchmarkOpenLocked, not asserted here.)
func TestOpenLocked(t *testing.T) {
	path := tempPath(t)
	first := openAt(t, path)
	p := mustProfile(t, first, "Ada")

	second, err := Open(path, testOptions)
	if err == nil {
		second.Close()
		t.Fatal("second Open succeeded while the file was open")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second Open error %q does not wrap ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}

	// The first store still reads and writes.
	if err := first.SaveReading(p.ID, LessonKey{"cyber", "intro"}, 0.3, t0); err != nil {
		t.Errorf("first store after the refused Open: %v", err)
	}
	if _, err := first.CreateProfile("Bea", "", t0); err != nil {
		t.Errorf("first store after the refused Open: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	// Once closed, the file opens again.
	third := openAt(t, path)
	if profiles, err := third.Profiles(); err != nil || len(profiles) != 2 {
		t.Errorf("Profiles() = %v, %v; want Ada and Bea", profiles, err)
	}
}
