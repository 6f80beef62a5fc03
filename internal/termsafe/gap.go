package termsafe

// This file models the Markdown syntax that Glamour drops when it flattens
// inline text (ast.Node.Text for strikethrough, code spans and image text)
// before decoding character references, so that a '&' and a '#' separated by
// that syntax in the source end up adjacent.

// isDropped reports whether c is Markdown syntax that Glamour can drop when
// it flattens inline text: emphasis, strikethrough and code markers,
// backslash escapes, link and image brackets, the end of a link destination
// and autolink or block-quote markers.
func isDropped(c byte) bool {
	switch c {
	case '*', '_', '~', '`', '\\', '[', ']', '!', '<', '>', ')':
		return true
	}
	return false
}

// hardBreak reports whether the '\n' at s[nl] ends a hard line break (after
// a space, tab or backslash), which Glamour drops when flattening text.
func hardBreak(s string, nl int) bool {
	return nl > 0 && (s[nl-1] == ' ' || s[nl-1] == '\t' || s[nl-1] == '\\')
}

// skipGap returns the end of the run of droppable syntax that starts at
// s[j]: isDropped bytes and hard line breaks with the next line's
// indentation and '>' markers.
func skipGap(s string, j int) int {
	for j < len(s) {
		c := s[j]
		if isDropped(c) {
			j++
			continue
		}
		if c != ' ' && c != '\t' && c != '\n' {
			return j
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k == len(s) || s[k] != '\n' || !hardBreak(s, k) {
			return j
		}
		for k++; k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '>'); k++ {
		}
		j = k
	}
	return j
}

// vanishesBefore reports whether the byte before s[h] may be dropped when
// Glamour flattens text: droppable syntax, a hard line break, or the
// indentation after one.
func vanishesBefore(s string, h int) bool {
	if h == 0 {
		return false
	}
	if isDropped(s[h-1]) {
		return true
	}
	j := h - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '>') {
		j--
	}
	return j >= 0 && s[j] == '\n' && hardBreak(s, j)
}

// extendsAfter reports whether the '#' at s[h] could start a numeric
// reference, directly or through droppable syntax.
func extendsAfter(s string, h int) bool {
	j := h + 1
	if j >= len(s) {
		return false
	}
	if c := s[j]; c >= '0' && c <= '9' || c == 'x' || c == 'X' || isDropped(c) {
		return true
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j > h+1 && j < len(s) && s[j] == '\n'
}

// blankLineAfter reports whether the line after the '\n' at s[i] is blank,
// which ends a Markdown paragraph.
func blankLineAfter(s string, i int) bool {
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j == len(s) || s[j] == '\n'
}
