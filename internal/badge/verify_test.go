package badge

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"github.com/upskill-council/upskill/internal/badge/ld"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

func TestSignVerifyBothForms(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyName)
	for _, f := range []Format{FormatJSON, FormatJWT} {
		out := signed(t, is, testAward(t, ""), f)
		res, err := Verify(out, is.Resolver(), now)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, out)
		}
		if res.IssuerName != "Example Council" || res.Achievement != "Safe online" || res.Learner != "Ada Lovelace" || res.KeyID != is.VerificationMethod() {
			t.Errorf("%s: %+v", f, res)
		}
		writeTemp(t, "x", out)
		t.Logf("%s", out)
	}
}

func TestBadInputsSayWhatIsWrong(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyName)
	good := signed(t, is, testAward(t, ""), FormatJSON)
	jwt := signed(t, is, testAward(t, ""), FormatJWT)
	other := signed(t, is, Award{Pack: testPack(t), Badge: testPack(t).Badges[1], Earned: earned, LearnerUID: "u2", Name: "Bob"}, FormatJSON)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"truncated", good[:len(good)/2], "not complete, valid JSON"},
		{"truncated jwt", jwt[:len(jwt)/2], "well-formed JWT"},
		{"huge", append([]byte(`{"a":"`), bytes.Repeat([]byte("x"), MaxCredentialSize)...), "a credential is at most"},
		{"binary", []byte{0xff, 0xfe, 0x00}, "not text"},
		{"trailing", append(append([]byte{}, good...), []byte(`{}`)...), "more after"},
		{"not json or jwt", []byte("hello"), "neither JSON nor a well-formed JWT"},
		{"wrong context", edit(t, good, func(d map[string]any) {
			d["@context"] = []any{"https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}
		}), "@context must be exactly"},
		{"extra context", edit(t, good, func(d map[string]any) {
			d["@context"] = append(d["@context"].([]any), "https://example.org/ctx")
		}), "@context must be exactly"},
		{"wrong type", edit(t, good, func(d map[string]any) { d["type"] = []any{"VerifiableCredential"} }), "OpenBadgeCredential"},
		{"schema", edit(t, good, func(d map[string]any) { delete(d, "validFrom") }), "Open Badges 3.0 schema"},
		{"unknown DID method", edit(t, good, func(d map[string]any) {
			obj(d, "issuer")["id"] = "did:example:123"
			proofOf(d)["verificationMethod"] = "did:example:123#key-1"
		}), "unknown DID method \"example\""},
		{"did:web without did.json", edit(t, good, func(d map[string]any) {
			obj(d, "issuer")["id"] = "did:web:elsewhere.example.org"
			proofOf(d)["verificationMethod"] = "did:web:elsewhere.example.org#" + is.Current().ID
		}), "--did-json"},
		{"proof over other canonical bytes", edit(t, good, func(d map[string]any) {
			var o map[string]any
			_ = json.Unmarshal(other, &o)
			d["proof"] = o["proof"]
		}), "signature does not match"},
		{"no proof", edit(t, good, func(d map[string]any) { delete(d, "proof") }), "no proof"},
		{"other cryptosuite", edit(t, good, func(d map[string]any) { proofOf(d)["cryptosuite"] = "ecdsa-rdfc-2019" }), "cryptosuite"},
		{"key of another issuer", edit(t, good, func(d map[string]any) {
			obj(d, "issuer")["id"] = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
		}), "not to the issuer"},
		{"not yet valid", signed(t, is, func() Award { a := testAward(t, ""); a.Earned = now.AddDate(0, 1, 0); return a }(), FormatJSON), "not valid yet"},
		{"expired", signed(t, is, func() Award { a := testAward(t, ""); a.ValidUntil = now.AddDate(0, 0, -1); return a }(), FormatJSON), "expired"},
		{"jwt alg none", []byte(b64.EncodeToString([]byte(`{"alg":"none"}`)) + "." + b64.EncodeToString([]byte(`{}`)) + "."), "not signed with EdDSA"},
		{"jwt tampered", tamperJWT(t, jwt), "signature does not match"},
	}
	for _, c := range cases {
		_, err := Verify(c.data, is.Resolver(), now)
		if err == nil || !errors.Is(err, ErrNotVerified) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.name, err, c.want)
		}
	}
}

// TestSchemaCatchesWhatTheSignatureDoesNot signs a credential whose
// learner identifier has a type the schema does not know: the proof is
// good, the structure is not.
func TestSchemaCatchesWhatTheSignatureDoesNot(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyName)
	c, err := Build(is, testAward(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckSchema(signed(t, is, testAward(t, ""), FormatJSON)); err != nil {
		t.Fatalf("our credential fails the schema: %v", err)
	}
	c.CredentialSubject.Identifier[0].IdentityType = "nickname"
	out, err := SignProof(is, c, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(out, is.Resolver(), now); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("an unknown identityType: got %v, want a schema error", err)
	}
}

func TestUnknownContextIsRefused(t *testing.T) {
	if _, err := (ld.Loader{}).LoadDocument("https://example.org/context.json"); !errors.Is(err, ld.ErrUnknownContext) {
		t.Errorf("loading an unknown context: %v", err)
	}
	doc := map[string]any{"@context": []any{ld.CredentialsV2, map[string]any{"@import": "https://example.org/more.json"}}, "name": "x"}
	if _, err := ld.Canonical(doc); err == nil || !strings.Contains(err.Error(), "example.org") {
		t.Errorf("canonicalising a document importing a remote context: %v", err)
	}
	nested := map[string]any{"@context": []any{ld.CredentialsV2, ld.OpenBadges303},
		"type":              []any{"VerifiableCredential"},
		"credentialSubject": map[string]any{"@context": "https://example.org/evil.json", "id": "urn:x", "name": "y"}}
	if _, err := ld.Canonical(nested); err == nil || !strings.Contains(err.Error(), "example.org") {
		t.Errorf("canonicalising a document with a nested remote context: %v", err)
	}
}

func TestCredentialContents(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyEmail)
	a := testAward(t, "Ada@Example.org")
	c, err := Build(is, a)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Build(is, a)
	if c.ID != again.ID || !strings.HasPrefix(c.ID, "urn:uuid:") {
		t.Errorf("credential ids %q and %q: want one stable urn:uuid", c.ID, again.ID)
	}
	ach := c.CredentialSubject.Achievement
	if ach.ID != "https://www.example-council.gov.uk/upskill/achievements/cyber/safe-done" || ach.AchievementType != "Badge" {
		t.Errorf("achievement %q type %q", ach.ID, ach.AchievementType)
	}
	if !strings.Contains(ach.Criteria.Narrative, `Complete every lesson in "Staying safe"`) {
		t.Errorf("narrative %q does not say the rule", ach.Criteria.Narrative)
	}
	id := c.CredentialSubject.Identifier[0]
	if !id.Hashed || id.IdentityType != "emailAddress" || id.Salt == "" || id.IdentityHash != HashIdentity("ada@example.org", id.Salt) ||
		strings.Contains(id.IdentityHash, "ada") {
		t.Errorf("identity %+v: want a salted hash of the address", id)
	}
	if c.ValidFrom != "2026-03-02T10:30:00Z" || c.ValidUntil != "2027-03-02T10:30:00Z" {
		t.Errorf("valid from %s until %s", c.ValidFrom, c.ValidUntil)
	}
	other, _ := Build(is, testAward(t, "ada@example.org"))
	if other.CredentialSubject.Identifier[0].Salt == id.Salt {
		t.Error("two credentials share a salt")
	}
	byName, _ := Build(is, testAward(t, ""))
	if n := byName.CredentialSubject.Identifier[0]; n.Hashed || n.IdentityType != "name" || n.IdentityHash != "Ada Lovelace" {
		t.Errorf("no email given: identity %+v, want the name", n)
	}
}

func TestValidUntilOnlyForRenewedRequiredModules(t *testing.T) {
	pack := testPack(t)
	if got := ValidUntil(pack, pack.Badges[0], "staff", earned); !got.Equal(earned.AddDate(1, 0, 0)) {
		t.Errorf("required module renewed yearly: valid until %v", got)
	}
	if got := ValidUntil(pack, pack.Badges[1], "staff", earned); !got.IsZero() {
		t.Errorf("module not required: valid until %v, want never", got)
	}
}

func TestSVGEscapesTheName(t *testing.T) {
	svg := SVG(`Extra <mile> & "more"`)
	if strings.Contains(svg, "<mile>") || !strings.Contains(svg, "&lt;mile&gt; &amp;") || !strings.HasPrefix(svg, "<svg") {
		t.Errorf("svg: %s", svg)
	}
}

// TestRoundTripAcrossRotation exports, verifies, rotates the key and
// verifies the old credential again, for did:key and did:web issuers.
func TestRoundTripAcrossRotation(t *testing.T) {
	for _, web := range []string{"", "www.example-council.gov.uk"} {
		is := testIssuer(t, web, badgeissuer.IdentifyName)
		for _, f := range []Format{FormatJSON, FormatJWT} {
			old := signed(t, is, testAward(t, ""), f)
			oldKey := is.VerificationMethod()
			if _, err := Verify(old, is.Resolver(), now); err != nil {
				t.Fatalf("%q %s before rotation: %v", web, f, err)
			}
			if err := is.Rotate(now); err != nil {
				t.Fatal(err)
			}
			reloaded, err := badgeissuer.Load(is.Dir)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Verify(old, reloaded.Resolver(), now)
			if err != nil {
				t.Fatalf("%q %s after rotation: %v", web, f, err)
			}
			k, ok := reloaded.Owns(res.KeyID)
			if res.KeyID != oldKey || !ok || k.Retired.IsZero() {
				t.Errorf("%q %s: signed by %s (ours %v, retired %v), want the retired %s", web, f, res.KeyID, ok, k.Retired, oldKey)
			}
			if _, err := Verify(signed(t, reloaded, testAward(t, ""), f), reloaded.Resolver(), now); err != nil {
				t.Errorf("%q %s with the new key: %v", web, f, err)
			}
			is = reloaded
		}
	}
}

// TestJWTClaimsMustMatch signs, with the issuer's own key, JWTs whose
// claims differ from the credential inside: each is refused.
func TestJWTClaimsMustMatch(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyName)
	jwt := signed(t, is, testAward(t, ""), FormatJWT)
	parts := strings.Split(strings.TrimSpace(string(jwt)), ".")
	body, err := b64.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	for claim, value := range map[string]any{"jti": "urn:uuid:00000000-0000-0000-0000-000000000000", "iss": "did:key:z6Mkother",
		"sub": "urn:uuid:someone-else", "nbf": 1, "exp": 2} {
		var payload map[string]any
		if err := json.Unmarshal(body, &payload); err != nil {
			t.Fatal(err)
		}
		payload[claim] = value
		data, _ := json.Marshal(payload)
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: is.SigningKey()},
			(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", is.VerificationMethod()))
		if err != nil {
			t.Fatal(err)
		}
		jws, _ := signer.Sign(data)
		compact, _ := jws.CompactSerialize()
		if _, err := Verify([]byte(compact), is.Resolver(), now); err == nil || !strings.Contains(err.Error(), "JWT claim "+claim) {
			t.Errorf("%s changed: %v", claim, err)
		}
	}
}
