package server

import (
	"net"
	"strings"
)

// teamReportCommand is the command a manager or trainer runs on their
// own computer to save a team's HTML report from this server, for the
// Team screen's report key (tui.Options.ReportCommand): `ssh -p PORT
// HOST report --team T --format html > team-report.html`, with team ""
// meaning every team. HOST and PORT are the address the session reached
// (its local address), unless the server's public address is set; an
// address on every interface says HOST, as the local commands' hint does.
func teamReportCommand(local net.Addr, public, team string) string {
	remote := "report --format html"
	if team != "" {
		remote = "report --team " + remoteWord(team) + " --format html"
	}
	if team != "" && !plainWord(team) {
		// ssh joins its arguments with spaces and the server splits them
		// again: the quoted team must reach the server as one argument.
		remote = shellWord(remote)
	}
	return sshCommand(local, public, remote) + " > team-report.html"
}

// sshCommand is `ssh [-p PORT] HOST REMOTE`: the command that runs remote
// on this server from a learner's own computer. HOST and PORT are the
// server's public address when it is set, else the address the session
// reached; an address on every interface says HOST.
func sshCommand(local net.Addr, public, remote string) string {
	host, port := "HOST", "2222"
	if public != "" {
		host, port = public, "22"
		if h, p, err := net.SplitHostPort(public); err == nil {
			host, port = h, p
		}
	} else if local != nil {
		if h, p, err := net.SplitHostPort(local.String()); err == nil {
			host, port = h, p
			if ip := net.ParseIP(h); h == "" || ip != nil && ip.IsUnspecified() {
				host = "HOST"
			}
		}
	}
	if port == "22" {
		return "ssh " + host + " " + remote
	}
	return "ssh -p " + port + " " + host + " " + remote
}

// plainWord reports whether s needs no quoting in a POSIX shell.
func plainWord(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r))
	}) < 0
}

// remoteWord quotes s for the server's splitting of the command line
// (POSIX rules): double quotes when they keep it readable, else single.
func remoteWord(s string) string {
	switch {
	case plainWord(s):
		return s
	case !strings.ContainsAny(s, "\"\\$`!"):
		return `"` + s + `"`
	}
	return shellWord(s)
}

// shellWord quotes s for a POSIX shell in single quotes; a single quote
// in s ends the quoting, is escaped with a backslash, and the quoting
// starts again.
func shellWord(s string) string {
	if plainWord(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
