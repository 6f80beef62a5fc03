package server

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// FuzzCommandLine: whatever command line a learner's key sends, the
// parser neither panics nor reaches the store (this server has none): it
// shows help (status 0) or refuses (status 1, with a reason).
func FuzzCommandLine(f *testing.F) {
	for _, seed := range []string{
		"learners list", "learners invite Ann --role staff --access admin", "learners add Bo --role x",
		"learners remove Ann --yes --purge-progress", "learners set-role Ann graduate", "learners import -",
		"pack list --json", "pack import - --force", "pack remove x", "pack export builtin",
		"progress --json --team Housing", "backup", "keys list", "keys code", "keys remove SHA256:x", "keys list --learner Ann", "help", "--help", "learners --bogus", "", "\x00\x01",
	} {
		f.Add(seed)
	}
	s := &Server{now: func() time.Time { return testNow }}
	learner := progress.Profile{ID: 7, Name: "Lee", Access: progress.AccessLearner, Team: "Housing"}
	f.Fuzz(func(t *testing.T, line string) {
		argv := strings.Fields(line)
		var out, errw bytes.Buffer
		code := s.runCommand(learner, argv, strings.NewReader("stdin"), &out, &errw)
		switch code {
		case 0:
			if errw.Len() != 0 {
				t.Errorf("%q: status 0 with stderr %q", argv, errw.String())
			}
		case 1:
			if !strings.HasPrefix(errw.String(), "upskill: ") {
				t.Errorf("%q: status 1 without a reason: %q", argv, errw.String())
			}
		default:
			t.Errorf("%q: status %d", argv, code)
		}
	})
}
