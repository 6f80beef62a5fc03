package gift

import (
	"reflect"
	"regexp"
	"testing"
)

// The patterns of Moodle's extract_idnumber_and_tags_from_comment, as
// regular expressions: the reference that idAndTags's scanner must agree
// with.
var (
	idReference  = regexp.MustCompile(`\[id:((?:\\\]|[^\][:cntrl:]])+)\]`)
	tagReference = regexp.MustCompile(`\[tag:((?:\\\]|[^\]<>` + "`" + `[:cntrl:]])*)\]`)
)

// idAndTagsReference is idAndTags written with the regular expressions.
func idAndTagsReference(comments string) (id string, tags []string) {
	if m := idReference.FindStringSubmatch(comments); m != nil {
		id = unbracket(m[1])
	}
	for _, m := range tagReference.FindAllStringSubmatch(comments, -1) {
		if t := unbracket(m[1]); t != "" {
			tags = append(tags, t)
		}
	}
	return id, tags
}

// idAndTagsCases are comments where backtracking, escapes, stops and
// repeated openings decide the match.
var idAndTagsCases = []string{
	"// [id:MC-1] [tag:phishing]\n",
	"// [id:a\\]b] [tag:x\\]y] [tag:] [tag:  ] [tag:z]\n",
	"// [id:a\\]\n",            // no closing "]": back up to the "\]"
	"// [id:a\\]b\\]c\n",       // back up to the last "\]"
	"// [id:\\]\n",             // body is just the backslash
	"// [id:]\n// [id:late]\n", // empty id: take the next
	"// [id:[id:x]\n",
	"// [id:a\x01b] [id:c]\n",
	"// [tag:a<b] [tag:c`d] [tag:e>f] [tag:ok]\n",
	"// [tag:a\\]<] [tag:\\\\]]\n",
	"// [id:x\\\\]y]\n",
	"// [id:é∑] [tag:日本]\n",
	"// [id:a\n// b]\n",
	"// [ID:upper] [tag:[tag:x]]\n",
	"[id:" + string(rune(0x7f)) + "] [id:ok]",
	"// no brackets at all\n",
}

func TestIDAndTagsMatchesReference(t *testing.T) {
	for _, c := range idAndTagsCases {
		checkIDAndTags(t, c)
	}
}

// FuzzIDAndTags checks the hand-written scanner against the patterns.
func FuzzIDAndTags(f *testing.F) {
	for _, c := range idAndTagsCases {
		f.Add(c)
	}
	f.Fuzz(checkIDAndTags)
}

func checkIDAndTags(t *testing.T, comments string) {
	id, tags := idAndTags(comments)
	wantID, wantTags := idAndTagsReference(comments)
	if id != wantID || !reflect.DeepEqual(tags, wantTags) {
		t.Errorf("idAndTags(%q) = %q, %q; the patterns give %q, %q", comments, id, tags, wantID, wantTags)
	}
}
