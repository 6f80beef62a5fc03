package badge

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/upskill-council/upskill/internal/badge/ld"
	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// SignProof signs the credential with an eddsa-rdfc-2022 Data Integrity
// proof made now with the issuer's current key, and returns it as JSON.
func SignProof(is *badgeissuer.Issuer, c Credential, now time.Time) ([]byte, error) {
	c.Proof = nil
	doc, err := toJSONValue(c)
	if err != nil {
		return nil, err
	}
	proof := Proof{Type: ProofType, Cryptosuite: Cryptosuite, Created: timestamp(now),
		VerificationMethod: is.VerificationMethod(), ProofPurpose: ProofPurpose}
	config, err := toJSONValue(proof)
	if err != nil {
		return nil, err
	}
	data, err := hashData(doc.(map[string]any), config.(map[string]any))
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	proof.ProofValue = badgeissuer.EncodeMultibase(is.Sign(data))
	c.Proof = []Proof{proof}
	out, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("sign the credential: %w", err)
	}
	return append(out, '\n'), nil
}

// hashData is what eddsa-rdfc-2022 signs: the SHA-256 of the canonical
// proof options (with the document's @context) followed by the SHA-256 of
// the canonical document without its proof.
func hashData(doc, proofConfig map[string]any) ([]byte, error) {
	unsecured := map[string]any{}
	for k, v := range doc {
		if k != "proof" {
			unsecured[k] = v
		}
	}
	options := map[string]any{"@context": doc["@context"]}
	for k, v := range proofConfig {
		if k != "proofValue" {
			options[k] = v
		}
	}
	canonOptions, err := ld.Canonical(options)
	if err != nil {
		return nil, fmt.Errorf("the proof options: %w", err)
	}
	canonDoc, err := ld.Canonical(unsecured)
	if err != nil {
		return nil, fmt.Errorf("the credential: %w", err)
	}
	if canonDoc == "" {
		return nil, errors.New("the credential: it says nothing that JSON-LD understands")
	}
	h1, h2 := sha256.Sum256([]byte(canonOptions)), sha256.Sum256([]byte(canonDoc))
	return append(h1[:], h2[:]...), nil
}

// verifyProof checks a Data Integrity proof over the decoded document
// with the key of its verification method, and returns that method.
func verifyProof(doc map[string]any, resolve badgeissuer.Resolver) (string, error) {
	raw, ok := doc["proof"]
	if !ok {
		return "", errors.New("the credential has no proof: it is not signed")
	}
	if list, ok := raw.([]any); ok && len(list) == 1 {
		raw = list[0]
	}
	proof, ok := raw.(map[string]any)
	if !ok {
		return "", errors.New("the proof is not one JSON object (Upskill checks credentials with one proof)")
	}
	str := func(k string) string { s, _ := proof[k].(string); return s }
	switch {
	case str("type") != ProofType:
		return "", fmt.Errorf("the proof's type is %q, not %s", str("type"), ProofType)
	case str("cryptosuite") != Cryptosuite:
		return "", fmt.Errorf("the proof's cryptosuite is %q; Upskill checks %s", str("cryptosuite"), Cryptosuite)
	case str("proofPurpose") != ProofPurpose:
		return "", fmt.Errorf("the proof's purpose is %q, not %s", str("proofPurpose"), ProofPurpose)
	}
	if _, err := parseTime(str("created")); err != nil {
		return "", fmt.Errorf("the proof's creation time: %w", err)
	}
	sig, err := badgeissuer.DecodeMultibase(str("proofValue"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return "", errors.New("the proof's value is not an Ed25519 signature in multibase")
	}
	vm := str("verificationMethod")
	pub, controller, err := resolve.Resolve(vm)
	if err != nil {
		return "", err
	}
	if err := checkController(doc, controller); err != nil {
		return "", err
	}
	data, err := hashData(doc, proof)
	if err != nil {
		return "", err
	}
	if !ed25519.Verify(pub, data, sig) {
		return "", errors.New("the signature does not match: the credential was changed after it was signed, or was signed with another key")
	}
	return vm, nil
}

// checkController checks that the key belongs to the credential's issuer.
func checkController(doc map[string]any, did string) error {
	issuer, _ := doc["issuer"].(map[string]any)
	id, _ := issuer["id"].(string)
	if id != did {
		return fmt.Errorf("the signing key belongs to %s, not to the issuer %s", did, id)
	}
	return nil
}

// toJSONValue turns a value into decoded JSON (maps and slices), as the
// JSON-LD processor takes it.
func toJSONValue(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return out, nil
}

// parseTime reads an XML Schema dateTime as credentials write it.
func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date and time such as 2026-01-31T09:00:00Z", s)
	}
	return t, nil
}
