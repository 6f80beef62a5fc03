package progress

import (
	"bytes"
	"cmp"

	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Keys inside a pack's bucket.
var (
	keyPackInfo   = []byte("info")
	keyPackParsed = []byte("parsed")
	bucketFiles   = []byte("files")
)

// PackInfo describes an imported pack, for listings.
type PackInfo struct {
	ID        string    `json:"id"`
	Version   string    `json:"version"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary,omitempty"`
	Modules   int       `json:"modules"`
	Lessons   int       `json:"lessons"`
	Questions int       `json:"questions"`
	Badges    int       `json:"badges"`
	Imported  time.Time `json:"imported"`
	Source    string    `json:"source,omitempty"` // where it was imported from
}

// StoredPack is an imported pack as the store keeps it: what it is, the
// validated pack (encoded by the lessons package, so that learners need
// not parse Markdown at start-up), and every file of the pack as imported
// (to export it, and to validate it again after an upgrade of Upskill).
type StoredPack struct {
	Info   PackInfo
	Parsed []byte
	Files  map[string][]byte
}

// PutPack stores a pack, replacing any pack with the same id, in one
// transaction: either all of it is in the file afterwards, or, if
// anything fails, the file is as it was. Learners' progress is keyed by
// pack, lesson and question ids, so it carries over to the new version.
func (s *Store) PutPack(p StoredPack) error {
	if p.Info.ID == "" {
		return fmt.Errorf("store pack: %w", ErrEmptyName)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		packs := tx.Bucket(bucketPacks)
		if packs.Bucket([]byte(p.Info.ID)) != nil {
			if err := packs.DeleteBucket([]byte(p.Info.ID)); err != nil {
				return err
			}
		}
		b, err := packs.CreateBucket([]byte(p.Info.ID))
		if err != nil {
			return err
		}
		if err := put(b, keyPackInfo, p.Info); err != nil {
			return err
		}
		if err := b.Put(keyPackParsed, p.Parsed); err != nil {
			return err
		}
		digest := digestOf(p)
		if err := b.Put(keyPackDigest, digest[:]); err != nil {
			return err
		}
		files, err := b.CreateBucket(bucketFiles)
		if err != nil {
			return err
		}
		for name, data := range p.Files {
			if err := files.Put([]byte(name), data); err != nil {
				return fmt.Errorf("file %q: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store pack %s: %w", p.Info.ID, err)
	}
	return nil
}

// Packs lists the imported packs, by title.
func (s *Store) Packs() ([]PackInfo, error) {
	var out []PackInfo
	err := s.db.View(func(tx *bolt.Tx) error {
		packs := tx.Bucket(bucketPacks)
		return packs.ForEachBucket(func(k []byte) error {
			var info PackInfo
			if _, err := get(packs.Bucket(k), keyPackInfo, &info); err != nil {
				return err
			}
			out = append(out, info)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b PackInfo) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// Pack returns an imported pack's info and its validated form.
func (s *Store) Pack(id string) (PackInfo, []byte, error) {
	var info PackInfo
	var parsed []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPacks).Bucket([]byte(id))
		if b == nil {
			return fmt.Errorf("pack %q: %w", id, ErrNotFound)
		}
		if _, err := get(b, keyPackInfo, &info); err != nil {
			return err
		}
		parsed = bytes.Clone(b.Get(keyPackParsed))
		return nil
	})
	return info, parsed, err
}

// PackFiles returns the files of an imported pack as they were imported.
func (s *Store) PackFiles(id string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPacks).Bucket([]byte(id))
		if b == nil {
			return fmt.Errorf("pack %q: %w", id, ErrNotFound)
		}
		return b.Bucket(bucketFiles).ForEach(func(k, v []byte) error {
			out[string(k)] = bytes.Clone(v)
			return nil
		})
	})
	return out, err
}

// RemovePack deletes an imported pack. Learners' progress in it (lesson
// records, attempts, answers and badges) is kept unless purgeProgress is
// set, so that importing the pack again picks up where they were.
func (s *Store) RemovePack(id string, purgeProgress bool) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		packs := tx.Bucket(bucketPacks)
		if packs.Bucket([]byte(id)) == nil {
			return fmt.Errorf("pack %q: %w", id, ErrNotFound)
		}
		if err := packs.DeleteBucket([]byte(id)); err != nil {
			return err
		}
		if !purgeProgress {
			return nil
		}
		return purgePack(tx, id)
	})
	if err != nil {
		return fmt.Errorf("remove pack: %w", err)
	}
	return nil
}

// purgePack deletes every learner's records for a pack.
func purgePack(tx *bolt.Tx, pack string) error {
	prefix := append([]byte(pack), 0)
	profiles := tx.Bucket(bucketProfiles)
	return profiles.ForEachBucket(func(k []byte) error {
		pb := profiles.Bucket(k)
		for _, name := range [][]byte{bucketLessons, bucketAttempts, bucketAnswers, bucketBadges, bucketCards, bucketTime} {
			b := pb.Bucket(name)
			var keys [][]byte
			c := b.Cursor()
			for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
				keys = append(keys, bytes.Clone(key))
			}
			for _, key := range keys {
				if err := b.Delete(key); err != nil {
					return err
				}
			}
		}
		// The due index is ordered by time, so its entries for the pack
		// are found by the card key after the 8-byte time.
		due := pb.Bucket(bucketDue)
		var keys [][]byte
		if err := due.ForEach(func(key, _ []byte) error {
			if len(key) > 8 && bytes.HasPrefix(key[8:], prefix) {
				keys = append(keys, bytes.Clone(key))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, key := range keys {
			if err := due.Delete(key); err != nil {
				return err
			}
		}
		var rec profileRecord
		if _, err := get(pb, keyProfile, &rec); err != nil {
			return err
		}
		if rec.LastPack == pack {
			rec.LastPack, rec.LastLesson = "", ""
			return put(pb, keyProfile, rec)
		}
		return nil
	})
}
