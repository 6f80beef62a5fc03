package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// Styles holds every style the UI uses, built from one fact: whether the
// terminal's background is dark. Screens take their styles from here and
// never choose colours themselves.
//
// Colour only ever repeats what a mark or a word already says (✓, ✗, "in
// progress"), so the UI reads the same with NO_COLOR or in monochrome.
type Styles struct {
	IsDark bool

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

	// Glamour styles lesson text; GlamourName says which ("dark" or
	// "light"), for the render cache.
	Glamour     ansi.StyleConfig
	GlamourName string
}

// NewStyles builds the styles for a dark or light background. LightDark
// takes the light colour first.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		text    = ld(lipgloss.Color("#1F1F1F"), lipgloss.Color("#E4E4E4"))
		muted   = ld(lipgloss.Color("#5C5C5C"), lipgloss.Color("#A8A8A8"))
		faint   = ld(lipgloss.Color("#B8B8B8"), lipgloss.Color("#4E4E4E"))
		accent  = ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B9A2FF"))
		correct = ld(lipgloss.Color("#17753A"), lipgloss.Color("#6BD98B"))
		wrong   = ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8F87"))
		amber   = ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FFD479"))
		selBg   = ld(lipgloss.Color("#E8E2FA"), lipgloss.Color("#2E2748"))
	)
	s := Styles{IsDark: isDark, Glamour: glamourStyle(isDark), GlamourName: "light"}
	if isDark {
		s.GlamourName = "dark"
	}
	s.Header = lipgloss.NewStyle().Foreground(muted)
	s.Crumb = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Learner = lipgloss.NewStyle().Foreground(muted)
	s.Rule = lipgloss.NewStyle().Foreground(faint)
	s.Title = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Subtitle = lipgloss.NewStyle().Foreground(text).Bold(true)
	s.Text = lipgloss.NewStyle().Foreground(text)
	s.Muted = lipgloss.NewStyle().Foreground(muted)
	s.Selected = lipgloss.NewStyle().Foreground(text).Background(selBg).Bold(true)
	s.Cursor = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Correct = lipgloss.NewStyle().Foreground(correct).Bold(true)
	s.Wrong = lipgloss.NewStyle().Foreground(wrong).Bold(true)
	s.Progress = lipgloss.NewStyle().Foreground(amber)
	s.BarFull = lipgloss.NewStyle().Foreground(accent)
	s.BarEmpty = lipgloss.NewStyle().Foreground(faint)
	s.Badge = lipgloss.NewStyle().Foreground(amber).Bold(true)
	s.Locked = lipgloss.NewStyle().Foreground(muted)
	s.Notice = lipgloss.NewStyle().Foreground(amber).Bold(true)
	s.Error = lipgloss.NewStyle().Foreground(wrong).Bold(true)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 2)
	s.Key = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Heat = [5]lipgloss.Style{
		lipgloss.NewStyle().Foreground(faint),
		lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#6FB98A"), lipgloss.Color("#2F6B45"))),
		lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#3C9A60"), lipgloss.Color("#3F9A5E"))),
		lipgloss.NewStyle().Foreground(correct),
		lipgloss.NewStyle().Foreground(correct).Bold(true),
	}
	s.Help = help.Styles{
		ShortKey:       lipgloss.NewStyle().Foreground(text).Bold(true),
		ShortDesc:      lipgloss.NewStyle().Foreground(muted),
		ShortSeparator: lipgloss.NewStyle().Foreground(faint),
		Ellipsis:       lipgloss.NewStyle().Foreground(faint),
		FullKey:        lipgloss.NewStyle().Foreground(accent).Bold(true),
		FullDesc:       lipgloss.NewStyle().Foreground(text),
		FullSeparator:  lipgloss.NewStyle().Foreground(faint),
	}
	s.TextInput = textinput.DefaultStyles(isDark)
	s.TextInput.Focused.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.TextInput.Focused.Text = lipgloss.NewStyle().Foreground(text)
	s.TextInput.Focused.Placeholder = lipgloss.NewStyle().Foreground(muted)
	s.TextInput.Blurred.Prompt = lipgloss.NewStyle().Foreground(muted)
	s.TextInput.Blurred.Placeholder = lipgloss.NewStyle().Foreground(muted)
	s.TextInput.Cursor.Color = accent
	s.TextInput.Cursor.Blink = false // steady cursor: easier to read, and no redraws while idle
	return s
}

// glamourStyle is Glamour's standard dark or light style with block quotes
// indented by their margin rather than their indent: Glamour counts a
// quote's "│ " bar as one column when it wraps, so long quoted lines would
// otherwise break before the bar.
func glamourStyle(isDark bool) ansi.StyleConfig {
	st := styles.LightStyleConfig
	if isDark {
		st = styles.DarkStyleConfig
	}
	zero, one := uint(0), uint(1)
	st.BlockQuote.Indent, st.BlockQuote.Margin = &zero, &one
	return st
}
