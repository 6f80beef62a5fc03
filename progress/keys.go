package progress

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Learners are known by their SSH public keys. The keys bucket maps each
// key's SHA256 fingerprint, as golang.org/x/crypto/ssh.FingerprintSHA256
// writes it ("SHA256:" and 43 characters of unpadded base64), to the
// learner it belongs to. A key belongs to one learner; a learner may have
// several keys (a second laptop).

var bucketKeys = []byte("keys")

// maxAuthorizedKey bounds an authorized_keys line: an RSA 16384-bit key
// is under 3 KiB of base64; 16 KiB is more than any real key.
const maxAuthorizedKey = 16 << 10

// Key is one SSH public key bound to a learner.
type Key struct {
	// Fingerprint is the key's SHA256 fingerprint, "SHA256:...".
	Fingerprint string
	// Profile is the learner the key belongs to.
	Profile uint64
	// AuthorizedKey is the key as one authorized_keys line.
	AuthorizedKey string
	// Label says which key it is, for people ("Ada's laptop"); may be empty.
	Label string
	// Added is when the key was bound.
	Added time.Time
}

type keyRecord struct {
	Profile       uint64    `json:"profile"`
	AuthorizedKey string    `json:"key"`
	Label         string    `json:"label,omitempty"`
	Added         time.Time `json:"added"`
}

// Errors about keys. Test for them with errors.Is.
var (
	// ErrKeyInUse: the key is bound to another learner already.
	ErrKeyInUse = errors.New("the key belongs to another learner; each person needs their own key (ssh-keygen -t ed25519 makes one)")
	// ErrBadFingerprint: not a SHA256 fingerprint as ssh.FingerprintSHA256 writes it.
	ErrBadFingerprint = fmt.Errorf(`%w: a key's fingerprint must be "SHA256:" and 43 characters of base64, as ssh-keygen -l shows`, ErrInvalid)
)

// validFingerprint reports whether fp is "SHA256:" and the unpadded
// base64 of 32 bytes, written as Go's encoder writes it.
func validFingerprint(fp string) bool {
	b64, ok := strings.CutPrefix(fp, "SHA256:")
	if !ok || len(b64) != 43 {
		return false
	}
	raw, err := base64.RawStdEncoding.DecodeString(b64)
	return err == nil && len(raw) == 32 && base64.RawStdEncoding.EncodeToString(raw) == b64
}

// keysBucket returns the keys bucket, or ok false when the file has none
// yet (no key was ever added).
func keysBucket(tx *bolt.Tx) (bucket, bool) {
	b := tx.Bucket(bucketKeys)
	return bucket{b, string(bucketKeys)}, b != nil
}

// boundKey reads the entry of a key bound to a learner, with the keys
// bucket; ErrNotFound when the key is bound to no one.
func boundKey(tx *bolt.Tx, fingerprint string) (Key, bucket, error) {
	keys, ok := keysBucket(tx)
	if !ok {
		return Key{}, keys, ErrNotFound
	}
	data, found, err := keys.lookup([]byte(fingerprint))
	if err != nil {
		return Key{}, keys, err
	}
	if !found {
		return Key{}, keys, ErrNotFound
	}
	k, err := keys.keyEntry([]byte(fingerprint), data)
	return k, keys, err
}

// keyEntry decodes one entry of the keys bucket. The key must be a
// fingerprint, the value a record naming a learner and a key line.
func (b bucket) keyEntry(k, v []byte) (Key, error) {
	if !validFingerprint(string(k)) {
		return Key{}, damaged(b.name, "key %s is not a SHA256 fingerprint", quoteKey(k))
	}
	var rec keyRecord
	if err := b.decode(k, v, &rec); err != nil {
		return Key{}, err
	}
	if rec.Profile == 0 || rec.AuthorizedKey == "" {
		return Key{}, damaged(b.name, "key %s has no learner or no public key", quoteKey(k))
	}
	return Key{Fingerprint: string(k), Profile: rec.Profile, AuthorizedKey: rec.AuthorizedKey,
		Label: rec.Label, Added: rec.Added}, nil
}

// checkKeyLine checks an authorized_keys line as the store keeps it: one
// line, printable, of a sane length. Parsing it is the caller's work.
func checkKeyLine(line string) error {
	switch {
	case strings.TrimSpace(line) == "":
		return fmt.Errorf("%w: the public key is empty", ErrInvalid)
	case len(line) > maxAuthorizedKey:
		return fmt.Errorf("%w: the public key is %d bytes, more than %d", ErrInvalid, len(line), maxAuthorizedKey)
	case termsafe.Line(line) != line:
		return fmt.Errorf("%w: the public key must be one line of printable text", ErrInvalid)
	}
	return nil
}

// AddKey binds an SSH public key to a learner: fingerprint is its SHA256
// fingerprint, authorizedKey its authorized_keys line, label a name for
// people. Adding a key the learner has already is harmless (the label
// and line are kept as they were); a key that belongs to another learner
// is refused with ErrKeyInUse.
func (s *Store) AddKey(profile uint64, fingerprint, authorizedKey, label string, at time.Time) error {
	if !validFingerprint(fingerprint) {
		return fmt.Errorf("add key %q: %w", fingerprint, ErrBadFingerprint)
	}
	if err := checkKeyLine(authorizedKey); err != nil {
		return fmt.Errorf("add key: %w", err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := profileBucket(tx, profile); err != nil {
			return err
		}
		return bindKey(tx, profile, fingerprint, authorizedKey, termsafe.Line(label), at)
	})
	if err != nil {
		return fmt.Errorf("add key: %w", err)
	}
	return nil
}

// bindKey binds a key to a learner inside tx, creating the keys bucket
// the first time.
func bindKey(tx *bolt.Tx, profile uint64, fingerprint, authorizedKey, label string, at time.Time) error {
	b, err := tx.CreateBucketIfNotExists(bucketKeys)
	if err != nil {
		return fmt.Errorf("create the keys bucket: %w", err)
	}
	keys := bucket{b, string(bucketKeys)}
	data, found, err := keys.lookup([]byte(fingerprint))
	if err != nil {
		return err
	}
	if found {
		k, err := keys.keyEntry([]byte(fingerprint), data)
		if err != nil {
			return err
		}
		if k.Profile != profile {
			return fmt.Errorf("key %s: %w", fingerprint, ErrKeyInUse)
		}
		return nil
	}
	return keys.put([]byte(fingerprint), keyRecord{Profile: profile, AuthorizedKey: authorizedKey, Label: label, Added: at})
}

// ProfileByKey returns the learner a key belongs to, or ErrNotFound when
// the key is bound to no one.
func (s *Store) ProfileByKey(fingerprint string) (Profile, error) {
	var p Profile
	err := s.db.View(func(tx *bolt.Tx) error {
		k, keys, err := boundKey(tx, fingerprint)
		if err != nil {
			return err
		}
		pb, err := profileBucket(tx, k.Profile)
		if errors.Is(err, ErrNotFound) {
			return damaged(keys.name, "key %s belongs to learner %d, who is not in the file", quoteKey([]byte(fingerprint)), k.Profile)
		} else if err != nil {
			return err
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		p = rec.profile(k.Profile)
		return nil
	})
	if err != nil {
		return Profile{}, fmt.Errorf("find the learner of key %q: %w", fingerprint, err)
	}
	return p, nil
}

// Keys lists a learner's keys, in fingerprint order.
func (s *Store) Keys(profile uint64) ([]Key, error) {
	var out []Key
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := profileBucket(tx, profile); err != nil {
			return err
		}
		return eachKey(tx, func(k Key) error {
			if k.Profile == profile {
				out = append(out, k)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list keys of learner %d: %w", profile, err)
	}
	return out, nil
}

// eachKey calls fn with every key in the file, in fingerprint order.
func eachKey(tx *bolt.Tx, fn func(Key) error) error {
	keys, ok := keysBucket(tx)
	if !ok {
		return nil
	}
	return keys.ForEach(func(k, v []byte) error {
		key, err := keys.keyEntry(k, v)
		if err != nil {
			return err
		}
		return fn(key)
	})
}

// RemoveKey unbinds a key, so it no longer lets anyone in. It returns
// ErrNotFound when the key is bound to no one.
func (s *Store) RemoveKey(fingerprint string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		_, keys, err := boundKey(tx, fingerprint)
		if err != nil {
			return err
		}
		return keys.del([]byte(fingerprint))
	})
	if err != nil {
		return fmt.Errorf("remove key %q: %w", fingerprint, err)
	}
	return nil
}

// removeKeysOf unbinds every key of a learner inside tx and returns how
// many there were.
func removeKeysOf(tx *bolt.Tx, profile uint64) (int, error) {
	var doomed [][]byte
	err := eachKey(tx, func(k Key) error {
		if k.Profile == profile {
			doomed = append(doomed, []byte(k.Fingerprint))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	keys, _ := keysBucket(tx)
	for _, fp := range doomed {
		if err := keys.del(bytes.Clone(fp)); err != nil {
			return 0, err
		}
	}
	return len(doomed), nil
}
