package accounts

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/termsafe"
)

// maxKeyFile bounds a public key file: the largest real one (RSA 16384
// bits) is under 3 KiB.
const maxKeyFile = 16 << 10

// minRSABits is the smallest RSA key accepted, as OpenSSH's own minimum.
const minRSABits = 2048

// Errors about key files. Test for them with errors.Is.
var (
	// ErrPrivateKey: the file is a private key, which must never leave its owner.
	ErrPrivateKey = errors.New("that is a PRIVATE key: never share it; give the public key, the file ending in .pub (for example id_ed25519.pub)")
	// ErrNotKey: the file is not an OpenSSH public key.
	ErrNotKey = errors.New("that is not an OpenSSH public key: it should be one line starting ssh-ed25519 (make one with ssh-keygen -t ed25519)")
	// ErrWeakKey: a DSA key, or an RSA key shorter than 2048 bits.
	ErrWeakKey = errors.New("that key type is too weak: make an ed25519 key with ssh-keygen -t ed25519")
)

// PublicKey is a learner's SSH public key, checked.
type PublicKey struct {
	// Fingerprint is ssh.FingerprintSHA256 of the key: how it is looked up.
	Fingerprint string
	// Line is the key as one authorized_keys line, with its comment
	// (cleaned) and no options.
	Line string
	// Comment is the key's comment, often user@host; may be empty.
	Comment string
}

// KeyFromSSH is the PublicKey of a key an SSH client has proven it holds,
// for enrolling it from a session.
func KeyFromSSH(pk ssh.PublicKey) PublicKey {
	return PublicKey{Fingerprint: ssh.FingerprintSHA256(pk), Line: strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk)))}
}

// ParseKey reads an OpenSSH public key file (one authorized_keys line). It
// refuses a private key (ErrPrivateKey), anything that is not a public
// key (ErrNotKey), a file of several keys, and weak keys (ErrWeakKey).
func ParseKey(data []byte) (PublicKey, error) {
	if bytes.Contains(data, []byte("PRIVATE KEY")) {
		return PublicKey{}, ErrPrivateKey
	}
	if len(data) > maxKeyFile {
		return PublicKey{}, fmt.Errorf("%w (the file has %d bytes; a public key has under 3,000)", ErrNotKey, len(data))
	}
	pk, comment, _, rest, err := ssh.ParseAuthorizedKey(data)
	if err != nil {
		return PublicKey{}, fmt.Errorf("%w (%v)", ErrNotKey, err)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		if _, _, _, _, err := ssh.ParseAuthorizedKey(rest); err == nil {
			return PublicKey{}, fmt.Errorf("%w: the file holds more than one key; give one key per learner", ErrNotKey)
		}
	}
	if err := checkStrength(pk); err != nil {
		return PublicKey{}, err
	}
	k := KeyFromSSH(pk)
	if k.Comment = termsafe.Line(comment); k.Comment != "" {
		k.Line += " " + k.Comment
	}
	return k, nil
}

// keyAlgoDSA is the type of a DSA key, which x/crypto no longer names (it
// no longer supports DSA): such a key is refused, not parsed further.
const keyAlgoDSA = "ssh-dss"

// checkStrength refuses DSA keys and short RSA keys.
func checkStrength(pk ssh.PublicKey) error {
	if pk.Type() == keyAlgoDSA {
		return fmt.Errorf("%w (DSA)", ErrWeakKey)
	}
	if c, ok := pk.(ssh.CryptoPublicKey); ok {
		if r, ok := c.CryptoPublicKey().(*rsa.PublicKey); ok && r.N.BitLen() < minRSABits {
			return fmt.Errorf("%w (RSA of %d bits; at least %d)", ErrWeakKey, r.N.BitLen(), minRSABits)
		}
	}
	return nil
}
