package badge

import (
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// FuzzVerify feeds verify (without Verify's recover, so a panic shows)
// any bytes: it must answer, never panic, and never accept a signature
// by a key that is not the issuer's. (Fuzzing workers each make their own
// issuer, so the check does not compare keys with the seeds'.)
func FuzzVerify(f *testing.F) {
	is := testIssuer(f, "", badgeissuer.IdentifyName)
	good := signed(f, is, testAward(f, ""), FormatJSON)
	jwt := signed(f, is, testAward(f, ""), FormatJWT)
	f.Add(good)
	f.Add(jwt)
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"type":["VerifiableCredential","OpenBadgeCredential"],"proof":[{}]}`))
	f.Add([]byte("eyJhbGciOiJFZERTQSJ9.e30.AAAA"))
	f.Add([]byte(`{"proof":{"verificationMethod":"did:key:z6Mk#z6Mk"}}`))
	resolver := is.Resolver()
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := verify(data, resolver, now)
		if err == nil && !strings.HasPrefix(res.KeyID, res.IssuerID+"#") {
			t.Errorf("verified with the key %s, which is not the issuer %s's", res.KeyID, res.IssuerID)
		}
	})
}
