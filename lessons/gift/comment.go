package gift

import "strings"

// isComment reports whether a trimmed line is a comment.
func isComment(line string) bool {
	return strings.HasPrefix(line, "//")
}

// idAndTags reads the question's idnumber (the first "[id:…]") and tags
// (every non-empty "[tag:…]") from its comment lines, joined by "\n".
//
// It matches as Moodle's extract_idnumber_and_tags_from_comment does with
// the patterns \[id:((?:\\\]|[^\][:cntrl:]])+)\] and
// \[tag:((?:\\\]|[^\]<>`[:cntrl:]])*)\]: "\]" inside the brackets stands
// for "]", and control characters end the match. FuzzIDAndTags checks the
// scanner against those patterns.
func idAndTags(comments string) (id string, tags []string) {
	if strings.IndexByte(comments, '[') < 0 {
		return "", nil
	}
	if body, _, ok := bracketed(comments, "[id:", idStops, false); ok {
		id = unbracket(body)
	}
	for rest := comments; ; {
		body, end, ok := bracketed(rest, "[tag:", tagStops, true)
		if !ok {
			break
		}
		// Moodle passes empty tags on to its tag API, which drops them.
		if t := unbracket(body); t != "" {
			tags = append(tags, t)
		}
		rest = rest[end:]
	}
	return id, tags
}

// idStops and tagStops report whether a byte cannot be part of an id or a
// tag: "]" (unless escaped) and the ASCII control characters, and for tags
// "<", ">" and "`" too. Every byte of a multi-byte UTF-8 character is
// allowed, as the patterns allow every non-ASCII character.
func idStops(c byte) bool { return c == ']' || c < 0x20 || c == 0x7f }

func tagStops(c byte) bool { return idStops(c) || c == '<' || c == '>' || c == '`' }

// bracketed finds the leftmost match in s of open, then a body, then "]",
// where the body is a run of "\]" and bytes for which stops is false
// (empty only when emptyOK), and returns the body and the end of the match.
//
// It returns what a backtracking matcher returns for the pattern (as Go's
// regexp does): the body runs as far as it can, taking each "\]" as a
// pair; if that run does not end at a "]", the matcher backs up to the
// last "\]" in it and ends the match at that "]", so the body ends with the
// backslash. A run that fails has no "\]" in it, so every later start
// inside it fails too, and the search goes on after it: the time is linear.
func bracketed(s, open string, stops func(byte) bool, emptyOK bool) (body string, end int, ok bool) {
	for from := 0; ; {
		i := strings.Index(s[from:], open)
		if i < 0 {
			return "", 0, false
		}
		start := from + i + len(open)
		j, lastPair := start, -1 // lastPair: index of the "\" of the last "\]"
		for j < len(s) {
			if s[j] == '\\' && j+1 < len(s) && s[j+1] == ']' {
				lastPair = j
				j += 2
				continue
			}
			if stops(s[j]) {
				break
			}
			j++
		}
		switch {
		case j < len(s) && s[j] == ']' && (j > start || emptyOK):
			return s[start:j], j + 1, true
		case lastPair >= 0:
			return s[start : lastPair+1], lastPair + 2, true
		}
		from = max(from+i+1, j-len(open)+1)
	}
}

// unbracket trims s and turns each "\]" into "]".
func unbracket(s string) string {
	return strings.ReplaceAll(trim(s), `\]`, "]")
}
