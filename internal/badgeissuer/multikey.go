package badgeissuer

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// ed25519Multicodec is the multicodec prefix of an Ed25519 public key
// (0xed, as an unsigned varint).
var ed25519Multicodec = []byte{0xed, 0x01}

// base58Alphabet is Bitcoin's base58 alphabet, which multibase's "z"
// (base58btc) uses.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// EncodeMultibase encodes b as multibase base58btc: "z" and base58.
func EncodeMultibase(b []byte) string {
	n := new(big.Int).SetBytes(b)
	var out []byte
	radix, mod := big.NewInt(58), new(big.Int)
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, base58Alphabet[0])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return "z" + string(out)
}

// DecodeMultibase decodes a multibase base58btc string ("z..."). Other
// bases are refused.
func DecodeMultibase(s string) ([]byte, error) {
	if !strings.HasPrefix(s, "z") {
		return nil, errors.New("not multibase base58btc (it must start with z)")
	}
	s = s[1:]
	if len(s) == 0 || len(s) > 256 {
		return nil, fmt.Errorf("multibase value of %d characters is empty or too long", len(s))
	}
	n := new(big.Int)
	radix := big.NewInt(58)
	zeros := 0
	for i := 0; i < len(s) && s[i] == base58Alphabet[0]; i++ {
		zeros++
	}
	for _, r := range s {
		d := strings.IndexRune(base58Alphabet, r)
		if d < 0 {
			return nil, fmt.Errorf("%q is not a base58 character", r)
		}
		n.Mul(n, radix).Add(n, big.NewInt(int64(d)))
	}
	return append(make([]byte, zeros), n.Bytes()...), nil
}

// PublicKeyMultibase is an Ed25519 public key as a Multikey's
// publicKeyMultibase ("z6Mk..."), which is also the key's part of a
// did:key.
func PublicKeyMultibase(pub ed25519.PublicKey) string {
	return EncodeMultibase(append(append([]byte{}, ed25519Multicodec...), pub...))
}

// ParsePublicKeyMultibase decodes a Multikey's publicKeyMultibase and
// checks it is an Ed25519 key.
func ParsePublicKeyMultibase(s string) (ed25519.PublicKey, error) {
	b, err := DecodeMultibase(s)
	if err != nil {
		return nil, fmt.Errorf("public key %q: %w", s, err)
	}
	if len(b) != len(ed25519Multicodec)+ed25519.PublicKeySize || b[0] != ed25519Multicodec[0] || b[1] != ed25519Multicodec[1] {
		return nil, fmt.Errorf("public key %q is not an Ed25519 key", s)
	}
	return ed25519.PublicKey(b[len(ed25519Multicodec):]), nil
}
