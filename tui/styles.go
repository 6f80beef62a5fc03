package tui

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Theme names a look for the UI: chosen from the terminal's background
// (auto), dark, light, or high contrast.
type Theme string

// The themes. Every colour of every theme meets a contrast ratio of 4.5:1
// against its background (7:1 in high contrast).
const (
	ThemeAuto         Theme = "auto"
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
)

// Themes lists the themes, in the order help text gives them.
var Themes = []Theme{ThemeAuto, ThemeDark, ThemeLight, ThemeHighContrast}

// ParseTheme reads a theme's name, as given to --theme or UPSKILL_THEME.
// The empty string is auto.
func ParseTheme(s string) (Theme, error) {
	t := Theme(strings.ToLower(strings.TrimSpace(s)))
	if t == "" {
		return ThemeAuto, nil
	}
	for _, known := range Themes {
		if t == known {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown theme %q: choose auto, dark, light or high-contrast", s)
}

// Styles holds every style the UI uses, built from a palette. Screens
// take their styles from here and never choose colours themselves.
//
// Colour only ever repeats what a mark or a word already says (✓, ✗, "in
// progress"), so the UI reads the same with NO_COLOR or in monochrome.
type Styles struct {
	// Theme is the theme the styles are for (never auto), and IsDark
	// whether they are for a dark background.
	Theme  Theme
	IsDark bool
	// Background is the background the theme's colours are chosen for:
	// the contrast of every colour is measured against it.
	Background color.Color

	Header   lipgloss.Style // breadcrumb line
	Crumb    lipgloss.Style // the current place in the breadcrumb
	Learner  lipgloss.Style // learner's name, top right
	Rule     lipgloss.Style // the line under the header
	Title    lipgloss.Style // a screen's heading
	Subtitle lipgloss.Style
	Text     lipgloss.Style
	Muted    lipgloss.Style // secondary facts: minutes, dates, counts
	Selected lipgloss.Style // the row under the cursor
	Cursor   lipgloss.Style // the ›  marker
	Correct  lipgloss.Style // ✓ and "Correct"
	Wrong    lipgloss.Style // ✗ and "Not quite"
	Progress lipgloss.Style // in-progress marks
	BarFull  lipgloss.Style
	BarEmpty lipgloss.Style
	Badge    lipgloss.Style // ★ earned badges
	Locked   lipgloss.Style
	Notice   lipgloss.Style // the banner for a new badge
	Error    lipgloss.Style
	Box      lipgloss.Style // bordered panels: help, too-small
	Key      lipgloss.Style
	// Heat shades the activity calendar's cells by level, 0 to 4. The
	// cells' glyphs differ too, so the colour only repeats them.
	Heat      [5]lipgloss.Style
	Help      help.Styles
	TextInput textinput.Styles

	// Glamour styles lesson text (glamour.go); GlamourName names it, for
	// the render cache.
	Glamour     glamourStyle
	GlamourName string
}

// palette is the handful of colours a theme is made of.
type palette struct {
	background color.Color // what the colours are chosen against
	text       color.Color
	muted      color.Color // secondary text
	faint      color.Color // rules, empty bar cells, separators
	accent     color.Color
	correct    color.Color
	wrong      color.Color
	amber      color.Color // in progress, badges, notices
	selText    color.Color // the row under the cursor: text
	selBg      color.Color // and background
	heat       [3]color.Color
	// plain keeps emphasis to bold and one accent: high contrast.
	plain bool
}

func hex(s string) color.Color { return lipgloss.Color(s) }

// paletteFor returns the colours of a theme (dark, light or high
// contrast) on a dark or light background.
func paletteFor(t Theme, isDark bool) palette {
	switch {
	case t == ThemeHighContrast && isDark:
		white, black, yellow := hex("#FFFFFF"), hex("#000000"), hex("#FFFF00")
		return palette{background: black, text: white, muted: white, faint: white, accent: yellow,
			correct: white, wrong: white, amber: yellow, selText: black, selBg: yellow,
			heat: [3]color.Color{white, white, white}, plain: true}
	case t == ThemeHighContrast:
		white, black, blue := hex("#FFFFFF"), hex("#000000"), hex("#0000CC")
		return palette{background: white, text: black, muted: black, faint: black, accent: blue,
			correct: black, wrong: black, amber: blue, selText: white, selBg: blue,
			heat: [3]color.Color{black, black, black}, plain: true}
	case isDark:
		return palette{background: hex("#1E1E1E"), text: hex("#E4E4E4"), muted: hex("#A8A8A8"), faint: hex("#8A8A8A"),
			accent: hex("#B9A2FF"), correct: hex("#6BD98B"), wrong: hex("#FF8F87"), amber: hex("#FFD479"),
			selText: hex("#E4E4E4"), selBg: hex("#2E2748"),
			heat: [3]color.Color{hex("#4FA36C"), hex("#5FC283"), hex("#6BD98B")}}
	default:
		return palette{background: hex("#FFFFFF"), text: hex("#1F1F1F"), muted: hex("#5C5C5C"), faint: hex("#707070"),
			accent: hex("#5A3FC0"), correct: hex("#17753A"), wrong: hex("#B3261E"), amber: hex("#8A5A00"),
			selText: hex("#1F1F1F"), selBg: hex("#E8E2FA"),
			heat: [3]color.Color{hex("#2F7A4A"), hex("#1F6B3C"), hex("#17753A")}}
	}
}

// NewStyles builds the styles of the dark or light theme.
func NewStyles(isDark bool) Styles {
	if isDark {
		return ThemeStyles(ThemeDark, true)
	}
	return ThemeStyles(ThemeLight, false)
}

// ThemeStyles builds the styles of a theme for a dark or light
// background. Dark and light ignore isDark; high contrast is white on
// black or black on white; auto is dark or light as isDark says.
func ThemeStyles(t Theme, isDark bool) Styles {
	switch t {
	case ThemeDark:
		isDark = true
	case ThemeLight:
		isDark = false
	case ThemeHighContrast:
	default:
		t = ThemeLight
		if isDark {
			t = ThemeDark
		}
	}
	p := paletteFor(t, isDark)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	s := Styles{Theme: t, IsDark: isDark, Background: p.background, Glamour: newGlamourStyle(p)}
	s.GlamourName = string(t)
	if t == ThemeHighContrast {
		s.GlamourName += map[bool]string{true: "-dark", false: "-light"}[isDark]
	}
	s.Header = fg(p.muted)
	s.Crumb = fg(p.accent).Bold(true)
	s.Learner = fg(p.muted)
	s.Rule = fg(p.faint)
	s.Title = fg(p.accent).Bold(true)
	s.Subtitle = fg(p.text).Bold(true)
	s.Text = fg(p.text)
	s.Muted = fg(p.muted)
	s.Selected = fg(p.selText).Background(p.selBg).Bold(true)
	s.Cursor = fg(p.accent).Bold(true)
	s.Correct = fg(p.correct).Bold(true)
	s.Wrong = fg(p.wrong).Bold(true)
	s.Progress = fg(p.amber)
	s.BarFull = fg(p.accent)
	s.BarEmpty = fg(p.faint)
	s.Badge = fg(p.amber).Bold(true)
	s.Locked = fg(p.muted)
	s.Notice = fg(p.amber).Bold(true)
	s.Error = fg(p.wrong).Bold(true)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(0, 2)
	s.Key = fg(p.accent).Bold(true)
	s.Heat = [5]lipgloss.Style{fg(p.faint), fg(p.heat[0]), fg(p.heat[1]), fg(p.heat[2]), fg(p.heat[2]).Bold(true)}
	s.Help = help.Styles{
		ShortKey:       fg(p.text).Bold(true),
		ShortDesc:      fg(p.muted),
		ShortSeparator: fg(p.faint),
		Ellipsis:       fg(p.faint),
		FullKey:        fg(p.accent).Bold(true),
		FullDesc:       fg(p.text),
		FullSeparator:  fg(p.faint),
	}
	in := textinput.Styles{}
	in.Focused.Prompt = fg(p.accent).Bold(true)
	in.Focused.Text = fg(p.text)
	in.Focused.Placeholder = fg(p.muted)
	in.Focused.Suggestion = fg(p.muted)
	in.Blurred.Prompt = fg(p.muted)
	in.Blurred.Text = fg(p.text)
	in.Blurred.Placeholder = fg(p.muted)
	in.Blurred.Suggestion = fg(p.muted)
	in.Cursor.Color = p.accent
	in.Cursor.Shape = textinput.DefaultStyles(isDark).Cursor.Shape
	in.Cursor.Blink = false // steady cursor: easier to read, and no redraws while idle
	s.TextInput = in
	if p.plain {
		// High contrast: no colour but the one accent carries meaning, so
		// marks of state are bold rather than green, red or amber.
		s.Progress = s.Progress.Bold(true)
	}
	return s
}
