package badge

import (
	"testing"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// BenchmarkSign signs one credential in each form: the proof form's cost
// is mostly the two RDFC-1.0 canonicalisations.
func BenchmarkSign(b *testing.B) {
	is := testIssuer(b, "", badgeissuer.IdentifyName)
	a := testAward(b, "")
	for _, f := range []Format{FormatJSON, FormatJWT} {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Export(is, a, f, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify verifies one credential in each form, schema included.
func BenchmarkVerify(b *testing.B) {
	is := testIssuer(b, "", badgeissuer.IdentifyName)
	r := is.Resolver()
	for _, f := range []Format{FormatJSON, FormatJWT} {
		data := signed(b, is, testAward(b, ""), f)
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Verify(data, r, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
