package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// MaxCredentialSize is the largest file verify reads: Upskill's
// credentials are a few kilobytes.
const MaxCredentialSize = 256 << 10

// Result is what verify found in a credential that checked out.
type Result struct {
	// Form is "Data Integrity proof (eddsa-rdfc-2022)" or "VC-JWT (EdDSA)".
	Form        string
	IssuerID    string
	IssuerName  string
	Achievement string
	// Learner is how the credential identifies the learner: a name, or
	// a hashed email address.
	Learner    string
	ValidFrom  time.Time
	ValidUntil time.Time // zero: never lapses
	// KeyID is the verification method that signed it.
	KeyID string
}

// ErrNotVerified wraps every reason a credential fails to verify.
var ErrNotVerified = errors.New("not verified")

// Verify checks a credential, either form, offline: its signature or
// proof with the key its issuer's DID gives, the dates against now, and
// its structure against the Open Badges 3.0 schema. Every failure is an
// error wrapping ErrNotVerified that says what is wrong; it never panics.
func Verify(data []byte, resolve badgeissuer.Resolver, now time.Time) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("%w: the credential could not be read (%v)", ErrNotVerified, r)
		}
	}()
	res, err = verify(data, resolve, now)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %w", ErrNotVerified, err)
	}
	return res, nil
}

func verify(data []byte, resolve badgeissuer.Resolver, now time.Time) (Result, error) {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0:
		return Result{}, errors.New("the file is empty")
	case len(data) > MaxCredentialSize:
		return Result{}, fmt.Errorf("the file is %d KiB; a credential is at most %d KiB", len(data)>>10, MaxCredentialSize>>10)
	case !utf8.Valid(data):
		return Result{}, errors.New("the file is not text (UTF-8): it is not a credential")
	}
	var res Result
	var doc map[string]any
	if data[0] == '{' {
		var err error
		if doc, err = decodeObject(data); err != nil {
			return Result{}, err
		}
		if err := checkStructure(doc, data); err != nil {
			return Result{}, err
		}
		if res.KeyID, err = verifyProof(doc, resolve); err != nil {
			return Result{}, err
		}
		res.Form = "Data Integrity proof (" + Cryptosuite + ")"
	} else {
		payload, kid, err := verifyJWT(string(data), resolve)
		if err != nil {
			return Result{}, err
		}
		body, _ := json.Marshal(payload)
		if err := checkStructure(payload, body); err != nil {
			return Result{}, err
		}
		if _, signed := payload["proof"]; signed {
			if _, err := verifyProof(payload, resolve); err != nil {
				return Result{}, fmt.Errorf("the JWT's credential carries a proof that fails: %w", err)
			}
		}
		doc, res.KeyID, res.Form = payload, kid, "VC-JWT (EdDSA)"
	}
	return describe(doc, res, now)
}

// decodeObject decodes one JSON object and nothing after it.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("the file is not complete, valid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the file has more after the credential's closing brace")
	}
	return doc, nil
}

// checkStructure checks the contexts and types first, so the commonest
// mistakes are said plainly, then the whole against the schema.
func checkStructure(doc map[string]any, data []byte) error {
	ctx, _ := doc["@context"].([]any)
	if len(ctx) != len(Contexts) || ctx[0] != Contexts[0] || ctx[1] != Contexts[1] {
		return fmt.Errorf("its @context must be exactly %q and %q (Open Badges 3.0.3); it is %s", Contexts[0], Contexts[1], short(doc["@context"]))
	}
	types, _ := doc["type"].([]any)
	if !slices.Contains(types, any("VerifiableCredential")) || !slices.Contains(types, any("OpenBadgeCredential")) {
		return fmt.Errorf("its type must include VerifiableCredential and OpenBadgeCredential; it is %s", short(doc["type"]))
	}
	return CheckSchema(data)
}

// describe checks the dates and says what the credential is.
func describe(doc map[string]any, res Result, now time.Time) (Result, error) {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	issuer, _ := doc["issuer"].(map[string]any)
	subject, _ := doc["credentialSubject"].(map[string]any)
	achievement, _ := subject["achievement"].(map[string]any)
	res.IssuerID, res.IssuerName, res.Achievement = str(issuer, "id"), str(issuer, "name"), str(achievement, "name")
	if ids, _ := subject["identifier"].([]any); len(ids) > 0 {
		if id, ok := ids[0].(map[string]any); ok {
			if hashed, _ := id["hashed"].(bool); hashed {
				res.Learner = "the holder of a hashed " + str(id, "identityType")
			} else {
				res.Learner = str(id, "identityHash")
			}
		}
	}
	var err error
	if res.ValidFrom, err = parseTime(str(doc, "validFrom")); err != nil {
		return Result{}, fmt.Errorf("its validFrom: %w", err)
	}
	if res.ValidFrom.After(now.Add(5 * time.Minute)) {
		return Result{}, fmt.Errorf("it is not valid yet: it is valid from %s", res.ValidFrom.Format(time.RFC3339))
	}
	if until := str(doc, "validUntil"); until != "" {
		if res.ValidUntil, err = parseTime(until); err != nil {
			return Result{}, fmt.Errorf("its validUntil: %w", err)
		}
		if !res.ValidUntil.After(now) {
			return Result{}, fmt.Errorf("it has expired: it was valid until %s (the training must be renewed)", res.ValidUntil.Format("2 January 2006"))
		}
	}
	return res, nil
}

// short is a JSON value for a message, cut to a line.
func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}
