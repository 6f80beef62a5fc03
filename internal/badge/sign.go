package badge

import (
	"fmt"
	"time"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// Format is how a credential is signed and written.
type Format string

// The formats of an exported credential.
const (
	// FormatJSON is the credential as JSON with an eddsa-rdfc-2022 Data
	// Integrity proof.
	FormatJSON Format = "json"
	// FormatJWT is the credential as a VC-JWT (a compact JWS, EdDSA).
	FormatJWT Format = "jwt"
)

// ParseFormat reads --format: json or jwt.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case FormatJSON, FormatJWT:
		return Format(s), nil
	}
	return "", fmt.Errorf("format %q: use json (a Data Integrity proof) or jwt (a VC-JWT)", s)
}

// Ext is the file extension for the format.
func (f Format) Ext() string {
	if f == FormatJWT {
		return ".jwt"
	}
	return ".json"
}

// Sign signs the credential now with the issuer's current key, in the
// form asked.
func Sign(is *badgeissuer.Issuer, c Credential, f Format, now time.Time) ([]byte, error) {
	if f == FormatJWT {
		return SignJWT(is, c)
	}
	return SignProof(is, c, now)
}
