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

// textWithFormat reads an encoded text that may start with a format prefix,
// as Moodle's parse_text_with_format does: a known "[name]" at the very
// start is removed and selects the format; an unknown one stays in the text
// and the format is def. The text is then unescaped and trimmed.
func textWithFormat(s string, def Format) (string, Format) {
	f := def
	if strings.HasPrefix(s, "[") {
		// Stricter than Moodle: Moodle also reads "[htmlx" (no "]") as
		// html with text "htmlx", an accident of substr with false.
		if end := strings.IndexByte(s, ']'); end > 0 {
			switch name := Format(s[1:end]); name {
			case FormatMoodle, FormatHTML, FormatPlain, FormatMarkdown:
				f, s = name, s[end+1:]
			}
		}
	}
	return trim(decode(s)), f
}
