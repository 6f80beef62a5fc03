package progress

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// migration moves a file from schema version from to from+1, inside one
// transaction, with the review policy the store was opened with.
type migration struct {
	from  int
	apply func(tx *bolt.Tx, policy Policy) error
}

// migrations lists every step from an older schema to [SchemaVersion], in
// order. When the layout changes, raise SchemaVersion and add a step here.
var migrations = []migration{
	// Schema 2 stores imported packs.
	{from: 1, apply: func(tx *bolt.Tx, _ Policy) error {
		_, err := tx.CreateBucketIfNotExists(bucketPacks)
		return err
	}},
	// Schema 3 adds review cards, review sessions and time spent, and
	// counts streak days by what was finished.
	{from: 2, apply: migrateTo3},
	// Schema 4 adds optional profile fields (access, team, time zone,
	// manager) that older versions would drop when rewriting a profile;
	// no record changes, only the version, so that they refuse the file.
	{from: 3, apply: func(*bolt.Tx, Policy) error { return nil }},
}

// migrateTo3 gives every learner the schema-3 buckets, a review card for
// every question they have answered (scheduled from their answers, oldest
// first, rated by policy.RatePast), and keeps their past days counting
// towards their streak.
func migrateTo3(tx *bolt.Tx, policy Policy) error {
	profiles := bucket{tx.Bucket(bucketProfiles), string(bucketProfiles)}
	return profiles.ForEach(func(k, v []byte) error {
		id, err := profiles.id(k)
		if err != nil {
			return err
		}
		if v != nil {
			return damaged(profiles.name, "key %s holds a value, want a learner's bucket", quoteKey(k))
		}
		pb := bucket{profiles.Bucket.Bucket(k), fmt.Sprintf("profiles/%d", id)}
		for _, name := range profileBuckets {
			if _, err := pb.CreateBucketIfNotExists(name); err != nil {
				return damaged(pb.name, "bucket %q: %v", name, err)
			}
		}
		days, err := child(pb, bucketDays)
		if err != nil {
			return err
		}
		if err := days.ForEach(func(k, v []byte) error {
			if _, err := days.day(k); err != nil {
				return err
			}
			var rec dayRecord
			if err := days.decode(k, v, &rec); err != nil {
				return err
			}
			rec.Legacy = true
			return days.put(k, rec)
		}); err != nil {
			return err
		}
		type answered struct {
			key CardKey
			ans Answer
		}
		var all []answered
		answers, err := child(pb, bucketAnswers)
		if err != nil {
			return err
		}
		if err := answers.ForEach(func(k, v []byte) error {
			// <pack>\0<lesson>\0<8-byte attempt>\0<question>
			parts := bytes.SplitN(k, []byte{0}, 3)
			if len(parts) != 3 || len(parts[2]) < 10 || parts[2][8] != 0 {
				return damaged(answers.name, "key %s is not <pack>, <lesson>, <attempt>, <question>", quoteKey(k))
			}
			key, err := answers.cardKey(join(parts[0], parts[1], parts[2][9:]))
			if err != nil {
				return err
			}
			var ans Answer
			if err := answers.decode(k, v, &ans); err != nil {
				return err
			}
			all = append(all, answered{key, ans})
			return nil
		}); err != nil {
			return err
		}
		slices.SortStableFunc(all, func(a, b answered) int { return a.ans.At.Compare(b.ans.At) })
		if len(all) > 0 && policy == nil {
			return fmt.Errorf("rate past answers: %w", ErrNoPolicy)
		}
		for _, a := range all {
			if err := reviewCard(pb, policy, a.key, policy.RatePast(a.ans), a.ans.At); err != nil {
				return err
			}
		}
		return nil
	})
}

// migrate brings a file from an older schema up to date. It first copies
// the file to PATH.schema-N.bak so that a failed migration can be undone by
// hand, then applies each step in its own transaction with the new version
// number, so a crash leaves the file at a consistent version.
func (s *Store) migrate(version int) error {
	for v := version; v < SchemaVersion; v++ {
		if _, ok := findMigration(v); !ok { // refuse before writing a backup
			return fmt.Errorf("%s: %w (no upgrade from schema %d)", s.path, ErrCorrupt, v)
		}
	}
	backup := fmt.Sprintf("%s.schema-%d.bak", s.path, version)
	if err := s.backup(backup); err != nil {
		return fmt.Errorf("back up before upgrading %s: %w", s.path, err)
	}
	for v := version; v < SchemaVersion; v++ {
		step, ok := findMigration(v)
		if !ok {
			return fmt.Errorf("%s: %w (no upgrade from schema %d)", s.path, ErrCorrupt, v)
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := step.apply(tx, s.policy); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(v+1)))
		})
		if err != nil {
			return fmt.Errorf("upgrade %s from schema %d (a copy is in %s): %w", s.path, v, backup, err)
		}
	}
	return nil
}

func findMigration(from int) (migration, bool) {
	for _, m := range migrations {
		if m.from == from {
			return m, true
		}
	}
	return migration{}, false
}

// backup writes a consistent copy of the file.
func (s *Store) backup(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, fileMode)
	if err != nil {
		return err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
