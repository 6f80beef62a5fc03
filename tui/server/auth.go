package server

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/progress"
)

// fingerprintExt is where the public-key callback records the
// fingerprint of the key it accepted, as Soft Serve does.
const fingerprintExt = "pubkey-fp"

// identityKey is the session context key of the identity.
type identityKey struct{}

// identity is who a session is: the key it proved, and its learner when
// the key is enrolled.
type identity struct {
	fingerprint   string
	authorizedKey string
	learner       *progress.Profile // nil: the key is new, enrol it
}

// publicKey accepts any key, so that unknown keys reach enrolment, and
// records its fingerprint. The callback may see keys the client never
// proves it holds (CVE-2024-45337): identify checks that the proven key
// is the one recorded here, and the Directory is asked about that key
// only.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	perms := ctx.Permissions()
	if perms.Extensions == nil {
		perms.Extensions = map[string]string{}
	}
	perms.Extensions[fingerprintExt] = gossh.FingerprintSHA256(key)
	return true
}

// noKey lets a client that offers no key in, with no questions asked,
// only so that it can be told how to make one: identify ends any session
// without a proven public key after that text.
func (s *Server) noKey(ssh.Context, gossh.KeyboardInteractiveChallenge) bool {
	return true
}

// identify re-checks the proven key against the one the callback
// recorded, tells a keyless client how to make a key, asks the Directory
// who owns the key.
func (s *Server) identify(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		remote := sess.RemoteAddr().String()
		key := sess.PublicKey()
		if key == nil {
			s.log.Info("refused", "remote", remote, "reason", "no key offered")
			writeLines(sess, noKeyHelp)
			_ = sess.Exit(1)
			return
		}
		fp := gossh.FingerprintSHA256(key)
		if recorded := sess.Permissions().Extensions[fingerprintExt]; recorded != fp {
			s.log.Warn("refused", "remote", remote, "key", fp, "reason", "key not the one authenticated")
			writeLines(sess, "Upskill could not check your key. Please connect again.\n")
			_ = sess.Exit(1)
			return
		}
		id := identity{fingerprint: fp, authorizedKey: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))}
		p, err := s.cfg.Directory.LearnerByKey(fp)
		switch {
		case err == nil:
			id.learner = &p
		case errors.Is(err, progress.ErrNotFound):
		default:
			s.log.Error("directory", "remote", remote, "key", fp, "err", err.Error())
			writeLines(sess, "Upskill cannot check who you are just now. Please try again later.\n")
			_ = sess.Exit(1)
			return
		}
		if id.learner != nil {
			s.log.Info("connected", "remote", remote, "key", fp, "learner", id.learner.ID)
		} else {
			s.log.Info("connected", "remote", remote, "key", fp, "learner", "none: enrolment")
		}
		// A command (ssh HOST learners list) needs no terminal: the
		// commands middleware runs it. A session without a terminal
		// (ssh -T) gets the accessible mode, line by line (lines.go).
		sess.Context().SetValue(identityKey{}, id)
		next(sess)
	}
}

// sessionIdentity is the identity identify stored.
func sessionIdentity(sess ssh.Session) (identity, error) {
	id, ok := sess.Context().Value(identityKey{}).(identity)
	if !ok {
		return identity{}, fmt.Errorf("session has no identity")
	}
	return id, nil
}

// writeLines writes text to the client with CRLF line ends, as a
// terminal needs.
func writeLines(sess ssh.Session, text string) {
	_, _ = sess.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")))
}
