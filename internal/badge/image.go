package badge

import (
	"encoding/base64"
	"html"
	"strings"
	"unicode/utf8"
)

// ImageDataURL is a badge picture made from its name, as an SVG data:
// URL: a rosette with the name's initials, and the name beneath.
func ImageDataURL(name string) string {
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(SVG(name)))
}

// SVG draws a badge picture from its name. The name is escaped, so any
// text is safe.
func SVG(name string) string {
	label := name
	if utf8.RuneCountInString(label) > 28 {
		label = string([]rune(label)[:27]) + "…"
	}
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" role="img" aria-label="`)
	b.WriteString(html.EscapeString(name))
	b.WriteString(`"><circle cx="100" cy="88" r="70" fill="#1d4f91"/><circle cx="100" cy="88" r="60" fill="none" stroke="#ffffff" stroke-width="4"/>`)
	b.WriteString(`<text x="100" y="104" font-family="sans-serif" font-size="44" font-weight="bold" fill="#ffffff" text-anchor="middle">`)
	b.WriteString(html.EscapeString(initials(name)))
	b.WriteString(`</text><text x="100" y="186" font-family="sans-serif" font-size="14" fill="#1b1b1b" text-anchor="middle">`)
	b.WriteString(html.EscapeString(label))
	b.WriteString(`</text></svg>`)
	return b.String()
}

// initials are the first letters of the name's first two words.
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, []rune(strings.ToUpper(string(r)))...)
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "★"
	}
	return string(out)
}
