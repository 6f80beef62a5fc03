// Package invite makes and reads the one-time codes that enrol a learner
// over SSH. A code is 10 characters of Crockford's base32 alphabet (digits
// and capital letters without I, L, O and U), 50 bits from crypto/rand,
// shown in groups as K7QM-4XPR-2D. People type codes in any case, with
// spaces or dashes, and may type the look-alikes O for 0 and I or L for 1:
// [Normalise] accepts all of that. Codes are never stored: [Hash] keys
// HMAC-SHA256 with a secret the progress file keeps, and the hash is what
// the file holds. The same codes, hashed apart with [DeviceHash], let an
// enrolled learner add a key from a new computer (a device code).
package invite

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Alphabet is the 32 characters a code is made of.
const Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Length is the number of characters in a code: 10 of 32 is 50 bits.
const Length = 10

// Validity is how long an invite works after it is made.
const Validity = 14 * 24 * time.Hour

// MaxAttempts is how many wrong codes one connection may type before it is
// ended.
const MaxAttempts = 5

// maxTyped bounds what Normalise reads: a code with a space or dash
// between every character is under 20; anything much longer is not a code.
const maxTyped = 64

// ErrBadCode is returned for text that cannot be a code.
var ErrBadCode = errors.New("that is not an invite code: a code has 10 letters and digits, like K7QM-4XPR-2D")

// Generate makes a new code from crypto/rand, in its display form
// (see [Format]).
func Generate() string {
	var raw [Length]byte
	rand.Read(raw[:]) // never fails (crypto/rand, Go 1.24+)
	code := make([]byte, Length)
	for i, b := range raw {
		code[i] = Alphabet[b&31] // 256 is a multiple of 32: no bias
	}
	return Format(string(code))
}

// Format shows a normalised code in groups of four: K7QM-4XPR-2D.
func Format(code string) string {
	var b strings.Builder
	for i, r := range code {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Normalise turns a code as someone typed it into its canonical form:
// capitals, no spaces or dashes, O read as 0 and I or L as 1. It returns
// ErrBadCode for anything that is not 10 characters of the alphabet then.
func Normalise(typed string) (string, error) {
	if len(typed) > maxTyped {
		return "", fmt.Errorf("%w (%d characters typed)", ErrBadCode, len(typed))
	}
	code := make([]byte, 0, Length)
	for _, r := range typed {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		switch r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if !strings.ContainsRune(Alphabet, r) {
			return "", fmt.Errorf("%w (%q is not used in codes)", ErrBadCode, r)
		}
		code = append(code, byte(r))
	}
	if len(code) != Length {
		return "", fmt.Errorf("%w (%d letters and digits typed)", ErrBadCode, len(code))
	}
	return string(code), nil
}

// Hash is the HMAC-SHA256 of a code under the progress file's secret
// (progress.Store.InviteSecret): the key the invite is stored under. The
// code may be as typed; it is normalised first.
func Hash(secret []byte, typed string) ([]byte, error) {
	code, err := Normalise(typed)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(code))
	return mac.Sum(nil), nil
}

// DeviceValidity is how long a device code works: a learner asks for one
// on the computer Upskill knows and types it on the new one straight
// away.
const DeviceValidity = time.Hour

// deviceDomain is mixed into a device code's hash, so that a device code
// and an invite code, made alike, can never be taken for each other.
const deviceDomain = "upskill device code\x00"

// DeviceHash is the HMAC-SHA256 of a device code (a code that adds a key
// to a learner already enrolled; made with [Generate] like an invite's)
// under the progress file's secret. It differs from [Hash] of the same
// code. The code may be as typed; it is normalised first.
func DeviceHash(secret []byte, typed string) ([]byte, error) {
	code, err := Normalise(typed)
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(deviceDomain + code))
	return mac.Sum(nil), nil
}
