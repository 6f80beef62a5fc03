package builtin

import (
	"os"
	"testing"
)

// TestClaimsLedger checks the claims ledgers in claims/ against the
// built-in pack (or those given by -claims and -pack): every lesson has a
// ledger whose quotes it still holds and whose claims cover its sources;
// at least half of each module's questions test judgement; no name is
// used in two lessons; and every lesson has its review dates.
// claims/README.md describes the ledger.
func TestClaimsLedger(t *testing.T) {
	p := contentPack(t)
	for _, problem := range ledgerProblems(p, contentFS(), os.DirFS(*claimsDir)) {
		t.Error(problem)
	}
}
