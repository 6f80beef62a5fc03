package trainingreport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// bom is the UTF-8 byte-order mark, which tells Excel the file is UTF-8.
const bom = "\uFEFF"

// WriteLearnersCSV writes one row per learner and required module, under
// one header row, for Excel: UTF-8 with a byte-order mark, dates as
// YYYY-MM-DD, and no cell Excel would run as a formula.
func WriteLearnersCSV(w io.Writer, r *Report) error {
	rows := [][]string{{"team", "learner", "role", "pack", "module", "module_title", "status", "due", "completed",
		"valid_until", "best_score", "attempts"}}
	for _, l := range r.Learners {
		for _, it := range l.Items {
			score := ""
			if it.BestScore != nil {
				score = strconv.Itoa(*it.BestScore)
			}
			rows = append(rows, []string{cell(l.Team), cell(l.Name), cell(l.Role), cell(it.Pack), cell(it.Module),
				cell(it.ModuleTitle), it.Status, it.Due, it.Completed, it.ValidUntil, score, strconv.Itoa(it.Attempts)})
		}
	}
	return writeCSV(w, rows)
}

// WriteQuestionsCSV writes the question analysis, one row per question
// under one header row, as WriteLearnersCSV does.
func WriteQuestionsCSV(w io.Writer, r *Report) error {
	rows := [][]string{{"pack", "lesson", "lesson_title", "question", "prompt", "answered", "facility_percent",
		"discrimination_index", "flags"}}
	for _, q := range r.Questions {
		disc := ""
		if q.Discrimination != nil {
			disc = strconv.Itoa(*q.Discrimination)
		}
		rows = append(rows, []string{cell(q.Pack), cell(q.Lesson), cell(q.LessonTitle), cell(q.Question), cell(q.Prompt),
			strconv.Itoa(q.Answered), strconv.Itoa(q.Facility), disc, strings.Join(q.Flags, " ")})
	}
	return writeCSV(w, rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // as Excel writes it
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// cell makes outside text safe in a spreadsheet: a cell that starts with
// =, +, -, @, a tab or a carriage return would be read as a formula (CSV
// injection, OWASP), so it gets a leading apostrophe, which Excel shows
// as text and does not display. Figures the report computes never pass
// through here, so a negative number stays a number.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
