package server

import (
	"strconv"
	"time"
)

// endReason is why the server ends a session.
type endReason int

const (
	endNone         endReason = iota
	endShutdown               // the server is stopping
	endTakenOver              // the learner opened Upskill in another window
	endIdle                   // no key pressed for the idle timeout
	endEnrolTries             // too many wrong invite codes
	endDisconnected           // the client has gone
)

// endMsg asks a session's program to end, saving as the learner's own
// quit does.
type endMsg struct{ reason endReason }

// idleWarningMsg warns that the session will end for idleness soon;
// idleClearMsg clears the warning once the learner presses a key.
type idleWarningMsg struct{ left time.Duration }
type idleClearMsg struct{}

// farewell is the line written to the client after the program ends.
func farewell(reason endReason, idle time.Duration) string {
	switch reason {
	case endShutdown:
		return "Upskill is restarting; your progress is saved. Connect again in a minute."
	case endTakenOver:
		return "You opened Upskill in another window, so this one has closed. Your progress is saved."
	case endIdle:
		return "Upskill closed because no key was pressed for " + minutes(idle) + ". Your progress is saved; connect again to carry on."
	case endEnrolTries:
		return "That code did not work five times, so Upskill has closed. Ask your trainer for a new code."
	}
	return ""
}

// minutes says a duration in words, for learners.
func minutes(d time.Duration) string {
	switch m := int(d.Round(time.Minute) / time.Minute); {
	case m < 1:
		return "less than a minute"
	case m == 1:
		return "1 minute"
	default:
		return strconv.Itoa(m) + " minutes"
	}
}

// noKeyHelp is what a client that offered no key reads before the
// connection closes.
const noKeyHelp = `Upskill knows people by their SSH key, and your computer did not offer one.

Make a key once, then connect again:

  Windows 10 or 11: open PowerShell and type
      ssh-keygen -t ed25519
  macOS or Linux: open Terminal and type
      ssh-keygen -t ed25519

Press Enter to accept where it saves the key. A passphrase is a good idea.
Then connect again the same way as before. Upskill will ask for the code
your trainer gave you, once, to link the key to you.
`
