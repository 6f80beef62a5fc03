package progress

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// Invites enrol learners: a trainer or admin issues a one-time code for a
// named learner, and the person who types it in an SSH session has the
// key they connected with bound to that learner.
//
// The file keeps no code, only HMAC-SHA256(secret, code), where secret is
// 32 random bytes made once per file and kept in meta/invite_secret. What
// this protects: a copy of the file alone, or a listing of the invites
// bucket, does not give the codes, and since the hash is keyed the codes
// (about 50 bits) cannot be tried offline from the hashes without the
// secret. What it does not protect: the secret is in the same file, so
// whoever has the whole file has the secret and can try every code
// offline; and whoever can write the file needs no invite at all. Keep
// the file and its backups as private as the learners' records; the
// codes' short life (14 days) and single use limit what a leaked code can
// do.

var (
	bucketInvites   = []byte("invites")
	keyInviteSecret = []byte("invite_secret")
)

// InviteHashSize is the size of an invite code's hash, the key of its
// record: HMAC-SHA256.
const InviteHashSize = 32

// inviteSecretSize is the size of the per-file HMAC secret.
const inviteSecretSize = 32

// Invite is a one-time invitation for a learner, as stored: never its code.
type Invite struct {
	Name   string
	Role   string // the learning role (an audience id)
	Team   string
	Access Access // what they may do; AccessLearner when empty
	// TimeZone is the learner's IANA time zone; empty keeps theirs (the
	// server's for a new learner).
	TimeZone string
	// Manager is the id of the learner's manager, set when it is
	// redeemed; 0 keeps theirs.
	Manager uint64
	// Created is when it was issued; Expires when it stops working.
	Created, Expires time.Time
	// Used is when it was redeemed; zero while it is unused.
	Used time.Time
	// Profile is the learner it enrolled; 0 while it is unused.
	Profile uint64
}

type inviteRecord struct {
	Name     string    `json:"name"`
	Role     string    `json:"role"`
	Team     string    `json:"team,omitempty"`
	Access   Access    `json:"access"`
	TimeZone string    `json:"time_zone,omitempty"`
	Manager  uint64    `json:"manager,omitempty"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires"`
	Used     time.Time `json:"used,omitzero"`
	Profile  uint64    `json:"profile,omitempty"`
}

// Errors about invites. Test for them with errors.Is; an invite that does
// not exist is ErrNotFound.
var (
	ErrInviteExpired = errors.New("the invite code has expired; ask your trainer for a new one")
	ErrInviteUsed    = errors.New("the invite code has been used already; ask your trainer for a new one")
	// ErrInviteAccess: the invite names a learner who has access it does
	// not cover, so redeeming it would hand their profile to whoever holds
	// the code.
	ErrInviteAccess = errors.New("the invite names a learner with more access than it gives; an admin must issue an invite at their level")
)

// InviteSecret returns the file's secret for hashing invite codes
// (HMAC-SHA256), making it the first time it is asked for.
func (s *Store) InviteSecret() ([]byte, error) {
	var secret []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		secret, err = readInviteSecret(tx)
		return err
	})
	if err == nil && secret == nil {
		err = s.db.Update(func(tx *bolt.Tx) error {
			var err error
			if secret, err = readInviteSecret(tx); err != nil || secret != nil {
				return err // made meanwhile, or damaged
			}
			fresh := make([]byte, inviteSecretSize)
			rand.Read(fresh) // never fails (crypto/rand, Go 1.24+)
			meta := bucket{tx.Bucket(bucketMeta), string(bucketMeta)}
			if err := meta.putBytes(keyInviteSecret, fresh); err != nil {
				return err
			}
			secret = fresh
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read the invite secret: %w", err)
	}
	return secret, nil
}

// readInviteSecret returns a copy of the secret, or nil when there is none.
func readInviteSecret(tx *bolt.Tx) ([]byte, error) {
	meta := bucket{tx.Bucket(bucketMeta), string(bucketMeta)}
	data, found, err := meta.lookup(keyInviteSecret)
	switch {
	case err != nil:
		return nil, err
	case !found:
		return nil, nil
	case len(data) != inviteSecretSize:
		return nil, damaged(meta.name, "key %s has %d bytes, want %d", quoteKey(keyInviteSecret), len(data), inviteSecretSize)
	}
	return bytes.Clone(data), nil
}

// inviteEntry decodes one entry of the invites bucket.
func (b bucket) inviteEntry(k, v []byte) (Invite, error) {
	if len(k) != InviteHashSize {
		return Invite{}, damaged(b.name, "key %s of %d bytes, want %d", quoteKey(k), len(k), InviteHashSize)
	}
	var rec inviteRecord
	if err := b.decode(k, v, &rec); err != nil {
		return Invite{}, err
	}
	if rec.Name == "" || rec.Expires.IsZero() || !rec.Access.Valid() || (rec.Used.IsZero() != (rec.Profile == 0)) || !plausibleZoneName(rec.TimeZone) {
		return Invite{}, damaged(b.name, "key %s: the invite lacks a name, an expiry or a valid access level, has a bad time zone, or is half used", quoteKey(k))
	}
	return Invite(rec), nil
}

// CreateInvite stores an invite under the hash of its code (see
// [Store.InviteSecret]). The name loses control characters and extra
// spaces; a name, a role and an expiry after its creation are required,
// and an empty access is a learner's.
func (s *Store) CreateInvite(inv Invite, codeHash []byte) error {
	inv, err := checkNewInvite(inv, codeHash)
	if err != nil {
		return fmt.Errorf("create invite: %w", err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error { return putInvite(tx, inv, codeHash) })
	if err != nil {
		return fmt.Errorf("create invite for %q: %w", inv.Name, err)
	}
	return nil
}

// checkNewInvite cleans and checks a new invite (see [Store.CreateInvite]).
func checkNewInvite(inv Invite, codeHash []byte) (Invite, error) {
	inv.Name, inv.Role, inv.Team = termsafe.Line(inv.Name), termsafe.Line(inv.Role), termsafe.Line(inv.Team)
	inv.Access = inv.Access.orLearner()
	switch {
	case len(codeHash) != InviteHashSize:
		return inv, fmt.Errorf("%w: the code's hash has %d bytes, want %d", ErrInvalid, len(codeHash), InviteHashSize)
	case inv.Name == "":
		return inv, ErrEmptyName
	case inv.Role == "":
		return inv, fmt.Errorf("%w: the learning role is empty", ErrInvalid)
	case !inv.Access.Valid():
		return inv, ErrInvalidAccess
	case !inv.Expires.After(inv.Created):
		return inv, fmt.Errorf("%w: it expires before it is created", ErrInvalid)
	case !inv.Used.IsZero() || inv.Profile != 0:
		return inv, fmt.Errorf("%w: a new invite is unused", ErrInvalid)
	}
	if inv.TimeZone != "" {
		if _, err := LoadTimeZone(inv.TimeZone); err != nil {
			return inv, err
		}
	}
	return inv, nil
}

// putInvite stores a checked new invite inside tx, creating the invites
// bucket the first time.
func putInvite(tx *bolt.Tx, inv Invite, codeHash []byte) error {
	b, err := tx.CreateBucketIfNotExists(bucketInvites)
	if err != nil {
		return fmt.Errorf("create the invites bucket: %w", err)
	}
	invites := bucket{b, string(bucketInvites)}
	if _, found, err := invites.lookup(codeHash); err != nil {
		return err
	} else if found {
		return fmt.Errorf("%w: an invite with that code exists already; make another code", ErrInvalid)
	}
	return invites.put(bytes.Clone(codeHash), inviteRecord(inv))
}

// Invites lists every invite, used or not, oldest first. Codes are not
// kept, so none is listed.
func (s *Store) Invites() ([]Invite, error) {
	var out []Invite
	err := s.db.View(func(tx *bolt.Tx) error {
		return eachInvite(tx, func(_ []byte, inv Invite) error {
			out = append(out, inv)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list invites: %w", err)
	}
	sortInvites(out)
	return out, nil
}

func sortInvites(invs []Invite) {
	for i := 1; i < len(invs); i++ { // insertion sort: stable, and lists are short
		for j := i; j > 0 && invs[j].Created.Before(invs[j-1].Created); j-- {
			invs[j], invs[j-1] = invs[j-1], invs[j]
		}
	}
}

// eachInvite calls fn with every invite and its key, in key order.
func eachInvite(tx *bolt.Tx, fn func(key []byte, inv Invite) error) error {
	b := tx.Bucket(bucketInvites)
	if b == nil {
		return nil
	}
	invites := bucket{b, string(bucketInvites)}
	return invites.ForEach(func(k, v []byte) error {
		inv, err := invites.inviteEntry(k, v)
		if err != nil {
			return err
		}
		return fn(k, inv)
	})
}

// RedeemInvite enrols the holder of a key with an invite, in one
// transaction: the invite must exist (ErrNotFound), be unused
// (ErrInviteUsed) and unexpired at the time given (ErrInviteExpired), and
// the key must belong to no other learner (ErrKeyInUse). An invite names
// a learner: if there is no learner of that name, one is made with the
// invite's role, team and access; if there is, the invite was for them,
// and the key is bound to their profile, which takes the invite's role,
// team and access, unless they have access the invite does not cover
// ([Access.Covers]), which is refused with ErrInviteAccess (so an invite
// cannot hand an admin's profile to someone else). The invite is then
// marked used. It returns the learner.
func (s *Store) RedeemInvite(codeHash []byte, fingerprint, authorizedKey string, at time.Time) (Profile, error) {
	if !validFingerprint(fingerprint) {
		return Profile{}, fmt.Errorf("redeem invite: %w", ErrBadFingerprint)
	}
	if err := checkKeyLine(authorizedKey); err != nil {
		return Profile{}, fmt.Errorf("redeem invite: %w", err)
	}
	var p Profile
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketInvites)
		if b == nil {
			return ErrNotFound
		}
		invites := bucket{b, string(bucketInvites)}
		data, found, err := invites.lookup(codeHash)
		if err != nil {
			return err
		}
		if !found {
			return ErrNotFound
		}
		inv, err := invites.inviteEntry(codeHash, data)
		switch {
		case err != nil:
			return err
		case !inv.Used.IsZero():
			return ErrInviteUsed
		case !at.Before(inv.Expires):
			return fmt.Errorf("%w (it expired on %s)", ErrInviteExpired, inv.Expires.Format("2 January 2006"))
		}
		p, err = enrol(tx, inv, at)
		if err != nil {
			return err
		}
		if err := bindKey(tx, p.ID, fingerprint, authorizedKey, "", at); err != nil {
			return err
		}
		inv.Used, inv.Profile = at, p.ID
		return invites.put(bytes.Clone(codeHash), inviteRecord(inv))
	})
	if err != nil {
		return Profile{}, fmt.Errorf("redeem invite: %w", err)
	}
	return p, nil
}

// enrol makes or updates the learner an invite names, inside tx.
func enrol(tx *bolt.Tx, inv Invite, at time.Time) (Profile, error) {
	existing, found, err := findProfile(tx, inv.Name)
	if err != nil {
		return Profile{}, err
	}
	if !found {
		id, err := newProfile(tx, inv.Name, inv.Role, at)
		if err != nil {
			return Profile{}, err
		}
		existing = Profile{ID: id}
	} else if !inv.Access.Covers(existing.Access) {
		return Profile{}, fmt.Errorf("%q is %s: %w", existing.Name, existing.Access, ErrInviteAccess)
	}
	pb, err := profileBucket(tx, existing.ID)
	if err != nil {
		return Profile{}, err
	}
	rec, err := readProfile(pb)
	if err != nil {
		return Profile{}, err
	}
	rec.Role, rec.Team, rec.Access = inv.Role, inv.Team, inv.Access
	if inv.TimeZone != "" {
		rec.TimeZone = inv.TimeZone
	}
	if err := pb.put(keyProfile, rec); err != nil {
		return Profile{}, err
	}
	if inv.Manager != 0 {
		// A manager purged since, or who would make a loop, is left out:
		// the enrolment itself must not fail for it.
		err := setManager(tx, existing.ID, inv.Manager)
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrManagerLoop) {
			return Profile{}, err
		}
		if err == nil {
			rec.Manager = inv.Manager
		}
	}
	return rec.profile(existing.ID), nil
}

// RemoveLearner takes a learner's access away: every key they have is
// unbound, their access becomes learner's, and every unused invite in
// their name and every device code of theirs is deleted, so nobody can connect as them any more. Their
// records stay (they can be enrolled again), unless purge is true, when
// their profile and all their records are deleted too. It returns how
// many keys were unbound.
func (s *Store) RemoveLearner(profile uint64, purge bool) (int, error) {
	var removed int
	err := s.db.Update(func(tx *bolt.Tx) error {
		pb, err := profileBucket(tx, profile)
		if err != nil {
			return err
		}
		rec, err := readProfile(pb)
		if err != nil {
			return err
		}
		if removed, err = removeKeysOf(tx, profile); err != nil {
			return err
		}
		if err := deleteInvitesFor(tx, rec.Name); err != nil {
			return err
		}
		if err := deleteDeviceCodesOf(tx, profile); err != nil {
			return err
		}
		if purge {
			if err := tx.Bucket(bucketProfiles).DeleteBucket(itob(profile)); err != nil {
				return err
			}
			return clearManager(tx, profile)
		}
		rec.Access = AccessLearner
		return pb.put(keyProfile, rec)
	})
	if err != nil {
		return 0, fmt.Errorf("remove learner %d: %w", profile, err)
	}
	return removed, nil
}

// deleteInvitesFor deletes every unused invite naming a learner.
func deleteInvitesFor(tx *bolt.Tx, name string) error {
	var doomed [][]byte
	err := eachInvite(tx, func(k []byte, inv Invite) error {
		if inv.Used.IsZero() && strings.EqualFold(inv.Name, name) {
			doomed = append(doomed, bytes.Clone(k))
		}
		return nil
	})
	if err != nil || len(doomed) == 0 {
		return err
	}
	invites := bucket{tx.Bucket(bucketInvites), string(bucketInvites)}
	for _, k := range doomed {
		if err := invites.del(k); err != nil {
			return err
		}
	}
	return nil
}
