package server

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/upskill-council/upskill/progress"
)

// The questions an accessible session asks before the learner's own
// session starts, as lines: the code of a new key, and whether to take
// over the learner's other session.

// lineInput reads the session's lines for the enrolment and takeover
// questions, and hands what is left to the accessible mode.
type lineInput struct{ r *lineReader }

func (l *lineInput) Read(p []byte) (int, error) { return l.r.Read(p) }

// readLine reads one line for a question; ok is false when the input has
// ended or the session is ending.
func (l *lineInput) readLine(ctx context.Context) (string, bool) {
	var b []byte
	one := make([]byte, 1)
	for {
		n, err := l.r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				return strings.TrimSpace(string(b)), ctx.Err() == nil
			}
			b = append(b, one[0])
		}
		if err != nil || ctx.Err() != nil {
			return "", false
		}
	}
}

// say writes lines to the session.
func say(w io.Writer, lines ...string) {
	for _, l := range lines {
		_, _ = io.WriteString(w, l+"\n")
	}
}

// enrolLines asks a new key for its code, as the enrolment screen does,
// and returns the learner it was bound to; ok is false when the session
// ends first or too many codes were wrong.
func (s *Server) enrolLines(ctx context.Context, lines *lineInput, out io.Writer, id identity, live *liveSession) (progress.Profile, bool) {
	say(out, "Welcome to Upskill.", "This computer's key is new to Upskill.",
		"Type the code your trainer gave you, then press Enter.",
		"Adding this computer to your account? Type the code from: ssh HOST keys code",
		"No code? Ask your trainer for one. To leave, press Control and D.")
	wrong := 0
	for {
		say(out, "Code:")
		line, ok := lines.readLine(ctx)
		if !ok {
			return progress.Profile{}, false
		}
		if line == "" {
			continue
		}
		why := ""
		code, valid := ParseCode(line)
		if !valid {
			why = "Codes are letters, numbers and hyphens."
		} else {
			p, device, err := s.redeemCode(code, id, s.now())
			if err == nil {
				s.logEnrolled(id.fingerprint, p.ID, device)
				return p, true
			}
			s.log.Info("enrolment refused", "key", id.fingerprint, "wrong_codes", wrong+1)
			why = refusal(err)
		}
		wrong++
		left := s.limits.EnrolTries - wrong
		if left <= 0 {
			live.setFinal(farewell(endEnrolTries, 0))
			return progress.Profile{}, false
		}
		tries := strconv.Itoa(left) + " tries"
		if left == 1 {
			tries = "1 try"
		}
		check := " Check it and type it again"
		if strings.HasSuffix(why, ", or") {
			check = " check it and type it again"
		}
		say(out, why+check+" ("+tries+" left).")
	}
}

// claimLines makes this session the learner's, asking first whether to
// take over when another session holds them; false when the learner
// keeps the other one, or the session ends.
func (s *Server) claimLines(ctx context.Context, lines *lineInput, out io.Writer, p progress.Profile, live *liveSession) bool {
	if s.sessions.claim(p.ID, live) == nil {
		return true
	}
	say(out, "Welcome back, "+p.Name+".", "You already have Upskill open in another window.",
		"Take it over here? Your progress there is saved first.", "Type y for yes, carry on here, or n for no, leave this one.")
	for {
		line, ok := lines.readLine(ctx)
		if !ok {
			return false
		}
		switch strings.ToLower(line) {
		case "y", "yes":
			s.log.Info("takeover", "learner", p.ID)
			s.takeOverLearner(p.ID, live)
			return true
		case "n", "no", "q":
			live.setFinal("Your other Upskill window stays open.")
			return false
		}
		say(out, "Type y or n.")
	}
}
