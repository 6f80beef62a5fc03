package accounts

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/upskill-council/upskill/internal/invite"
	"github.com/upskill-council/upskill/internal/termsafe"
	"github.com/upskill-council/upskill/progress"
)

// Limits on a staff list: a council has thousands of staff, not millions.
const (
	maxImportBytes = 16 << 20
	maxImportRows  = 100_000
)

// importColumns are the columns a staff list may have; name and role are
// required.
var importColumns = []string{"name", "role", "team", "email", "key", "access", "timezone", "manager"}

// Problem is one bad row of a staff list.
type Problem struct {
	Line    int // the line of the file, counting the header as line 1
	Message string
}

// ImportError lists every bad row of a staff list. Nothing was changed.
type ImportError struct {
	Problems []Problem
}

// Error lists the problems, one a line.
func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s in the staff list; nothing was imported:", len(e.Problems), plural(len(e.Problems), "problem", "problems"))
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  line %d: %s", p.Line, termsafe.Line(p.Message))
	}
	return b.String()
}

// row is one checked row of a staff list.
type row struct {
	line   int
	e      Enrolment
	key    *PublicKey
	exists bool
}

// Imported says what an import did.
type Imported struct {
	// WithKey are the learners enrolled with the key in their row.
	WithKey []string
	// Invites are the invites made for rows with no key, with their codes.
	Invites []Issued
	// Unchanged are learners who had a key already and were given none:
	// their details were updated, and no invite was needed.
	Unchanged []string
}

// Text says what was done, with every invite code.
func (r Imported) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported %d %s: %d enrolled with a key, %d invited, %d already enrolled (details updated).\n",
		len(r.WithKey)+len(r.Invites)+len(r.Unchanged), plural(len(r.WithKey)+len(r.Invites)+len(r.Unchanged), "learner", "learners"),
		len(r.WithKey), len(r.Invites), len(r.Unchanged))
	for _, i := range r.Invites {
		b.WriteString(i.Text())
	}
	return b.String()
}

// Import enrols the learners of a staff list: a CSV file with a header row
// naming its columns (name and role required; team, email, key, access,
// timezone and manager optional; in any order and case), as Excel saves
// it (a UTF-8 byte order mark is skipped). A row with a key (an
// authorized_keys line) enrols that key; a row without one gets an
// invite, whose code is in the result. A learner who exists already takes
// the row's role, team and access (and time zone and manager, when the
// row gives them). A manager is a learner of the file or of the list. Every
// row is checked first: if any is bad, the error is an *ImportError
// listing each bad row with its line, and nothing is changed. The whole
// list is then enrolled in one transaction: every row or none, even if
// the process dies half-way.
func Import(s Store, by progress.Access, r io.Reader, now time.Time) (Imported, error) {
	rows, err := checkStaffList(s, by, r)
	if err != nil {
		return Imported{}, err
	}
	var out Imported
	batch := make([]progress.Enrolment, 0, len(rows))
	for _, rw := range rows {
		entry := rw.e.batchEntry()
		switch {
		case rw.key != nil:
			entry.KeyFingerprint, entry.KeyLine, entry.KeyLabel = rw.key.Fingerprint, rw.key.Line, rw.key.Comment
			out.WithKey = append(out.WithKey, rw.e.Name)
		case rw.exists && hasKeys(s, rw.e.Name):
			out.Unchanged = append(out.Unchanged, rw.e.Name)
		default:
			code, hash, err := newCode(s)
			if err != nil {
				return Imported{}, fmt.Errorf("line %d: %w", rw.line, err)
			}
			entry.InviteHash, entry.InviteExpires, entry.InviteOnly = hash, now.Add(invite.Validity), true
			out.Invites = append(out.Invites, Issued{Name: rw.e.Name, Email: rw.e.Email, Code: code, Expires: entry.InviteExpires})
		}
		batch = append(batch, entry)
	}
	if _, err := s.EnrolLearners(batch, now); err != nil {
		// Checked rows can still be refused if the file changed meanwhile
		// (a key enrolled by a session): say which row, as for the checks.
		var refused *progress.EnrolError
		if errors.As(err, &refused) && refused.Index < len(rows) {
			return Imported{}, &ImportError{Problems: []Problem{{rows[refused.Index].line, refused.Err.Error()}}}
		}
		return Imported{}, fmt.Errorf("nothing was imported: %w", err)
	}
	return out, nil
}

// hasKeys reports whether the learner called name has a key.
func hasKeys(s Store, name string) bool {
	p, err := s.ProfileByName(name)
	if err != nil {
		return false
	}
	keys, err := s.Keys(p.ID)
	return err == nil && len(keys) > 0
}

// checkStaffList reads and checks every row, changing nothing.
func checkStaffList(s Store, by progress.Access, r io.Reader) ([]row, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read the staff list: %w", err)
	}
	if len(data) > maxImportBytes {
		return nil, fmt.Errorf("the staff list is over %d MiB: split it into smaller files", maxImportBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 byte order mark
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1 // counted here, to report the line
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the staff list is empty: it needs a header row (name,role,team,email,key) and a row per learner")
	} else if err != nil {
		return nil, fmt.Errorf("the staff list is not CSV: %w", err)
	}
	cols, err := readHeader(header)
	if err != nil {
		return nil, err
	}
	var rows []row
	var problems []Problem
	names, keys := map[string]int{}, map[string]int{}
	listed := map[string]bool{} // every row's name, good or bad, for managers
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			problems = append(problems, Problem{line, fmt.Sprintf("not valid CSV: %v", err)})
			var perr *csv.ParseError
			if errors.As(err, &perr) && perr.Err == csv.ErrFieldCount {
				continue
			}
			break // a broken quote: the rest cannot be read reliably
		}
		if len(rows)+len(problems) >= maxImportRows {
			return nil, fmt.Errorf("the staff list has over %d rows: split it into smaller files", maxImportRows)
		}
		if isBlank(rec) {
			continue
		}
		if i := cols["name"]; i < len(rec) {
			listed[strings.ToLower(termsafe.Line(rec[i]))] = true
		}
		rw, msg := checkRow(s, by, cols, rec, line)
		if msg == "" {
			msg = checkUnique(rw, names, keys)
		}
		if msg != "" {
			problems = append(problems, Problem{line, msg})
			continue
		}
		rows = append(rows, rw)
	}
	problems = append(problems, checkManagers(s, rows, listed)...)
	slices.SortStableFunc(problems, func(a, b Problem) int { return a.Line - b.Line })
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	if len(rows) == 0 {
		return nil, errors.New("the staff list has a header but no learners")
	}
	return rows, nil
}

// readHeader maps each known column to its position.
func readHeader(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range importColumns {
			known = known || c == name
		}
		if !known {
			return nil, fmt.Errorf("line 1: unknown column %q: the columns are %s", termsafe.Line(h), strings.Join(importColumns, ", "))
		}
		if _, dup := cols[name]; dup {
			return nil, fmt.Errorf("line 1: column %q appears twice", name)
		}
		cols[name] = i
	}
	for _, need := range []string{"name", "role"} {
		if _, ok := cols[need]; !ok {
			return nil, fmt.Errorf("line 1: the header has no %q column: the first row must name the columns, for example name,role,team,email,key", need)
		}
	}
	return cols, nil
}

func isBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// checkRow checks one row; the message is empty when it is good.
func checkRow(s Store, by progress.Access, cols map[string]int, rec []string, line int) (row, string) {
	field := func(name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	if len(rec) > len(cols) {
		return row{}, fmt.Sprintf("%d fields, but the header names %d columns", len(rec), len(cols))
	}
	e, err := NewEnrolment(field("name"), field("role"), field("team"), field("access"))
	if err != nil {
		return row{}, err.Error()
	}
	if err := Allowed(by, OpImport, e.Access); err != nil {
		return row{}, err.Error()
	}
	if e.Email = field("email"); e.Email != "" && (!strings.Contains(e.Email, "@") || termsafe.Line(e.Email) != e.Email || strings.ContainsRune(e.Email, ' ')) {
		return row{}, fmt.Sprintf("email %q is not an email address", e.Email)
	}
	if err := e.SetTimeZone(field("timezone")); err != nil {
		return row{}, "timezone: " + err.Error()
	}
	e.Manager = termsafe.Line(field("manager"))
	rw := row{line: line, e: e}
	existing, err := s.ProfileByName(e.Name)
	switch {
	case err == nil:
		rw.exists = true
		if !e.Access.Covers(existing.Access) {
			return row{}, fmt.Sprintf("%s has %s access already, which %s does not cover: give their access in the access column", existing.Name, existing.Access, e.Access)
		}
	case !errors.Is(err, progress.ErrNotFound):
		return row{}, err.Error()
	}
	if k := field("key"); k != "" {
		key, err := ParseKey([]byte(k))
		if err != nil {
			return row{}, "key: " + err.Error()
		}
		if owner, err := s.ProfileByKey(key.Fingerprint); err == nil && !strings.EqualFold(owner.Name, e.Name) {
			return row{}, fmt.Sprintf("the key belongs to %s already; each person needs their own key", owner.Name)
		}
		rw.key = &key
	}
	return rw, ""
}

// checkManagers reports each row whose manager is neither a learner of
// the file nor of the list (listed: the list's learners, by lower-case
// name), or is the row's own learner.
func checkManagers(s Store, rows []row, listed map[string]bool) []Problem {
	var problems []Problem
	for _, rw := range rows {
		m := rw.e.Manager
		if m == "" {
			continue
		}
		if strings.EqualFold(m, rw.e.Name) {
			problems = append(problems, Problem{rw.line, fmt.Sprintf("%s cannot be their own manager", rw.e.Name)})
			continue
		}
		if listed[strings.ToLower(m)] {
			continue
		}
		if _, err := s.ProfileByName(m); errors.Is(err, progress.ErrNotFound) {
			problems = append(problems, Problem{rw.line, fmt.Sprintf("manager %q is neither on the list nor a learner already", m)})
		} else if err != nil {
			problems = append(problems, Problem{rw.line, err.Error()})
		}
	}
	return problems
}

// checkUnique refuses a learner or a key seen on an earlier row.
func checkUnique(rw row, names, keys map[string]int) string {
	name := strings.ToLower(rw.e.Name)
	if first, dup := names[name]; dup {
		return fmt.Sprintf("%s is on line %d already", rw.e.Name, first)
	}
	names[name] = rw.line
	if rw.key != nil {
		if first, dup := keys[rw.key.Fingerprint]; dup {
			return fmt.Sprintf("the key is on line %d already, for another learner; each person needs their own key", first)
		}
		keys[rw.key.Fingerprint] = rw.line
	}
	return ""
}
