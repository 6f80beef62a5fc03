package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestProgressOnDamagedRecords runs upskill progress on files whose pages
// are sound but one record is damaged: it must exit 1 with a message
// starting "upskill:", never panic, and leave the file's bytes as they
// were.
func TestProgressOnDamagedRecords(t *testing.T) {
	profile := func(tx *bolt.Tx) *bolt.Bucket {
		return tx.Bucket([]byte("profiles")).Bucket([]byte{0, 0, 0, 0, 0, 0, 0, 1})
	}
	firstKey := func(b *bolt.Bucket) []byte {
		k, _ := b.Cursor().First()
		return bytes.Clone(k)
	}
	for _, c := range []struct {
		name   string
		damage func(tx *bolt.Tx) error
	}{
		{"a 3-byte key in the due index", func(tx *bolt.Tx) error {
			return profile(tx).Bucket([]byte("due")).Put([]byte{1, 2, 3}, []byte("3"))
		}},
		{"a due index entry that is not a rating", func(tx *bolt.Tx) error {
			due := profile(tx).Bucket([]byte("due"))
			return due.Put(firstKey(due), []byte(`{"wrong":"type"}`))
		}},
		{"a learner's key of 3 bytes", func(tx *bolt.Tx) error {
			_, err := tx.Bucket([]byte("profiles")).CreateBucket([]byte{0, 0, 1})
			return err
		}},
		{"a truncated profile record", func(tx *bolt.Tx) error {
			pb := profile(tx)
			v := pb.Get([]byte("profile"))
			return pb.Put([]byte("profile"), bytes.Clone(v[:len(v)/2]))
		}},
		{"an empty lesson record", func(tx *bolt.Tx) error {
			lessons := profile(tx).Bucket([]byte("lessons"))
			return lessons.Put(firstKey(lessons), []byte{})
		}},
		{"a day that is not a date", func(tx *bolt.Tx) error {
			days := profile(tx).Bucket([]byte("days"))
			return days.Put([]byte("2025-13-45\xff"), days.Get(firstKey(days)))
		}},
		{"a huge time value", func(tx *bolt.Tx) error {
			return profile(tx).Bucket([]byte("time")).Put([]byte("review"), bytes.Repeat([]byte(" "), 2<<20))
		}},
		{"the due index replaced by a value", func(tx *bolt.Tx) error {
			pb := profile(tx)
			if err := pb.DeleteBucket([]byte("due")); err != nil {
				return err
			}
			return pb.Put([]byte("due"), []byte("{}"))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "upskill.db")
			seedLearner(t, db, "Sam Patel", "staff")
			bdb, err := bolt.Open(db, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := bdb.Update(c.damage); err != nil {
				bdb.Close()
				t.Fatal(err)
			}
			if err := bdb.Close(); err != nil {
				t.Fatal(err)
			}
			before := digest(t, db)
			for _, args := range [][]string{{"progress", "--db", db}, {"progress", "--json", "--db", db}} {
				r := upskill(t, nil, args...)
				if r.code != 1 || !strings.HasPrefix(r.stderr, "upskill: ") {
					t.Errorf("upskill %v: exit %d, stderr %q; want exit 1 and a message starting \"upskill: \"", args, r.code, r.stderr)
				}
				if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
					t.Errorf("upskill %v panicked:\n%s", args, r.stderr)
				}
				if !strings.Contains(r.stderr, "damaged") || !strings.Contains(r.stderr, "hint:") {
					t.Errorf("upskill %v: stderr %q does not say the file is damaged, with a hint", args, r.stderr)
				}
			}
			if digest(t, db) != before {
				t.Error("the damaged file was changed")
			}
		})
	}
}
