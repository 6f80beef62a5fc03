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
		packs := packsBucket(tx)
		if _, found, err := nested(packs, []byte(p.Info.ID), p.Info.ID); err != nil {
			return err
		} else if found {
			if err := packs.DeleteBucket([]byte(p.Info.ID)); err != nil {
				return err
			}
		}
		created, err := packs.CreateBucket([]byte(p.Info.ID))
		if err != nil {
			return err
		}
		b := bucket{created, "packs/" + p.Info.ID}
		if err := b.put(keyPackInfo, p.Info); err != nil {
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
		atTxPoint("put-pack")
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
		packs := packsBucket(tx)
		return packs.ForEach(func(k, v []byte) error {
			id, err := packs.text(k, k)
			if err != nil {
				return err
			}
			if v != nil {
				return damaged(packs.name, "key %s holds a value, want a pack's bucket", quoteKey(k))
			}
			info, err := readPackInfo(bucket{packs.Bucket.Bucket(k), "packs/" + id}, id)
			if err != nil {
				return err
			}
			out = append(out, info)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read packs: %w", err)
	}
	slices.SortFunc(out, func(a, b PackInfo) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// packsBucket is the bucket of imported packs, which Open makes sure
// exists.
func packsBucket(tx *bolt.Tx) bucket { return bucket{tx.Bucket(bucketPacks), string(bucketPacks)} }

// packBucket returns the bucket of the imported pack id, or ErrNotFound.
func packBucket(tx *bolt.Tx, id string) (bucket, error) {
	b, found, err := nested(packsBucket(tx), []byte(id), "packs/"+id)
	if err != nil {
		return bucket{}, err
	}
	if !found {
		return bucket{}, fmt.Errorf("pack %q: %w", id, ErrNotFound)
	}
	return b, nil
}

// readPackInfo reads the info of the pack id from its bucket b: it must
// be there and name the pack.
func readPackInfo(b bucket, id string) (PackInfo, error) {
	var info PackInfo
	found, err := b.get(keyPackInfo, &info)
	switch {
	case err != nil:
		return info, err
	case !found:
		return info, damaged(b.name, "no info")
	case info.ID != id:
		return info, damaged(b.name, "the info names pack %q", info.ID)
	}
	return info, nil
}

// Pack returns an imported pack's info and its validated form.
func (s *Store) Pack(id string) (PackInfo, []byte, error) {
	var info PackInfo
	var parsed []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := packBucket(tx, id)
		if err != nil {
			return err
		}
		if info, err = readPackInfo(b, id); err != nil {
			return err
		}
		data, err := packParsed(b)
		if err != nil {
			return err
		}
		parsed = bytes.Clone(data)
		return nil
	})
	if err != nil {
		return PackInfo{}, nil, fmt.Errorf("read pack %s: %w", id, err)
	}
	return info, parsed, nil
}

// PackFiles returns the files of an imported pack as they were imported.
func (s *Store) PackFiles(id string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := packBucket(tx, id)
		if err != nil {
			return err
		}
		files, err := child(b, bucketFiles)
		if err != nil {
			return err
		}
		return files.ForEach(func(k, v []byte) error {
			name, err := files.text(k, k)
			if err != nil {
				return err
			}
			if v == nil {
				return damaged(files.name, "key %s holds a bucket, want a file", quoteKey(k))
			}
			out[name] = bytes.Clone(v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read files of pack %s: %w", id, err)
	}
	return out, nil
}

// RemovePack deletes an imported pack. Learners' progress in it (lesson
// records, attempts, answers and badges) is kept unless purgeProgress is
// set, so that importing the pack again picks up where they were.
func (s *Store) RemovePack(id string, purgeProgress bool) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := packBucket(tx, id); err != nil {
			return err
		}
		if err := tx.Bucket(bucketPacks).DeleteBucket([]byte(id)); err != nil {
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
	return eachProfile(tx, func(_ Profile, pb bucket) error {
		for _, name := range [][]byte{bucketLessons, bucketAttempts, bucketAnswers, bucketBadges, bucketCards, bucketTime} {
			b, err := child(pb, name)
			if err != nil {
				return err
			}
			var keys [][]byte
			c := b.Cursor()
			for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
				keys = append(keys, bytes.Clone(key))
			}
			for _, key := range keys {
				if err := b.del(key); err != nil {
					return err
				}
			}
		}
		if err := purgeCompletions(pb, prefix); err != nil {
			return err
		}
		// The due index is ordered by time, so its entries for the pack
		// are found by the card key after the 8-byte time.
		due, err := child(pb, bucketDue)
		if err != nil {
			return err
		}
		var keys [][]byte
		if err := due.ForEach(func(key, v []byte) error {
			d, err := due.dueEntry(key, v)
			if err != nil {
				return err
			}
			if d.Key.Pack == pack {
				keys = append(keys, bytes.Clone(key))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, key := range keys {
			if err := due.del(key); err != nil {
				return err
			}
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		if rec.LastPack == pack {
			rec.LastPack, rec.LastLesson = "", ""
			return pb.put(keyProfile, rec)
		}
		return nil
	})
}
