// Package server serves the learner's UI over SSH: one Bubble Tea
// program per session, for the learner who owns the session's public key.
//
// Identity is the SSH public key, checked as Soft Serve does: the
// public-key callback accepts any key but records its fingerprint, and a
// middleware checks that the key the client proved is the one recorded
// (the defence against CVE-2024-45337, where the callback may see keys
// the client never proves it holds). A proven key the Directory does not
// know reaches the enrolment screen, which asks for a trainer's invite
// code; a client with no key at all is told how to make one.
//
// Each session's program sees only the client's pty size (clamped), its
// TERM and the few variables the UI needs (TERM, NO_COLOR,
// UPSKILL_THEME, COLORFGBG, ACCESSIBLE); input is rate-limited per
// session; a session with no key pressed for the idle timeout is warned,
// then ended. Shutdown tells every session that Upskill is restarting,
// lets each program quit as the learner's own quit does (saving), and
// returns when all connections have closed.
//
// Middleware order (wish.WithMiddleware composes first-innermost):
// logging, then identity (key re-check, no-key help, terminal check),
// then the commands (`ssh HOST learners list`, run when sess.Command() is
// not empty, for enrolled keys only, each checking the caller's access
// level), then the accessible mode for the sessions that want it (no
// pty, ACCESSIBLE, or the learner's saved setting: lines.go, with its own
// line discipline, linereader.go), then the Bubble Tea program, then the
// farewell line written after the program ends.
package server
