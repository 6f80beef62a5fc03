package server

import (
	"errors"
	"fmt"
	"time"

	"github.com/upskill-council/upskill/internal/invite"
	"github.com/upskill-council/upskill/progress"
)

// A device code adds a key to a learner already enrolled: from a session
// with a key the server knows, the learner runs `ssh HOST keys code`; on
// the new computer, whose key the server does not know, they type the
// code on the enrolment screen, and the new key is bound to the same
// learner. Codes are made as invite codes are (internal/invite), hashed
// apart from them (invite.DeviceHash) under the file's invite secret,
// work once, for invite.DeviceValidity (an hour), and only the newest of
// a learner's codes works.

// issuedDevice is a device code just made, with the only copy of its code.
type issuedDevice struct {
	code    string // in display form, K7QM-4XPR-2D
	expires time.Time
}

// issueDeviceCode makes a device code for learner p, cancelling any
// earlier one of theirs.
func (s *Server) issueDeviceCode(p progress.Profile, now time.Time) (issuedDevice, error) {
	store := s.cfg.Store
	if store == nil {
		return issuedDevice{}, errNoStore
	}
	secret, err := store.InviteSecret()
	if err != nil {
		return issuedDevice{}, err
	}
	code := invite.Generate()
	hash, err := invite.DeviceHash(secret, code)
	if err != nil {
		return issuedDevice{}, fmt.Errorf("hash the new code: %w", err)
	}
	expires := now.Add(invite.DeviceValidity)
	if err := store.CreateDeviceCode(p.ID, hash, now, expires); err != nil {
		return issuedDevice{}, err
	}
	return issuedDevice{code: code, expires: expires}, nil
}

// errNoStore is what the keys commands say on a server with no progress
// file (only the parser's tests make one).
var errNoStore = errors.New("this server has no progress file")

// redeemCode binds the session's new key with a code typed on the
// enrolment screen: a device code first (it never makes a learner), then,
// when the code is no device code, an invite through the Directory. It
// reports whether the key was added with a device code.
func (s *Server) redeemCode(code string, id identity, now time.Time) (p progress.Profile, device bool, err error) {
	if store := s.cfg.Store; store != nil {
		p, err = s.redeemDeviceCode(store, code, id, now)
		switch {
		case err == nil:
			return p, true, nil
		case !errors.Is(err, progress.ErrNotFound) && !errors.Is(err, invite.ErrBadCode):
			return p, true, err
		}
	}
	p, err = s.cfg.Directory.Enrol(code, id.fingerprint, id.authorizedKey, now)
	return p, false, err
}

// redeemDeviceCode is redeemCode for device codes only.
func (s *Server) redeemDeviceCode(store *progress.Store, code string, id identity, now time.Time) (progress.Profile, error) {
	secret, err := store.InviteSecret()
	if err != nil {
		return progress.Profile{}, err
	}
	hash, err := invite.DeviceHash(secret, code)
	if err != nil {
		return progress.Profile{}, err
	}
	return store.RedeemDeviceCode(hash, id.fingerprint, id.authorizedKey, now)
}
