package badge

import (
	"testing"

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
