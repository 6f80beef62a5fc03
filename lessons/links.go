package lessons

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// addressLike matches link text that reads as a web address: with a scheme,
// starting "www.", or a bare domain such as gov.uk/guidance.
var addressLike = regexp.MustCompile(`(?i)^(https?://\S+|www\.\S+|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?)$`)

// deceptiveLink is a link whose text reads as one address while it points
// at another host, and the 0-based body line it is on.
type deceptiveLink struct {
	text, destination string
	line              int
}

// deceptiveLinks finds links such as [https://www.gov.uk](https://evil.example),
// whose text names a host the link does not go to. Upskill shows every
// link's real address, but a trainer should know their text misleads.
func deceptiveLinks(doc ast.Node, src []byte) []deceptiveLink {
	var out []deceptiveLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		text, start := linkText(link, src)
		text = strings.TrimSpace(text)
		dest := string(link.Destination)
		if addressLike.MatchString(text) && hostOf(text) != hostOf(dest) {
			out = append(out, deceptiveLink{text: text, destination: dest, line: bytes.Count(src[:start], []byte("\n"))})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// linkText is the plain text of a link and the offset in src where it
// starts.
func linkText(link *ast.Link, src []byte) (string, int) {
	var b strings.Builder
	start := -1
	ast.Walk(link, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			if start < 0 {
				start = t.Segment.Start
			}
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String(), max(start, 0)
}

// hostOf is the host an address names, in lower case and without a
// leading "www.", or "" when it names none (such as a mailto: link).
func hostOf(address string) string {
	if !strings.Contains(address, "://") && !strings.HasPrefix(strings.ToLower(address), "mailto:") {
		address = "https://" + address
	}
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
