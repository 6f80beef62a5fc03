package lrs

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/uuid"
)

// FuzzLRSAnswers: whatever an LRS answers, parsing it never panics, an
// acknowledgement is accepted only when it lists exactly the ids sent,
// the text kept of it holds no control character and is bounded, and a
// statement always matches itself.
func FuzzLRSAnswers(f *testing.F) {
	id := uuid.MustParse("0ad48f43-17a2-5160-92ce-048bc63baaba")
	sent := []byte(`{"id":"0ad48f43-17a2-5160-92ce-048bc63baaba","actor":{"objectType":"Agent","account":{"homePage":"https://x","name":"u"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://x/q"},"result":{"score":{"scaled":0.5}},"timestamp":"2026-01-05T10:15:00Z"}`)
	for _, seed := range []string{
		`["0ad48f43-17a2-5160-92ce-048bc63baaba"]`,
		`["0AD48F43-17A2-5160-92CE-048BC63BAABA"]`,
		`[]`, `null`, `{}`, `"x"`, `[1]`, `["a","b"]`,
		`{"errorId":"e","warnings":["Problem in 'statements.0.result.score.scaled'. Received '3'"]}`,
		`{"message":"\u001b[31mred\u001b[0m"}`,
		string(sent),
		`{"id":"0ad48f43-17a2-5160-92ce-048bc63baaba","stored":"2026-01-05T10:20:00Z","timestamp":"2026-01-05T10:15:00.000Z"}`,
		"\xff\xfe", strings.Repeat("[", 10000),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if err := parseIDs(body, []uuid.UUID{id}); err == nil {
			var ids []string
			if decodeJSON(body, &ids) != nil || len(ids) != 1 || uuid.MustParse(ids[0]) != id {
				t.Errorf("acknowledgement %q accepted", body)
			}
		}
		text := answerText(400, body)
		if len(text) > maxAnswer+3 {
			t.Errorf("answer text of %d bytes", len(text))
		}
		for _, r := range text {
			if unicode.IsControl(r) {
				t.Errorf("control character %U in %q", r, text)
			}
		}
		if same, err := sameStatement(body, sent); err == nil && same && !strings.Contains(string(body), "0ad48f43") {
			t.Errorf("%q matched the statement sent", body)
		}
		var obj map[string]any
		if decodeJSON(body, &obj) == nil && obj != nil && hasGoodTimestamp(obj) {
			if same, err := sameStatement(body, body); err != nil || !same {
				t.Errorf("%q does not match itself (%v)", body, err)
			}
		}
	})
}

// hasGoodTimestamp: the object has no timestamp, or one that parses.
func hasGoodTimestamp(obj map[string]any) bool {
	ts, has := obj["timestamp"]
	return !has || sameInstant(ts, ts)
}
