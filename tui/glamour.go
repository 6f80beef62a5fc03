package tui

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/glamour/v2/ansi"
)

// glamourStyle is Upskill's own style for lesson text, built from a
// theme's palette: headings in the accent colour without Markdown's #
// marks, rules as a line, lists with bullets, code in the text colour
// with no background, links underlined. Every colour in it is one of the
// palette's, so lesson text meets the theme's contrast.
type glamourStyle = ansi.StyleConfig

// colourString writes a colour as Glamour reads it: #rrggbb.
func colourString(c color.Color) *string {
	r, g, b, _ := c.RGBA()
	s := fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
	return &s
}

func newGlamourStyle(p palette) glamourStyle {
	text, muted, faint, accent := colourString(p.text), colourString(p.muted), colourString(p.faint), colourString(p.accent)
	yes, no := true, false
	zero, one, two := uint(0), uint(1), uint(2)
	quote := "│ "
	heading := func(prefix string) ansi.StyleBlock {
		return ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: prefix, Color: accent, Bold: &yes}}
	}
	st := ansi.StyleConfig{
		Document: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockPrefix: "\n", BlockSuffix: "\n", Color: text},
			Margin:         &one,
		},
		BlockQuote: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: muted},
			Indent:         &zero, Margin: &one, IndentToken: &quote,
		},
		Paragraph: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: text}},
		List:      ansi.StyleList{StyleBlock: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: text}}, LevelIndent: 2},
		Heading: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n", Color: accent, Bold: &yes},
		},
		H1:             heading(""),
		H2:             heading(""),
		H3:             heading(""),
		H4:             heading(""),
		H5:             heading(""),
		H6:             ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: text, Bold: &yes}},
		Strikethrough:  ansi.StylePrimitive{CrossedOut: &yes},
		Emph:           ansi.StylePrimitive{Italic: &yes},
		Strong:         ansi.StylePrimitive{Bold: &yes},
		HorizontalRule: ansi.StylePrimitive{Color: faint, Format: "\n" + strings.Repeat("─", 24) + "\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[x] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Color: accent, Underline: &yes},
		LinkText:       ansi.StylePrimitive{Color: text, Bold: &yes},
		Image:          ansi.StylePrimitive{Color: accent, Underline: &yes},
		ImageText:      ansi.StylePrimitive{Color: muted, Format: "Image: {{.text}} →"},
		Code: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
			Prefix: "\u00a0", Suffix: "\u00a0", Color: accent, Bold: &no,
		}},
		CodeBlock: ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{Color: text},
			Margin:         &two,
		}},
		Table:                 ansi.StyleTable{StyleBlock: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: text}}},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n  "},
	}
	return st
}
