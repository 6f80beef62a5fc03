package gift

// TEMPORARY differential test against a PHP transcription of Moodle's reader; deleted before hand-back.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type mq struct {
	Error, Qtype, Category, Name, Text, Format, Gf, Idnumber string
	Tags                                                     []string
	Missingword, Single, Tf                                  bool
	Wrong, Right                                             string
	Answers                                                  []struct {
		Text, Format, Feedback string
		Fraction               float64
	}
	Pairs   [][2]string
	Numbers []struct {
		Any                  bool
		Value, Tol, Fraction float64
		Feedback             string
	}
}

func genBlock(r *rand.Rand) string {
	toks := []string{"{", "}", "~", "=", "#", ":", "::", "\\", "\\:", "\\#", "\\{", "\\}", "\\=", "\\~", "\\n", "\\\\", "%", "%50%", "%-100%", "%33.3%", "%100%", "%150%", "->", "[html]", "[markdown]", "[x]", "T", "F", "TRUE", "FALSE", "true", "0", "1", "5", "..", ".", "-", " ", " ", " ", "\n", "\n", "// [id:a] [tag:b]\n", "####", "*", "a", "b", "word", "$CATEGORY:", "\t", "1..5", "37:0.5"}
	n := 1 + r.Intn(14)
	var b strings.Builder
	for range n {
		b.WriteString(toks[r.Intn(len(toks))])
	}
	s := b.String()
	// one block only: no blank lines
	for strings.Contains(s, "\n\n") || strings.Contains(s, "\n \n") || strings.Contains(s, "\n\t\n") {
		s = strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, "\n\n", "\n"), "\n \n", "\n"), "\n\t\n", "\n")
	}
	return s
}

func TestZZMoodleDiff(t *testing.T) {
	if os.Getenv("MOODLEDIFF") == "" {
		return
	}
	var inputs []string
	for _, f := range []string{"digital-skills.gift", "gift-errors.gift", "gift-colon-quirk.gift"} {
		b, _ := os.ReadFile("testdata/" + f)
		for _, blk := range strings.Split(string(b), "\n\n") {
			inputs = append(inputs, strings.Trim(blk, "\n"))
		}
	}
	r := rand.New(rand.NewSource(1))
	for range 200000 {
		inputs = append(inputs, genBlock(r))
	}
	// shape-preserving: templates with random pieces
	for range 100000 {
		inputs = append(inputs, "Q"+genBlock(r)+"{"+genBlock(r)+"}"+[]string{"", " x", genBlock(r)}[r.Intn(3)])
	}
	enc := make([]string, len(inputs))
	for i, s := range inputs {
		enc[i] = base64.StdEncoding.EncodeToString([]byte(s))
	}
	j, _ := json.Marshal(enc)
	tmp := filepath.Join(t.TempDir(), "in.json")
	os.WriteFile(tmp, j, 0o644)
	out, err := exec.Command("php", "-d", "error_reporting=0", "-d", "memory_limit=4G", "/tmp/moodlediff/moodle.php", tmp).Output()
	if err != nil {
		t.Fatal(err)
	}
	var res [][]mq
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	cats := map[string]int{}
	samples := map[string][]string{}
	add := func(c, s string) {
		cats[c]++
		if len(samples[c]) < 4 {
			samples[c] = append(samples[c], s)
		}
	}
	for i, in := range inputs {
		m := res[i]
		qs, ps := Parse([]byte(in))
		if len(m) > 1 {
			add("moodle>1", fmt.Sprintf("%q", in))
			continue
		}
		switch {
		case len(m) == 0 && len(qs) == 0 && len(ps) == 0:
			add("agree-nothing", "")
		case len(m) == 0:
			add("moodle-nothing-mine-something", fmt.Sprintf("%q -> %v %v", in, qs, ps))
		case m[0].Error != "" && len(qs) == 0 && len(ps) > 0:
			add("agree-error", "")
		case m[0].Error != "":
			add("BUG moodle-error-mine-accepts "+m[0].Error, fmt.Sprintf("%q -> %+v", in, qs))
		case m[0].Qtype == "category":
			if len(qs) != 0 {
				add("BUG category", fmt.Sprintf("%q", in))
			} else if len(ps) > 0 {
				add("strict category: "+firstWords(ps[0].Message), fmt.Sprintf("%q -> %v", in, ps))
			} else {
				add("agree-category", "")
			}
		case len(qs) == 0:
			msg := "none"
			if len(ps) > 0 {
				msg = firstWords(ps[0].Message)
			}
			add("strict "+m[0].Qtype+": "+msg, fmt.Sprintf("%q -> %v", in, ps))
		default:
			if d := compare(m[0], qs[0]); d != "" {
				add("DIFF "+m[0].Qtype+" "+d[:strings.IndexByte(d+":", ':')], fmt.Sprintf("%q: %s", in, d))
			} else {
				add("agree-question "+m[0].Qtype, "")
			}
		}
	}
	keys := make([]string, 0, len(cats))
	for k := range cats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%7d %s", cats[k], k)
		for _, s := range samples[k] {
			if s != "" {
				t.Logf("          %s", s)
			}
		}
	}
}

func firstWords(s string) string {
	f := strings.Fields(s)
	if len(f) > 6 {
		f = f[:6]
	}
	return strings.Join(f, " ")
}

var qt = map[Kind]string{MultipleChoice: "multichoice", TrueFalse: "truefalse", ShortAnswer: "shortanswer", Matching: "match", Numerical: "numerical", Essay: "essay", Description: "description"}

func feq(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func compare(m mq, q Question) string {
	if m.Qtype != qt[q.Kind] {
		return "kind: " + m.Qtype + " vs " + q.Kind.QType()
	}
	f := string(q.TextFormat)
	if f == "" {
		f = "moodle"
	}
	switch {
	case m.Name != q.Name:
		return fmt.Sprintf("name: %q vs %q", m.Name, q.Name)
	case m.Text != q.Text:
		return fmt.Sprintf("text: %q vs %q", m.Text, q.Text)
	case m.Format != f:
		return "format: " + m.Format + " vs " + f
	case m.Gf != q.GeneralFeedback:
		return fmt.Sprintf("gf: %q vs %q", m.Gf, q.GeneralFeedback)
	case m.Idnumber != q.IDNumber || strings.Join(m.Tags, "|") != strings.Join(q.Tags, "|"):
		return fmt.Sprintf("idtags: %q %q vs %q %q", m.Idnumber, m.Tags, q.IDNumber, q.Tags)
	case m.Missingword != q.MissingWord:
		return "missingword"
	}
	switch q.Kind {
	case MultipleChoice, ShortAnswer:
		if q.Kind == MultipleChoice && m.Single != q.Single {
			return "single"
		}
		if len(m.Answers) != len(q.Answers) {
			return fmt.Sprintf("answers: %d vs %d", len(m.Answers), len(q.Answers))
		}
		for i, a := range m.Answers {
			b := q.Answers[i]
			af := a.Format
			bf := string(b.Format)
			if bf == "" {
				bf = "moodle"
			}
			if q.Kind == ShortAnswer {
				af = bf
			}
			if a.Text != b.Text || !feq(a.Fraction, b.Fraction) || a.Feedback != b.Feedback || af != bf {
				return fmt.Sprintf("answer: %+v vs %+v", a, b)
			}
		}
	case Matching:
		if len(m.Pairs) != len(q.Pairs) {
			return "pairs count"
		}
		for i, p := range m.Pairs {
			if p[0] != q.Pairs[i].Question || p[1] != q.Pairs[i].Answer {
				return fmt.Sprintf("pair: %q vs %+v", p, q.Pairs[i])
			}
		}
	case TrueFalse:
		if m.Tf != q.TrueFalse || m.Wrong != q.FeedbackWrong || m.Right != q.FeedbackRight {
			return fmt.Sprintf("tf: %v %q %q vs %v %q %q", m.Tf, m.Wrong, m.Right, q.TrueFalse, q.FeedbackWrong, q.FeedbackRight)
		}
	case Numerical:
		if len(m.Numbers) != len(q.Numbers) {
			return fmt.Sprintf("numbers: %d vs %d", len(m.Numbers), len(q.Numbers))
		}
		for i, a := range m.Numbers {
			b := q.Numbers[i]
			if a.Any != b.Any || !feq(a.Value, b.Value) || !feq(a.Tol, b.Tolerance) || !feq(a.Fraction, b.Fraction) || a.Feedback != b.Feedback {
				return fmt.Sprintf("number: %+v vs %+v", a, b)
			}
		}
	}
	return ""
}
