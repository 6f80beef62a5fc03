package lessons

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// readCorpus reads the committed seed corpus of a fuzz target: files in the
// "go test fuzz v1" format holding one []byte value.
func readCorpus(t *testing.T, target string) map[string][]byte {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		header, value, _ := strings.Cut(string(data), "\n")
		lit, ok := strings.CutPrefix(strings.TrimSpace(value), "[]byte(")
		lit, ok2 := strings.CutSuffix(lit, ")")
		s, err := strconv.Unquote(lit)
		if header != "go test fuzz v1" || !ok || !ok2 || err != nil {
			t.Fatalf("%s/%s is not a go test fuzz v1 []byte file", target, e.Name())
		}
		out[e.Name()] = []byte(s)
	}
	return out
}

// TestSeedCorpus checks that the committed seeds do what their names say:
// the valid ones load (so the fuzz targets' invariants run on them) and
// every attack or broken input is refused.
func TestSeedCorpus(t *testing.T) {
	cases := []struct {
		target string
		build  func(data []byte) fstest.MapFS
		valid  []string
	}{
		{"FuzzParseLesson", func(data []byte) fstest.MapFS {
			return fstest.MapFS{ManifestFile: {Data: []byte(fuzzManifest)}, fuzzLessonFile: {Data: data}}
		}, []string{"attacks-in-body", "attacks-in-fields", "dots-close", "emphasis-and-entities",
			"valid-lesson", "valid-lesson-bom", "valid-lesson-bom-crlf", "valid-lesson-crlf"}},
		{"FuzzManifest", func(data []byte) fstest.MapFS {
			return fstest.MapFS{ManifestFile: {Data: data}, firstFile: {Data: []byte(firstLesson)}, secondFile: {Data: []byte(secondLessonNoQuiz)}}
		}, []string{"attacks-in-fields", "flow-style", "valid-manifest", "valid-manifest-bom", "valid-manifest-crlf", "valid-required"}},
	}
	for _, c := range cases {
		corpus := readCorpus(t, c.target)
		if len(corpus) < 20 {
			t.Errorf("%s: only %d seeds", c.target, len(corpus))
		}
		for name, data := range corpus {
			p, err := Load(c.build(data))
			// Files the fuzzer wrote (named by a hash) are regression
			// cases: they only need to satisfy the invariants.
			fromFuzzer := strings.Trim(name, "0123456789abcdef") == ""
			if want := slices.Contains(c.valid, name); !fromFuzzer && want != (err == nil) {
				t.Errorf("%s/%s: loaded %v, want %v: %v", c.target, name, err == nil, want, err)
			}
			if p != nil {
				checkPackInvariants(t, p)
			}
		}
	}
}
