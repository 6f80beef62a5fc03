package termsafe

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// codeBlockLines returns the byte ranges of s that are the content lines
// of code blocks (fenced or indented), as goldmark, the parser Glamour
// uses, reads them. Glamour shows those lines as written and never decodes
// a character reference in them, so [Markdown] leaves them alone: a
// lesson about escape sequences can show "&#27;" in a code block. Should
// the two parsers ever disagree, nothing unsafe follows: [ANSI] removes
// any control character from the rendered output.
func codeBlockLines(s string) [][2]int {
	src := []byte(s)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var out [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				out = append(out, [2]int{seg.Start, seg.Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// inRanges reports whether offset i is inside one of the sorted ranges,
// advancing *next past ranges that end at or before i.
func inRanges(ranges [][2]int, next *int, i int) bool {
	for *next < len(ranges) && ranges[*next][1] <= i {
		*next++
	}
	return *next < len(ranges) && ranges[*next][0] <= i
}
