package trainingreport

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// A bar of a chart: a label and a whole percentage, 0 to 100.
type bar struct {
	Label string
	Value int
}

// Chart geometry, in SVG user units (CSS pixels at 100% zoom).
const (
	chartLabelWidth = 230
	chartBarWidth   = 420
	chartRowHeight  = 26
	chartTop        = 10
	chartAxisHeight = 34
	chartMaxLabel   = 30 // runes of a label; the table has the rest
	chartBarColour  = "#1d4e89"
	chartTextColour = "#0b0c0c"
	chartGridColour = "#6f777b"
)

// barChart draws a horizontal bar chart of percentages as inline SVG,
// with no script and nothing fetched. The value axis always runs from 0
// to 100%, so a bar's length is its share. It is an image to assistive
// technology (role="img"), named by its title and described by desc,
// which must say what the chart shows; the table beside it carries every
// number.
func barChart(id, title, desc string, bars []bar) template.HTML {
	width := chartLabelWidth + chartBarWidth + 60
	height := chartTop + len(bars)*chartRowHeight + chartAxisHeight
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%[1]s-title %[1]s-desc" viewBox="0 0 %[2]d %[3]d" width="%[2]d" height="%[3]d" font-family="Arial, Helvetica, sans-serif" font-size="14">`,
		id, width, height)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	x0, bottom := chartLabelWidth, chartTop+len(bars)*chartRowHeight
	for tick := 0; tick <= 100; tick += 25 {
		x := x0 + tick*chartBarWidth/100
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1" stroke-dasharray="2 3"/>`, x, chartTop, x, bottom, chartGridColour)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" fill="%s">%d%%</text>`, x, bottom+20, chartTextColour, tick)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>`, x0, chartTop, x0, bottom, chartTextColour)
	for i, bb := range bars {
		y := chartTop + i*chartRowHeight
		v := min(max(bb.Value, 0), 100)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="%s">%s</text>`, x0-8, y+18, chartTextColour, html.EscapeString(shorten(bb.Label)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, x0, y+5, v*chartBarWidth/100, chartRowHeight-10, chartBarColour)
		// A white halo keeps the figure readable where it crosses a grid line.
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s" stroke="#fff" stroke-width="4" paint-order="stroke">%d%%</text>`,
			x0+v*chartBarWidth/100+6, y+18, chartTextColour, bb.Value)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every outside string above is escaped
}

// shorten cuts a label to chartMaxLabel runes.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= chartMaxLabel {
		return s
	}
	return string(r[:chartMaxLabel-1]) + "…"
}
