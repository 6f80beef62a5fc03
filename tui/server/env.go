package server

import (
	"slices"
	"strings"
)

// clientEnvAllowed are the only variables of the client's environment a
// session's program sees: the terminal, and what colours, the theme and
// the accessible mode need. Nothing else the client sends (UPSKILL_DB,
// LD_PRELOAD, ...) reaches anything.
var clientEnvAllowed = []string{"TERM", "NO_COLOR", "UPSKILL_THEME", "COLORFGBG", "ACCESSIBLE"}

// clientEnv keeps the allowed variables of env (KEY=VALUE lines, later
// ones winning) and sets TERM to the pty's terminal type when there is
// one.
func clientEnv(env []string, ptyTerm string) map[string]string {
	out := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok && slices.Contains(clientEnvAllowed, k) {
			out[k] = v
		}
	}
	if ptyTerm != "" {
		out["TERM"] = ptyTerm
	}
	return out
}

// environ turns the kept variables into KEY=VALUE lines, sorted.
func environ(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
