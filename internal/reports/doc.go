// Package reports builds what the read-only admin commands print: the
// list of packs on offer and each learner's progress report. The command
// line (upskill pack list, upskill progress) and the SSH server's
// commands (ssh HOST pack list, ssh HOST progress) both call it, so the
// two say the same things.
package reports
