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
// as [digestOf] does, for a pack stored before digests were kept. A
// digest of the wrong length, or a file entry that is a bucket, is damage.
func storedDigest(b bucket) (PackDigest, error) {
	var d PackDigest
	stored, found, err := b.lookup(keyPackDigest)
	switch {
	case err != nil:
		return d, err
	case found && len(stored) != len(d):
		return d, damaged(b.name, "digest of %d bytes, want %d", len(stored), len(d))
	case found:
		copy(d[:], stored)
		return d, nil
	}
	parsed, err := packParsed(b)
	if err != nil {
		return d, err
	}
	h := newPackHash()
	h.add(parsed)
	files, err := child(b, bucketFiles)
	if err != nil {
		return d, err
	}
	if err := files.ForEach(func(name, data []byte) error { // in name order
		if data == nil {
			return damaged(files.name, "key %s holds a bucket, want a file", quoteKey(name))
		}
		h.add(name, data)
		return nil
	}); err != nil {
		return d, err
	}
	return h.sum(), nil
}

// packParsed reads the validated form of the pack in bucket b: there must
// be one, and it must not be empty.
func packParsed(b bucket) ([]byte, error) {
	data, found, err := b.lookup(keyPackParsed)
	switch {
	case err != nil:
		return nil, err
	case !found || len(data) == 0:
		return nil, damaged(b.name, "no validated pack")
	}
	return data, nil
}

// PackDigest returns the digest of an imported pack as stored: whoever
// keeps decoded packs can tell from it, with one small read, whether
// theirs is still the version stored. For a pack stored before digests
// were kept, it is worked out from the whole pack.
func (s *Store) PackDigest(id string) (PackDigest, error) {
	var d PackDigest
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := packBucket(tx, id)
		if err != nil {
			return err
		}
		d, err = storedDigest(b)
		return err
	})
	if err != nil {
		return d, fmt.Errorf("read digest of pack %s: %w", id, err)
	}
	return d, nil
}

// PackParsed returns an imported pack's validated form with the digest of
// the version it belongs to, read together.
func (s *Store) PackParsed(id string) ([]byte, PackDigest, error) {
	var parsed []byte
	var d PackDigest
	err := s.db.View(func(tx *bolt.Tx) error {
		b, err := packBucket(tx, id)
		if err != nil {
			return err
		}
		if d, err = storedDigest(b); err != nil {
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
		return nil, d, fmt.Errorf("read pack %s: %w", id, err)
	}
	return parsed, d, nil
}
