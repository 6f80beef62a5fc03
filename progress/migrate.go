package progress

import (
	"fmt"
	"os"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// migration moves a file from schema version from to from+1, inside one
// transaction.
type migration struct {
	from  int
	apply func(tx *bolt.Tx) error
}

// migrations lists every step from an older schema to [SchemaVersion], in
// order. When the layout changes, raise SchemaVersion and add a step here.
var migrations = []migration{
	// Schema 2 stores imported packs.
	{from: 1, apply: func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketPacks)
		return err
	}},
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
			if err := step.apply(tx); err != nil {
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
