package gift

import (
	"regexp"
	"strings"
)

// The patterns of Moodle's extract_idnumber_and_tags_from_comment: "\]"
// inside the brackets stands for "]", and control characters end the
// match. Go's regexp runs in linear time, so a hostile comment is cheap.
var (
	idPattern  = regexp.MustCompile(`\[id:((?:\\\]|[^\][:cntrl:]])+)\]`)
	tagPattern = regexp.MustCompile(`\[tag:((?:\\\]|[^\]<>` + "`" + `[:cntrl:]])*)\]`)
)

// isComment reports whether a trimmed line is a comment.
func isComment(line string) bool {
	return strings.HasPrefix(line, "//")
}

// idAndTags reads the question's idnumber (the first "[id:…]") and tags
// (every non-empty "[tag:…]") from its comment lines, joined by "\n".
func idAndTags(comments string) (id string, tags []string) {
	if !strings.Contains(comments, "[") {
		return "", nil
	}
	if m := idPattern.FindStringSubmatch(comments); m != nil {
		id = unbracket(m[1])
	}
	for _, m := range tagPattern.FindAllStringSubmatch(comments, -1) {
		// Moodle passes empty tags on to its tag API, which drops them.
		if t := unbracket(m[1]); t != "" {
			tags = append(tags, t)
		}
	}
	return id, tags
}

// unbracket trims s and turns each "\]" into "]".
func unbracket(s string) string {
	return strings.ReplaceAll(trim(s), `\]`, "]")
}
