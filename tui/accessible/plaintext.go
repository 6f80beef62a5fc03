package accessible

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdown parses lesson bodies as the lessons package and Glamour do:
// CommonMark with the GitHub extensions and definition lists. Bodies are
// checked for depth when a pack is loaded, so parsing them is cheap.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))

// plainBlocks turns a lesson's Markdown into plain text for reading aloud:
// one block for each top-level part (a heading, a paragraph, a list, a
// table), each a few lines. Headings are announced ("Heading: ..."),
// list items start "- " or "1. ", links read "text (address)", code is
// given as written, and tables are read row by row with their column
// names. Nothing is decorative: no rules, boxes or marks.
func plainBlocks(src string) [][]string {
	source := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(source))
	r := plainRenderer{src: source}
	var out [][]string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if lines := r.lines(n, ""); len(lines) > 0 {
			out = append(out, lines)
		}
	}
	return out
}

// plainRenderer writes a Markdown tree as plain lines.
type plainRenderer struct{ src []byte }

// lines renders a block node, each line starting with indent.
func (r plainRenderer) lines(n ast.Node, indent string) []string {
	switch n := n.(type) {
	case *ast.Heading:
		return []string{indent + msgHeading(r.inline(n))}
	case *ast.Paragraph, *ast.TextBlock:
		if t := r.inline(n); t != "" {
			return []string{indent + t}
		}
		return nil
	case *ast.List:
		return r.list(n, indent)
	case *ast.Blockquote:
		var out []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			for _, l := range r.lines(c, "") {
				out = append(out, indent+msgQuote(l))
			}
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		out := []string{indent + msgCodeStart}
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			out = append(out, indent+strings.TrimRight(string(seg.Value(r.src)), "\r\n"))
		}
		return append(out, indent+msgCodeEnd)
	case *ast.ThematicBreak, *ast.HTMLBlock:
		return nil
	case *east.Table:
		return r.table(n, indent)
	case *east.DefinitionList:
		var out []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.DefinitionTerm:
				out = append(out, indent+r.inline(c))
			default:
				out = append(out, r.children(c, indent+"  ")...)
			}
		}
		return out
	}
	return r.children(n, indent)
}

// children renders a node's block children.
func (r plainRenderer) children(n ast.Node, indent string) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, r.lines(c, indent)...)
	}
	return out
}

// list renders each item after its "- " or number; an item's further
// lines, and lists inside it, are indented under it.
func (r plainRenderer) list(n *ast.List, indent string) []string {
	var out []string
	i := 0
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if n.IsOrdered() {
			marker = strconv.Itoa(n.Start+i) + ". "
		}
		i++
		lines := r.children(item, indent+"  ")
		if len(lines) == 0 {
			out = append(out, indent+strings.TrimSpace(marker))
			continue
		}
		out = append(out, indent+marker+strings.TrimPrefix(lines[0], indent+"  "))
		out = append(out, lines[1:]...)
	}
	return out
}

// table reads a table row by row, each cell after its column's name.
func (r plainRenderer) table(n *east.Table, indent string) []string {
	var names []string
	var rows [][]string
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, r.inline(c))
		}
		if _, ok := row.(*east.TableHeader); ok {
			names = cells
			continue
		}
		rows = append(rows, cells)
	}
	out := []string{indent + msgTableStart(len(names), len(rows))}
	for i, cells := range rows {
		parts := make([]string, len(cells))
		for j, c := range cells {
			if j < len(names) && names[j] != "" {
				parts[j] = names[j] + ": " + c
			} else {
				parts[j] = c
			}
		}
		out = append(out, indent+msgTableRow(i+1, parts))
	}
	return out
}

// inline is the text of a node's inline children, on one line.
func (r plainRenderer) inline(n ast.Node) string {
	var b strings.Builder
	r.writeInline(&b, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (r plainRenderer) writeInline(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(r.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.Link:
			label := r.inline(c)
			dest := string(c.Destination)
			if label == "" || label == dest {
				b.WriteString(dest)
			} else {
				b.WriteString(msgLink(label, dest))
			}
		case *ast.AutoLink:
			b.Write(c.URL(r.src))
		case *ast.Image:
			b.WriteString(msgImage(r.inline(c)))
		case *ast.RawHTML:
			// Raw HTML is markup, not text to read.
		case *east.TaskCheckBox:
			b.WriteString(msgTask(c.IsChecked))
		default:
			r.writeInline(b, c)
		}
	}
}
