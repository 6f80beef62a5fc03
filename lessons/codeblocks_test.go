package lessons

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// outsideCode returns a lesson body without the lines of its code blocks,
// as goldmark (Glamour's parser) reads them. Glamour shows code blocks as
// written and decodes no character reference in them, so a reference
// there is text to show, not a way to reach the terminal; everywhere else
// the body must decode to nothing unsafe.
func outsideCode(body string) string {
	src := []byte(body)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var b strings.Builder
	last := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindFencedCodeBlock || n.Kind() == ast.KindCodeBlock {
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(src[last:seg.Start])
				b.WriteString("\n")
				last = seg.Stop
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	b.Write(src[last:])
	return b.String()
}
