package progress

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Device codes add a key to a learner who is already enrolled: from a
// session with one of their keys, a learner asks for a one-time code, and
// typing that code on the enrolment screen of a new computer binds the new
// computer's key to the same learner. Like invites, the file keeps no
// code, only its HMAC-SHA256 under the file's invite secret (see
// invites.go for what that protects); the callers hash a device code
// apart from an invite code (internal/invite.DeviceHash), so one can never
// be taken for the other.

var bucketDevices = []byte("devices")

// DeviceCode is a one-time code for adding a key to a learner, as stored:
// never its code.
type DeviceCode struct {
	// Profile is the learner the code adds a key to.
	Profile uint64
	// Created is when it was asked for; Expires when it stops working.
	Created, Expires time.Time
	// Used is when it added a key; zero while it is unused.
	Used time.Time
	// Key is the fingerprint of the key it added; empty while unused.
	Key string
}

type deviceRecord struct {
	Profile uint64    `json:"profile"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
	Used    time.Time `json:"used,omitzero"`
	Key     string    `json:"key,omitempty"`
}

// Errors about device codes and keys. Test for them with errors.Is; a
// code that does not exist, or whose learner has since been removed, is
// ErrNotFound.
var (
	ErrDeviceCodeExpired = errors.New("the code has expired; ask for a new one from a computer Upskill knows (ssh HOST keys code)")
	ErrDeviceCodeUsed    = errors.New("the code has been used already; ask for a new one from a computer Upskill knows (ssh HOST keys code)")
	// ErrLastKey: removing the key would leave the learner no way in.
	ErrLastKey = errors.New("that is the learner's only key: add another first, or ask an admin to remove the learner")
	// ErrNoKey: only a learner with a key may ask for a device code.
	ErrNoKey = errors.New("the learner has no key yet: enrol with an invite first")
)

// deviceEntry decodes one entry of the devices bucket.
func (b bucket) deviceEntry(k, v []byte) (DeviceCode, error) {
	if len(k) != InviteHashSize {
		return DeviceCode{}, damaged(b.name, "key %s of %d bytes, want %d", quoteKey(k), len(k), InviteHashSize)
	}
	var rec deviceRecord
	if err := b.decode(k, v, &rec); err != nil {
		return DeviceCode{}, err
	}
	usedHalf := rec.Used.IsZero() != (rec.Key == "")
	if rec.Profile == 0 || rec.Expires.IsZero() || usedHalf || (rec.Key != "" && !validFingerprint(rec.Key)) {
		return DeviceCode{}, damaged(b.name, "key %s: the code lacks a learner or an expiry, or is half used", quoteKey(k))
	}
	return DeviceCode(rec), nil
}

// eachDeviceCode calls fn with every device code and its key, in key order.
func eachDeviceCode(tx *bolt.Tx, fn func(key []byte, dc DeviceCode) error) error {
	b := tx.Bucket(bucketDevices)
	if b == nil {
		return nil
	}
	devices := bucket{b, string(bucketDevices)}
	return devices.ForEach(func(k, v []byte) error {
		dc, err := devices.deviceEntry(k, v)
		if err != nil {
			return err
		}
		return fn(k, dc)
	})
}

// keyCount counts a learner's keys inside tx.
func keyCount(tx *bolt.Tx, profile uint64) (int, error) {
	n := 0
	err := eachKey(tx, func(k Key) error {
		if k.Profile == profile {
			n++
		}
		return nil
	})
	return n, err
}

// CreateDeviceCode stores a new device code (by its hash) for a learner
// who has at least one key (ErrNoKey otherwise), valid from created until
// expires. It cancels every other code of that learner, so only the
// newest works, and deletes every expired code in the file.
func (s *Store) CreateDeviceCode(profile uint64, codeHash []byte, created, expires time.Time) error {
	switch {
	case len(codeHash) != InviteHashSize:
		return fmt.Errorf("create device code: %w: the code's hash has %d bytes, want %d", ErrInvalid, len(codeHash), InviteHashSize)
	case !expires.After(created):
		return fmt.Errorf("create device code: %w: it expires before it is created", ErrInvalid)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := profileBucket(tx, profile); err != nil {
			return err
		}
		if n, err := keyCount(tx, profile); err != nil {
			return err
		} else if n == 0 {
			return ErrNoKey
		}
		var doomed [][]byte
		err := eachDeviceCode(tx, func(k []byte, dc DeviceCode) error {
			if dc.Profile == profile || !created.Before(dc.Expires) {
				doomed = append(doomed, bytes.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketDevices)
		if err != nil {
			return fmt.Errorf("create the devices bucket: %w", err)
		}
		devices := bucket{b, string(bucketDevices)}
		for _, k := range doomed {
			if err := devices.del(k); err != nil {
				return err
			}
		}
		if _, found, err := devices.lookup(codeHash); err != nil {
			return err
		} else if found {
			return fmt.Errorf("%w: a device code with that hash exists already; make another code", ErrInvalid)
		}
		return devices.put(bytes.Clone(codeHash), deviceRecord{Profile: profile, Created: created, Expires: expires})
	})
	if err != nil {
		return fmt.Errorf("create device code for learner %d: %w", profile, err)
	}
	return nil
}

// RedeemDeviceCode binds a new key to the learner a device code was made
// for, in one transaction: the code must exist (ErrNotFound), be unused
// (ErrDeviceCodeUsed) and unexpired at the time given
// (ErrDeviceCodeExpired); its learner must still exist and still have a
// key (a learner removed since has none: ErrNotFound); and the new key
// must belong to no other learner (ErrKeyInUse). The code is then marked
// used. It returns the learner. It never makes a learner.
func (s *Store) RedeemDeviceCode(codeHash []byte, fingerprint, authorizedKey string, at time.Time) (Profile, error) {
	if !validFingerprint(fingerprint) {
		return Profile{}, fmt.Errorf("redeem device code: %w", ErrBadFingerprint)
	}
	if err := checkKeyLine(authorizedKey); err != nil {
		return Profile{}, fmt.Errorf("redeem device code: %w", err)
	}
	var p Profile
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDevices)
		if b == nil {
			return ErrNotFound
		}
		devices := bucket{b, string(bucketDevices)}
		data, found, err := devices.lookup(codeHash)
		if err != nil {
			return err
		}
		if !found {
			return ErrNotFound
		}
		dc, err := devices.deviceEntry(codeHash, data)
		switch {
		case err != nil:
			return err
		case !dc.Used.IsZero():
			return ErrDeviceCodeUsed
		case !at.Before(dc.Expires):
			return fmt.Errorf("%w (it expired at %s)", ErrDeviceCodeExpired, dc.Expires.Format("15:04 on 2 January 2006"))
		}
		pb, err := profileBucket(tx, dc.Profile)
		if err != nil {
			return err
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		if n, err := keyCount(tx, dc.Profile); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("the learner has no key any more: %w", ErrNotFound)
		}
		if err := bindKey(tx, dc.Profile, fingerprint, authorizedKey, "", at); err != nil {
			return err
		}
		p = rec.profile(dc.Profile)
		dc.Used, dc.Key = at, fingerprint
		return devices.put(bytes.Clone(codeHash), deviceRecord(dc))
	})
	if err != nil {
		return Profile{}, fmt.Errorf("redeem device code: %w", err)
	}
	return p, nil
}

// RemoveLearnerKey unbinds one of a learner's own keys. A key that is not
// theirs (someone else's, or nobody's) is ErrNotFound, so that a learner
// learns nothing of other learners' keys; their only key is refused with
// ErrLastKey.
func (s *Store) RemoveLearnerKey(profile uint64, fingerprint string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if _, err := profileBucket(tx, profile); err != nil {
			return err
		}
		k, keys, err := boundKey(tx, fingerprint)
		if err != nil {
			return err
		}
		if k.Profile != profile {
			return ErrNotFound
		}
		if n, err := keyCount(tx, profile); err != nil {
			return err
		} else if n < 2 {
			return ErrLastKey
		}
		return keys.del([]byte(fingerprint))
	})
	if err != nil {
		return fmt.Errorf("remove key %q of learner %d: %w", fingerprint, profile, err)
	}
	return nil
}

// deleteDeviceCodesOf deletes every device code of a learner inside tx.
func deleteDeviceCodesOf(tx *bolt.Tx, profile uint64) error {
	var doomed [][]byte
	err := eachDeviceCode(tx, func(k []byte, dc DeviceCode) error {
		if dc.Profile == profile {
			doomed = append(doomed, bytes.Clone(k))
		}
		return nil
	})
	if err != nil || len(doomed) == 0 {
		return err
	}
	devices := bucket{tx.Bucket(bucketDevices), string(bucketDevices)}
	for _, k := range doomed {
		if err := devices.del(k); err != nil {
			return err
		}
	}
	return nil
}
