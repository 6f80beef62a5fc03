package gift

import "strings"

// Format is a text format, chosen in GIFT by a prefix such as "[markdown]"
// at the start of a text.
type Format string

// The formats Moodle knows. FormatNone means the text had no prefix, which
// Moodle reads as FormatMoodle for question text; answers and feedback
// without a prefix take the question's format.
const (
	FormatNone     Format = ""
	FormatMoodle   Format = "moodle"
	FormatHTML     Format = "html"
	FormatPlain    Format = "plain"
	FormatMarkdown Format = "markdown"
)

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

// knownFormat returns the format called name, or FormatNone when Moodle
// knows no such format. It returns the constant, never name itself, so
// that a Format read from a file holds none of the file's memory.
func knownFormat(name string) Format {
	switch Format(name) {
	case FormatMoodle:
		return FormatMoodle
	case FormatHTML:
		return FormatHTML
	case FormatPlain:
		return FormatPlain
	case FormatMarkdown:
		return FormatMarkdown
	}
	return FormatNone
}
