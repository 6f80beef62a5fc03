package tui

import (
	"strconv"
	"strings"
)

// backgroundFromEnv reads COLORFGBG, which some terminals set to
// "foreground;background" (or "fg;other;bg") in the 16 ANSI colours, and
// reports whether the background is dark. known is false when the value
// says nothing usable, and the UI keeps its default until the terminal
// answers the background query, if it does.
func backgroundFromEnv(colorfgbg string) (isDark, known bool) {
	parts := strings.Split(colorfgbg, ";")
	if colorfgbg == "" || len(parts) < 2 {
		return false, false
	}
	bg, err := strconv.Atoi(strings.TrimSpace(parts[len(parts)-1]))
	if err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	// 7 (white, often light grey) and 9 to 15 but for 8 (bright black)
	// are light; 0 to 6 and 8 are dark, as rxvt and xterm use them.
	switch {
	case bg == 7, bg >= 9:
		return false, true
	default:
		return true, true
	}
}
