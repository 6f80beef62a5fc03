package gift

import "strings"

// GIFT escapes its special characters with a backslash. Moodle swaps each
// escape for a placeholder such as "&&058;" before it looks for braces and
// separators, and swaps the placeholders back at the end. Parse does the
// same with single bytes that never occur in UTF-8 (0xF8 to 0xFE), so that
// no text a trainer writes can be mistaken for a placeholder; Parse refuses
// files that are not valid UTF-8, and decode turns every such byte back.
const (
	escColon   = 0xF8 // \:
	escHash    = 0xF9 // \#
	escEquals  = 0xFA // \=
	escOpen    = 0xFB // \{
	escClose   = 0xFC // \}
	escTilde   = 0xFD // \~
	escNewline = 0xFE // \n, a line break
)

// escapeFirst is the lowest placeholder byte; all bytes from it up to
// escNewline are placeholders.
const escapeFirst = escColon

// encode replaces GIFT's escapes with placeholder bytes, as Moodle's
// escapedchar_pre does: "\\" becomes a plain backslash, which escapes
// nothing, and any other backslash is kept as written.
func encode(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return string(appendEncoded(make([]byte, 0, len(s)), s))
}

// appendEncoded appends encode(s) to dst. Escapes never span a line break,
// so a block can be encoded a line at a time.
func appendEncoded(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 || i+1 == len(s) {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		if p := escapeFor(s[i+1]); p != 0 {
			dst = append(dst, p)
			s = s[i+2:]
		} else {
			dst = append(dst, '\\')
			s = s[i+1:]
		}
	}
}

// escapeFor returns the byte that "\\" followed by c stands for: a
// placeholder, a plain backslash for "\\\\", or 0 when c is not escaped.
func escapeFor(c byte) byte {
	switch c {
	case '\\':
		return '\\'
	case ':':
		return escColon
	case '#':
		return escHash
	case '=':
		return escEquals
	case '{':
		return escOpen
	case '}':
		return escClose
	case '~':
		return escTilde
	case 'n':
		return escNewline
	}
	return 0
}

// decode turns placeholder bytes back into the characters they stand for,
// as Moodle's escapedchar_post does.
func decode(s string) string {
	i := indexPlaceholder(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		b.WriteByte(decodeByte(s[i]))
	}
	return b.String()
}

// decodeByte returns the character that placeholder byte c stands for, or
// c itself when it is not a placeholder.
func decodeByte(c byte) byte {
	switch c {
	case escColon:
		return ':'
	case escHash:
		return '#'
	case escEquals:
		return '='
	case escOpen:
		return '{'
	case escClose:
		return '}'
	case escTilde:
		return '~'
	case escNewline:
		return '\n'
	}
	return c
}

// indexPlaceholder returns the index of the first placeholder byte in s, or
// -1 if there is none.
func indexPlaceholder(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= escapeFirst && s[i] <= escNewline {
			return i
		}
	}
	return -1
}

// isPHPSpace reports whether c is one of the bytes PHP's trim removes, and
// so Moodle trims: " \t\n\r\x00\x0b", and not the Unicode spaces that
// strings.TrimSpace also removes.
func isPHPSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', 0, '\v':
		return true
	}
	return false
}

// trim removes leading and trailing white space as PHP's trim does.
func trim(s string) string {
	return trimRight(trimLeft(s))
}

func trimLeft(s string) string {
	i := 0
	for i < len(s) && isPHPSpace(s[i]) {
		i++
	}
	return s[i:]
}

func trimRight(s string) string {
	j := len(s)
	for j > 0 && isPHPSpace(s[j-1]) {
		j--
	}
	return s[:j]
}
