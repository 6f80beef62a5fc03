package progress

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// keyPackDigest, inside a pack's bucket, holds the pack's [PackDigest],
// written with it by [Store.PutPack].
var keyPackDigest = []byte("digest")

// PackDigest identifies one stored version of an imported pack: the
// SHA-256 of its validated form and its files. Storing a pack with other
// content changes it.
type PackDigest [sha256.Size]byte

// packHash adds a pack's parts to a digest, each with its length, so that
// no two different packs give the same stream.
type packHash struct{ h hash.Hash }

func newPackHash() packHash { return packHash{sha256.New()} }

func (p packHash) add(parts ...[]byte) {
	for _, b := range parts {
		p.h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(b))))
		p.h.Write(b)
	}
}

func (p packHash) sum() (d PackDigest) {
	p.h.Sum(d[:0])
	return d
}

// digestOf works out the digest of a pack to store: its validated form,
// then its files in the order of their names.
func digestOf(p StoredPack) PackDigest {
	h := newPackHash()
	h.add(p.Parsed)
	for _, name := range slices.Sorted(maps.Keys(p.Files)) {
		h.add([]byte(name), p.Files[name])
	}
	return h.sum()
}

// storedDigest reads the digest of the pack in bucket b, or works it out,
// as [digestOf] does, for a pack stored before digests were kept.
func storedDigest(b *bolt.Bucket) (PackDigest, error) {
	var d PackDigest
	if stored := b.Get(keyPackDigest); len(stored) == len(d) {
		copy(d[:], stored)
		return d, nil
	}
	h := newPackHash()
	h.add(b.Get(keyPackParsed))
	if files := b.Bucket(bucketFiles); files != nil {
		if err := files.ForEach(func(name, data []byte) error { // in name order
			h.add(name, data)
			return nil
		}); err != nil {
			return d, err
		}
	}
	return h.sum(), nil
}

// PackDigest returns the digest of an imported pack as stored: whoever
// keeps decoded packs can tell from it, with one small read, whether
// theirs is still the version stored. For a pack stored before digests
// were kept, it is worked out from the whole pack.
func (s *Store) PackDigest(id string) (PackDigest, error) {
	var d PackDigest
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPacks).Bucket([]byte(id))
		if b == nil {
			return fmt.Errorf("pack %q: %w", id, ErrNotFound)
		}
		var err error
		d, err = storedDigest(b)
		return err
	})
	return d, err
}

// PackParsed returns an imported pack's validated form with the digest of
// the version it belongs to, read together.
func (s *Store) PackParsed(id string) ([]byte, PackDigest, error) {
	var parsed []byte
	var d PackDigest
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPacks).Bucket([]byte(id))
		if b == nil {
			return fmt.Errorf("pack %q: %w", id, ErrNotFound)
		}
		var err error
		if d, err = storedDigest(b); err != nil {
			return err
		}
		parsed = bytes.Clone(b.Get(keyPackParsed))
		return nil
	})
	return parsed, d, err
}
