package termsafe

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AllowedURL reports whether u may be the target of a hyperlink shown to the
// learner: an http, https or mailto URL (scheme case-insensitive) that is
// valid UTF-8, parses as a URL, has a host (http and https) or an address
// (mailto), and contains no control characters, format controls or white
// space.
func AllowedURL(u string) bool {
	for i := 0; i < len(u); {
		r, n := utf8.DecodeRuneInString(u[i:])
		if r == utf8.RuneError && n == 1 || r <= 0x20 || r >= 0x7f && r <= 0xa0 ||
			unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
		i += n
	}
	scheme, rest, ok := strings.Cut(u, ":")
	if !ok || rest == "" {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return true
	}
	return false
}

// validOSC8 reports whether p, the payload of an OSC sequence, is an OSC 8
// hyperlink that may be shown: "8;params;URI" where params holds printable
// ASCII other than ';' and URI is empty (the end of a link) or passes
// [AllowedURL].
func validOSC8(p string) bool {
	rest, ok := strings.CutPrefix(p, "8;")
	if !ok {
		return false
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok {
		return false
	}
	for i := 0; i < len(params); i++ {
		if c := params[i]; c <= 0x20 || c >= 0x7f {
			return false
		}
	}
	return uri == "" || AllowedURL(uri)
}
