package trainingreport

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sampleReport is a report with hostile names and one figure of each
// kind, negative ones included.
func sampleReport() *Report {
	score, disc := 85, -40
	r := &Report{Format: FormatName, Version: FormatVersion, AsOf: "2026-11-30", Team: "", Role: "",
		Compliance: []ModuleCompliance{{Team: "=Revenues", Pack: "pk", Module: "m0", ModuleTitle: "@Staying safe online", Learners: 3,
			Compliant:  Group{Count: 1, Learners: []string{"+Ada"}},
			DueSoon:    Group{Count: 1, Learners: []string{"-Bea"}},
			Overdue:    Group{Count: 1, Learners: []string{"\x1b[31mCy\x1b]8;;http://evil\x07"}},
			NotStarted: Group{Learners: []string{}}}},
		Learners: []LearnerDetail{
			{Name: "+Ada", Team: "=Revenues", Role: "staff", Items: []ItemDetail{{Pack: "pk", Module: "m0", ModuleTitle: "@Staying safe online",
				Status: "compliant", Due: "2027-03-31", Completed: "2026-03-31", ValidUntil: "2027-03-31", BestScore: &score, Attempts: 2}}},
			{Name: "\tTab", Team: "\rCR", Role: "staff", Items: []ItemDetail{{Pack: "pk", Module: "m0", ModuleTitle: "Plain",
				Status: "not_started", Attempts: 0}}},
		},
		Questions: []QuestionStat{{Pack: "pk", Lesson: "l0", LessonTitle: "=1+1", Question: "q0", Prompt: "-2+3", Answered: 7,
			Facility: 29, Discrimination: &disc, Flags: []string{FlagMostWrong, FlagStrongWrong}}},
	}
	r.summarise(nil)
	return r
}

// TestCSVForExcel: a byte-order mark, one header row, ISO dates, and no
// outside cell that starts like a formula; figures stay numbers.
func TestCSVForExcel(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *Report) error{
		"learners":  func(b *bytes.Buffer, r *Report) error { return WriteLearnersCSV(b, r) },
		"questions": func(b *bytes.Buffer, r *Report) error { return WriteQuestionsCSV(b, r) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, sampleReport()); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				t.Fatalf("no UTF-8 byte-order mark: % x", data[:min(3, len(data))])
			}
			rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 2 {
				t.Fatalf("want a header and rows, got %q", rows)
			}
			for _, h := range rows[0] {
				if h == "" || strings.ContainsAny(h[:1], "0123456789") {
					t.Errorf("header %q of %q is not a name", h, rows[0])
				}
			}
			header := rows[0]
			for _, row := range rows[1:] {
				for i, c := range row {
					numeric := header[i] == "discrimination_index" || header[i] == "facility_percent" || header[i] == "answered" ||
						header[i] == "attempts" || header[i] == "best_score"
					if c != "" && strings.ContainsAny(c[:1], "=+-@\t\r") && !numeric {
						t.Errorf("cell %s = %q starts like a formula", header[i], c)
					}
					if strings.Contains(header[i], "due") || header[i] == "completed" || header[i] == "valid_until" {
						if c != "" && (len(c) != 10 || c[4] != '-' || c[7] != '-') {
							t.Errorf("date %s = %q, want YYYY-MM-DD", header[i], c)
						}
					}
				}
			}
			// encoding/csv drops a lone carriage return when it writes
			// CRLF line ends, so "\rCR" arrives as "'CR".
			text := string(data)
			for _, want := range []string{"'=Revenues", "'+Ada", "'@Staying safe online", "'\tTab", "\"'CR\"", "'=1+1", "'-2+3", ",-40,"} {
				if name == "learners" && (want == "'=1+1" || want == "'-2+3" || want == ",-40,") ||
					name == "questions" && !(want == "'=1+1" || want == "'-2+3" || want == ",-40,") {
					continue
				}
				if !strings.Contains(text, want) {
					t.Errorf("CSV lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

// TestJSONMatchesSchema: the JSON report of a real build and of the
// sample validate against docs/training-report.schema.json.
func TestJSONMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile("../../docs/training-report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t)
	for _, name := range []string{"Ada", "Bea", "Cy", "Dee", "Eve"} {
		f.attempt(f.learner(name, "Revenues"), "l0", []string{"q0", "q1"}, []bool{name < "C", true}, true)
	}
	built, err := Build(f.cat, Options{AsOf: t0})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*Report{"built": built, "sample": sampleReport()} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s report does not match the schema: %v\n%s", name, err, buf.String())
		}
	}
	// The schema must be able to fail: a status that is not an id.
	bad := sampleReport()
	bad.Learners[0].Items[0].Status = "Done, in date"
	var buf bytes.Buffer
	if err := WriteJSON(&buf, bad); err != nil {
		t.Fatal(err)
	}
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if schema.Validate(doc) == nil {
		t.Error("the schema accepts a status in words")
	}
}

// TestTableIsTerminalSafe: names with escape sequences reach the table
// without them.
func TestTableIsTerminalSafe(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07\r") {
		t.Errorf("the table holds control characters: %q", out)
	}
	for _, want := range []string{"OVERDUE", "Cy", "strong learners get it wrong", "-40%", "2027-03-31"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

// TestWriteFileOwnerOnly: a report file is 0600, even over a file that
// was readable by others.
func TestWriteFileOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, func(w io.Writer) error { return WriteHTML(w, sampleReport()) }); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != FileMode {
		t.Errorf("report file mode %v, want %v", info.Mode().Perm(), os.FileMode(FileMode))
	}
}
