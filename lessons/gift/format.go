package gift

import (
	"strconv"
	"strings"
)

// Format is a text format, chosen in GIFT by a prefix such as "[markdown]"
// at the start of a text. It is a small number rather than the name, which
// keeps Question and Answer small; String gives the name.
type Format uint8

// The formats Moodle knows. FormatNone means the text had no prefix, which
// Moodle reads as FormatMoodle for question text; answers and feedback
// without a prefix take the question's format.
const (
	FormatNone Format = iota
	FormatMoodle
	FormatHTML
	FormatPlain
	FormatMarkdown
)

// formatNames are the names of the formats, as written in a prefix.
var formatNames = [...]string{
	FormatNone:     "",
	FormatMoodle:   "moodle",
	FormatHTML:     "html",
	FormatPlain:    "plain",
	FormatMarkdown: "markdown",
}

// String returns the name of the format as written in a GIFT prefix, such
// as "html"; "" for FormatNone, and "format N" for an unknown value.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "format " + strconv.Itoa(int(f))
}

// formatPrefix reads the format prefix that may start an encoded text, as
// Moodle's parse_text_with_format does: a known "[name]" at the very start
// is removed and selects the format; an unknown one stays in the text and
// the format is def. The caller then unescapes and trims the text.
func formatPrefix(s string, def Format) (string, Format) {
	if strings.HasPrefix(s, "[") {
		// Stricter than Moodle: Moodle also reads "[htmlx" (no "]") as
		// html with text "htmlx", an accident of substr with false.
		if end := strings.IndexByte(s, ']'); end > 0 {
			if f := knownFormat(s[1:end]); f != FormatNone {
				return s[end+1:], f
			}
		}
	}
	return s, def
}

// knownFormat returns the format called name (case matters, as in
// Moodle), or FormatNone when Moodle knows no such format.
func knownFormat(name string) Format {
	for f := FormatMoodle; int(f) < len(formatNames); f++ {
		if formatNames[f] == name {
			return f
		}
	}
	return FormatNone
}
