package badge

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/go-jose/go-jose/v4"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// SignJWT signs the credential as a VC-JWT: a compact JWS (EdDSA, typ
// JWT, kid the issuer's verification method) whose payload is the
// credential with the claims iss (issuer id), sub (subject id), nbf
// (validFrom), jti (credential id) and, when it lapses, exp (validUntil).
func SignJWT(is *badgeissuer.Issuer, c Credential) ([]byte, error) {
	c.Proof = nil
	v, err := toJSONValue(c)
	if err != nil {
		return nil, err
	}
	payload := v.(map[string]any)
	from, err := parseTime(c.ValidFrom)
	if err != nil {
		return nil, err
	}
	payload["iss"], payload["sub"], payload["jti"], payload["nbf"] = c.Issuer.ID, c.CredentialSubject.ID, c.ID, from.Unix()
	if c.ValidUntil != "" {
		until, err := parseTime(c.ValidUntil)
		if err != nil {
			return nil, err
		}
		payload["exp"] = until.Unix()
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	opts := (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", is.VerificationMethod())
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: is.SigningKey()}, opts)
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	jws, err := signer.Sign(body)
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	return []byte(s + "\n"), nil
}

// verifyJWT checks a VC-JWT's signature with the key its kid names, and
// that its claims match the credential; it returns the payload and the
// key's verification method.
func verifyJWT(text string, resolve badgeissuer.Resolver) (map[string]any, string, error) {
	jws, err := jose.ParseSignedCompact(text, []jose.SignatureAlgorithm{jose.EdDSA})
	if err != nil {
		if strings.Contains(err.Error(), "unexpected signature algorithm") {
			return nil, "", errors.New("the JWT is not signed with EdDSA, the algorithm Upskill issues with")
		}
		return nil, "", fmt.Errorf("this is not a credential: neither JSON nor a well-formed JWT (%w)", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, "", errors.New("the JWT does not have exactly one signature")
	}
	h := jws.Signatures[0].Header
	if h.ExtraHeaders[jose.HeaderType] != nil && h.ExtraHeaders[jose.HeaderType] != "JWT" {
		return nil, "", fmt.Errorf("the JWT's typ is %v, not JWT", h.ExtraHeaders[jose.HeaderType])
	}
	pub, controller, err := resolve.Resolve(h.KeyID)
	if err != nil {
		return nil, "", err
	}
	body, err := jws.Verify(pub)
	if err != nil {
		return nil, "", errors.New("the JWT's signature does not match: it was changed after it was signed, or signed with another key")
	}
	var payload map[string]any
	if err := json.Unmarshal(body, &payload); err != nil {
		return nil, "", errors.New("the JWT's payload is not a JSON object")
	}
	if err := checkController(payload, controller); err != nil {
		return nil, "", err
	}
	if err := checkClaims(payload); err != nil {
		return nil, "", err
	}
	for _, claim := range []string{"iss", "sub", "nbf", "jti", "exp", "iat", "aud"} {
		delete(payload, claim)
	}
	return payload, h.KeyID, nil
}

// checkClaims checks that the JWT claims say what the credential says.
func checkClaims(p map[string]any) error {
	issuer, _ := p["issuer"].(map[string]any)
	subject, _ := p["credentialSubject"].(map[string]any)
	mismatch := func(claim string) error {
		return fmt.Errorf("the JWT claim %s does not match the credential", claim)
	}
	if p["iss"] == nil || p["iss"] != issuer["id"] {
		return mismatch("iss (the issuer's id)")
	}
	if p["jti"] == nil || p["jti"] != p["id"] {
		return mismatch("jti (the credential's id)")
	}
	if p["sub"] != subject["id"] {
		return mismatch("sub (the learner's id)")
	}
	if err := claimTime(p, "nbf", "validFrom"); err != nil {
		return err
	}
	if p["validUntil"] != nil || p["exp"] != nil {
		return claimTime(p, "exp", "validUntil")
	}
	return nil
}

// claimTime checks a NumericDate claim against a credential date.
func claimTime(p map[string]any, claim, field string) error {
	n, ok := p[claim].(float64)
	s, _ := p[field].(string)
	t, err := parseTime(s)
	if !ok || err != nil || int64(n) != t.Unix() {
		return fmt.Errorf("the JWT claim %s does not match the credential's %s", claim, field)
	}
	return nil
}
