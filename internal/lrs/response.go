package lrs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// maxAnswer bounds what is kept of an LRS's answer.
const maxAnswer = 2048

// parseIDs reads the answer to a POST of statements: a JSON array of
// statement ids, which must be the ones sent, in order.
func parseIDs(body []byte, sent []uuid.UUID) error {
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return fmt.Errorf("the LRS's answer is not a list of statement ids: %w", err)
	}
	if len(ids) != len(sent) {
		return fmt.Errorf("the LRS acknowledged %d statements of %d sent", len(ids), len(sent))
	}
	for i, s := range ids {
		id, err := uuid.Parse(s)
		if err != nil || id != sent[i] {
			return fmt.Errorf("the LRS acknowledged id %q where %s was sent", clean(s), sent[i])
		}
	}
	return nil
}

// answerText is an LRS's answer as text for a person: its message or
// warnings when it is JSON, else the body, without control characters
// and cut to 2 KB.
func answerText(status int, body []byte) string {
	var parsed struct {
		Message  string   `json:"message"`
		Warnings []string `json:"warnings"`
	}
	text := string(body)
	if json.Unmarshal(body, &parsed) == nil && (parsed.Message != "" || len(parsed.Warnings) > 0) {
		text = strings.TrimSpace(parsed.Message + " " + strings.Join(parsed.Warnings, "; "))
	}
	return clean(fmt.Sprintf("%d %s", status, text))
}

// clean removes control characters and cuts text to maxAnswer bytes on
// a rune boundary.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, " "))
	if len(s) > maxAnswer {
		i := maxAnswer
		for i > 0 && s[i]&0xC0 == 0x80 {
			i--
		}
		s = s[:i] + "..."
	}
	return s
}

// sameStatement reports whether the statement an LRS holds (stored) is
// the one sent: every part sent is there with the same value. The LRS
// adds its own parts (stored, authority, version), which are ignored,
// and may write a timestamp in another form of the same instant.
func sameStatement(stored, sent []byte) (bool, error) {
	var got, want map[string]any
	if err := decodeJSON(stored, &got); err != nil {
		return false, fmt.Errorf("the statement the LRS holds is not JSON: %w", err)
	}
	if err := decodeJSON(sent, &want); err != nil {
		return false, fmt.Errorf("the statement sent is not JSON: %w", err)
	}
	if got == nil || want == nil {
		return false, nil
	}
	for k, v := range want {
		if k == "timestamp" {
			if !sameInstant(got[k], v) {
				return false, nil
			}
			continue
		}
		if !contains(got[k], v) {
			return false, nil
		}
	}
	return true, nil
}

func decodeJSON(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// contains reports whether got holds everything in want: objects may
// have more keys, arrays must match element by element, numbers by value.
func contains(got, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range w {
			if !contains(g[k], v) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !contains(g[i], w[i]) {
				return false
			}
		}
		return true
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		a, err1 := g.Float64()
		b, err2 := w.Float64()
		return err1 == nil && err2 == nil && math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
	default:
		return got == want
	}
}

func sameInstant(a, b any) bool {
	as, _ := a.(string)
	bs, _ := b.(string)
	ta, err1 := time.Parse(time.RFC3339Nano, as)
	tb, err2 := time.Parse(time.RFC3339Nano, bs)
	return err1 == nil && err2 == nil && ta.Equal(tb)
}
