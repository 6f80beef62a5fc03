package lessons

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown parses lesson text the way Glamour does (CommonMark with the
// GitHub extensions and definition lists), so that the nesting it measures
// is the nesting Glamour will render. Its list and block quote parsers are
// wrapped in a nestingGuard.
var markdown = goldmark.New(
	goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(guardedBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)),
	goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
)

// maxParsedNesting is the deepest nesting of lists and block quotes that
// the parser builds. Goldmark's cost grows with the square of the number of
// containers opened on one line (a 120 KB line of "- " took minutes), so it
// stops well past maxNesting: the text is refused either way.
const maxParsedNesting = 64

// lineAttribute holds the 0-based body line a list or block quote starts on.
const lineAttribute = "upskill-line"

// guardedBlockParsers returns goldmark's default block parsers with the list
// and block quote parsers wrapped in a nestingGuard.
func guardedBlockParsers() []util.PrioritizedValue {
	list, quote := reflect.TypeOf(parser.NewListParser()), reflect.TypeOf(parser.NewBlockquoteParser())
	out := parser.DefaultBlockParsers()
	for i, v := range out {
		if t := reflect.TypeOf(v.Value); t == list || t == quote {
			out[i].Value = nestingGuard{v.Value.(parser.BlockParser)}
		}
	}
	return out
}

// nestingGuard refuses to open a list or block quote deeper than
// maxParsedNesting+1 (the rest of the line is then read as text), and
// records the line each container starts on, which an empty container does
// not otherwise keep.
type nestingGuard struct{ parser.BlockParser }

func (g nestingGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			depth++
		}
	}
	if depth > maxParsedNesting {
		return nil, parser.NoChildren
	}
	node, state := g.BlockParser.Open(parent, reader, pc)
	if node != nil {
		line, _ := reader.Position()
		node.SetAttributeString(lineAttribute, line)
	}
	return node, state
}

// checkBody validates a lesson's Markdown text and returns it with Windows
// line endings made plain. startLine is the file line the body begins on.
func checkBody(file, body string, startLine int, ps *problems) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if strings.TrimSpace(body) == "" {
		// At the closing "---": the file may end there, with no line after.
		ps.errorf(file, startLine-1, "the lesson has no text after its front matter")
		return body
	}
	for i, line := range strings.Split(body, "\n") {
		if c, bad := firstUnsafeRune(line); bad {
			ps.errorf(file, startLine+i, "the lesson text contains the control character %U; remove it", c)
		}
	}
	if line, n, ok := inlineMarkersWithinLimits(body); !ok {
		ps.errorf(file, startLine+line, "%s", n)
		return body
	}
	src := []byte(body)
	doc := markdown.Parser().Parse(text.NewReader(src))
	for _, l := range deceptiveLinks(doc, src) {
		ps.warnf(file, startLine+l.line, "the link text %q reads as an address but the link goes to %q; learners are shown the real address, but make the text say where it goes", l.text, l.destination)
	}
	switch depth, line := deepestNesting(doc); {
	case depth > maxParsedNesting:
		ps.errorf(file, startLine+line, "lists and block quotes are nested more than %d deep; the limit is %d", maxParsedNesting, maxNesting)
	case depth > maxNesting:
		ps.errorf(file, startLine+line, "lists and block quotes are nested %d deep; the limit is %d", depth, maxNesting)
	}
	return body
}

// inlineMarkers are the characters that open or close emphasis, links,
// strikethrough and code spans. Goldmark (and so Glamour) takes time that
// grows with the square of the unmatched ones in a paragraph: 240 KB of
// "*a_" took five minutes. Their number is bounded per paragraph and per
// lesson; code blocks are not counted, since Markdown does not parse them.
const inlineMarkers = "*_`[~"

// inlineMarkersWithinLimits reports whether body keeps within
// maxParagraphMarkers and maxLessonMarkers. When it does not, it returns
// the 0-based line of the paragraph that breaks a limit and a message.
func inlineMarkersWithinLimits(body string) (line int, msg string, ok bool) {
	var fence string // the fence of the code block we are in, if any
	para, total, paraStart := 0, 0, 0
	for i, l := range strings.Split(body, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if f := fenceOf(trimmed); f != "" && (fence == "" || strings.HasPrefix(trimmed, fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
			para, paraStart = 0, i+1
			continue
		}
		if fence != "" {
			continue
		}
		if strings.TrimSpace(l) == "" {
			para, paraStart = 0, i+1
			continue
		}
		n := 0
		for j := 0; j < len(l); j++ {
			if strings.IndexByte(inlineMarkers, l[j]) >= 0 {
				n++
			}
		}
		para += n
		total += n
		switch {
		case para > maxParagraphMarkers:
			return paraStart, fmt.Sprintf("a paragraph has more than %d emphasis, link and code marks (* _ ` [ ~); the limit is %d: split it up", maxParagraphMarkers, maxParagraphMarkers), false
		case total > maxLessonMarkers:
			return i, fmt.Sprintf("the lesson has more than %d emphasis, link and code marks (* _ ` [ ~); the limit is %d", maxLessonMarkers, maxLessonMarkers), false
		}
	}
	return 0, "", true
}

// fenceOf returns the fence (three or more backticks or tildes) that a
// line opens or closes a fenced code block with, or "".
func fenceOf(line string) string {
	for _, c := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, c))
		if n >= 3 {
			return strings.Repeat(c, n)
		}
	}
	return ""
}

// deepestNesting returns how deeply lists and block quotes nest in a
// Markdown tree, and the 0-based source line where the deepest one starts.
// Glamour's cost grows steeply with this depth, so it is bounded.
func deepestNesting(doc ast.Node) (int, int) {
	best := 0
	var deepest ast.Node
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		switch n.Kind() {
		case ast.KindList, ast.KindBlockquote:
			depth++
			if depth > best {
				best, deepest = depth, n
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth)
		}
	}
	walk(doc, 0)
	if deepest == nil {
		return 0, 0
	}
	line, _ := deepest.AttributeString(lineAttribute)
	l, _ := line.(int)
	return best, l
}
