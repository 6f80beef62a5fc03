package gift

import (
	"fmt"
	"strings"
	"testing"
)

// bankQuestions is the size of the generated bank.
const bankQuestions = 10000

// bankTemplates are the questions the generated bank cycles through: every
// kind, with names, comments, weights, feedback, escapes and formats.
var bankTemplates = []string{
	"// [id:MC-%[1]d] [tag:phishing]\n::MC %[1]d::Sign of phishing?{\n~Known sender #No.\n=Urgent password link #Yes.\n~A logo\n####Report it.\n}",
	"::MA %[1]d::Which are MFA?{~%%50%%App code ~%%50%%Fingerprint ~%%-100%%Password}",
	"::TF %[1]d::Public Wi-Fi is safe.{FALSE#Wrong\\: it leaks.#Right.}",
	"::SA %[1]d::MFA stands for?{=multi-factor authentication#Yes =%%50%%multifactor =%%0%%*#No}",
	"::MT %[1]d::Match the terms.{=Phishing -> Fake email =Malware -> Bad code = -> Toner}",
	"::NU %[1]d::GDPR year?{#=2021:0#Yes =%%50%%2018:0#EU ~#No}",
	"::RA %[1]d::Pick 1 to 5.{#1..5}",
	"::MW %[1]d::Always {~share =lock} your screen.",
	"::ES %[1]d::Spot a fake site?{}",
	"::DE %[1]d::[markdown]**Part %[1]d\\:** Passwords.",
	"::ES %[1]d::What does \\=SUM(A1\\:A3) do?{=Adds \\# ~Counts \\{A1\\} ~Averages \\~}",
	"::HT %[1]d::[html]<p>Lock a <b>PC</b>?</p>{=Win + L ~Alt + F4}",
}

// generateBank returns a GIFT bank of n questions of every kind, with a
// category switch every 100 questions.
func generateBank(n int) []byte {
	var b strings.Builder
	for i := range n {
		if i%100 == 0 {
			fmt.Fprintf(&b, "$CATEGORY: $course$/top/Bank/Part %d\n\n", i/100)
		}
		fmt.Fprintf(&b, bankTemplates[i%len(bankTemplates)], i)
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// TestGeneratedBank checks that the benchmark's bank is valid, so that the
// benchmark measures the reading of real questions of every kind.
func TestGeneratedBank(t *testing.T) {
	qs, ps := Parse(generateBank(bankQuestions))
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps[:min(len(ps), 5)])
	}
	if len(qs) != bankQuestions {
		t.Fatalf("got %d questions, want %d", len(qs), bankQuestions)
	}
	kinds := map[Kind]int{}
	for _, q := range qs {
		kinds[q.Kind]++
	}
	for k := MultipleChoice; k <= Description; k++ {
		if kinds[k] == 0 {
			t.Errorf("no %v questions", k)
		}
	}
	if last := qs[len(qs)-1]; last.Category != fmt.Sprintf("top/Bank/Part %d", (bankQuestions-1)/100) {
		t.Errorf("last category %q", last.Category)
	}
}

func BenchmarkParse10000(b *testing.B) {
	src := generateBank(bankQuestions)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if qs, _ := Parse(src); len(qs) != bankQuestions {
			b.Fatalf("got %d questions", len(qs))
		}
	}
}
