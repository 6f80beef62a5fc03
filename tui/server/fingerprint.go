package server

import (
	"encoding/base64"
	"errors"
	"strings"
)

// ErrBadFingerprint is what ParseFingerprint returns for text that is not
// a key's SHA256 fingerprint.
var ErrBadFingerprint = errors.New(`not a key fingerprint: give it as keys list shows it, "SHA256:" and 43 letters, digits, + and /`)

// ParseFingerprint reads a key's SHA256 fingerprint as typed on the
// command line: "SHA256:" (in any case) and 43 characters of unpadded
// base64, the form ssh-keygen -l and keys list show. Surrounding spaces
// go; anything else, including a padded or over-long one, is
// ErrBadFingerprint.
func ParseFingerprint(typed string) (string, error) {
	t := strings.TrimSpace(typed)
	if len(t) > 7 && strings.EqualFold(t[:7], "SHA256:") {
		t = t[7:]
	} else {
		return "", ErrBadFingerprint
	}
	if len(t) != 43 {
		return "", ErrBadFingerprint
	}
	raw, err := base64.RawStdEncoding.DecodeString(t)
	if err != nil || len(raw) != 32 || base64.RawStdEncoding.EncodeToString(raw) != t {
		return "", ErrBadFingerprint
	}
	return "SHA256:" + t, nil
}
