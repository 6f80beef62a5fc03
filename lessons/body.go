package lessons

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// markdown parses lesson text the way Glamour does (CommonMark with the
// GitHub extensions and definition lists), so that the nesting it measures
// is the nesting Glamour will render.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))

// checkBody validates a lesson's Markdown text and returns it with Windows
// line endings made plain. startLine is the file line the body begins on.
func checkBody(file, body string, startLine int, ps *problems) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if strings.TrimSpace(body) == "" {
		ps.errorf(file, startLine, "the lesson has no text after its front matter")
		return body
	}
	for i, line := range strings.Split(body, "\n") {
		if c, bad := firstUnsafeRune(line); bad {
			ps.errorf(file, startLine+i, "the lesson text contains the control character %U; remove it", c)
		}
	}
	src := []byte(body)
	doc := markdown.Parser().Parse(text.NewReader(src))
	if depth, line := deepestNesting(doc, src); depth > maxNesting {
		ps.errorf(file, startLine+line, "lists and block quotes are nested %d deep; the limit is %d", depth, maxNesting)
	}
	return body
}

// deepestNesting returns how deeply lists and block quotes nest in a
// Markdown tree, and the 0-based source line where the deepest one starts.
// Glamour's cost grows steeply with this depth, so it is bounded.
func deepestNesting(doc ast.Node, src []byte) (int, int) {
	best, bestLine := 0, 0
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		switch n.Kind() {
		case ast.KindList, ast.KindBlockquote:
			depth++
			if depth > best {
				best, bestLine = depth, lineOf(n, src)
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth)
		}
	}
	walk(doc, 0)
	return best, bestLine
}

// lineOf finds the 0-based line of the first text inside n.
func lineOf(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock {
			if lines := c.Lines(); lines != nil && lines.Len() > 0 {
				return strings.Count(string(src[:lines.At(0).Start]), "\n")
			}
		}
	}
	return 0
}
