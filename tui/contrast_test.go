package tui

import (
	"image/color"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// allThemes is every theme on each background it can have.
var allThemes = []struct {
	name   string
	styles Styles
}{
	{"dark", ThemeStyles(ThemeDark, true)},
	{"light", ThemeStyles(ThemeLight, false)},
	{"high-contrast dark", ThemeStyles(ThemeHighContrast, true)},
	{"high-contrast light", ThemeStyles(ThemeHighContrast, false)},
}

// TestContrast checks every pair of foreground and background colours in
// every theme: the Lip Gloss styles (against their own background, or the
// theme's) and the lesson text's Glamour style. WCAG 2.2 asks 4.5:1 for
// text (AA); high contrast asks 7:1 (AAA).
func TestContrast(t *testing.T) {
	for _, th := range allThemes {
		t.Run(th.name, func(t *testing.T) {
			want := 4.5
			if th.styles.Theme == ThemeHighContrast {
				want = 7
			}
			pairs := colourPairs(th.styles)
			if len(pairs) < 30 {
				t.Fatalf("only %d colour pairs found: the walk missed styles", len(pairs))
			}
			for _, p := range pairs {
				if r := contrastRatio(p.fg, p.bg); r < want {
					t.Errorf("%s: %s on %s has contrast %.2f:1, want at least %.1f:1", p.where, colourKey(p.fg), colourKey(p.bg), r, want)
				}
			}
		})
	}
}

// TestContrastRatio checks the formula against WCAG's own examples.
func TestContrastRatio(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#FFFFFF", 21}, {"#FFFFFF", "#FFFFFF", 1}, {"#767676", "#FFFFFF", 4.54}, {"#777777", "#FFFFFF", 4.48}} {
		if got := contrastRatio(lipgloss.Color(c.a), lipgloss.Color(c.b)); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast of %s on %s = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

type colourPair struct {
	where  string
	fg, bg color.Color
}

// colourPairs finds every foreground colour of a theme with the
// background it is drawn on.
func colourPairs(s Styles) []colourPair {
	var out []colourPair
	isSet := func(c color.Color) bool {
		if c == nil {
			return false
		}
		_, none := c.(lipgloss.NoColor)
		return !none
	}
	var walk func(where string, v reflect.Value)
	walk = func(where string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			for i := range v.Len() {
				walk(where+"["+strconv.Itoa(i)+"]", v.Index(i))
			}
		case reflect.Struct:
			if st, ok := v.Interface().(lipgloss.Style); ok {
				bg := st.GetBackground()
				if !isSet(bg) {
					bg = s.Background
				}
				if fg := st.GetForeground(); isSet(fg) {
					out = append(out, colourPair{where, fg, bg})
				}
				if b := st.GetBorderTopForeground(); isSet(b) {
					out = append(out, colourPair{where + " border", b, s.Background})
				}
				return
			}
			for i := range v.NumField() {
				f := v.Type().Field(i)
				if f.IsExported() && f.Name != "Glamour" && f.Name != "Background" {
					walk(where+"."+f.Name, v.Field(i))
				}
			}
		}
	}
	walk("Styles", reflect.ValueOf(s))
	if isSet(s.TextInput.Cursor.Color) {
		out = append(out, colourPair{"Styles.TextInput.Cursor", s.TextInput.Cursor.Color, s.Background})
	}
	// Glamour's style: each element's colour on its own background, or
	// the theme's.
	var glam func(where string, v reflect.Value)
	glam = func(where string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				glam(where, v.Elem())
			}
		case reflect.Struct:
			if fg := v.FieldByName("Color"); fg.IsValid() && fg.Kind() == reflect.Pointer && !fg.IsNil() {
				bg := s.Background
				if b := v.FieldByName("BackgroundColor"); b.IsValid() && !b.IsNil() {
					bg = lipgloss.Color(b.Elem().String())
				}
				out = append(out, colourPair{where, lipgloss.Color(fg.Elem().String()), bg})
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					glam(where+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		}
	}
	glam("Glamour", reflect.ValueOf(s.Glamour))
	return out
}

// contrastRatio is WCAG's contrast ratio of two colours, 1 to 21.
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance of a colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v>>8) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TestThemeFromEnvironment: COLORFGBG picks light or dark until the
// terminal answers; a named theme stays whatever the terminal says.
func TestThemeFromEnvironment(t *testing.T) {
	cases := []struct {
		theme     Theme
		colorfgbg string
		answer    color.Color // the terminal's background, or nil for no answer
		wantDark  bool
		wantTheme Theme
	}{
		{ThemeAuto, "0;15", nil, false, ThemeLight},
		{ThemeAuto, "15;0", nil, true, ThemeDark},
		{ThemeAuto, "15;default;0", nil, true, ThemeDark},
		{ThemeAuto, "", nil, true, ThemeDark},
		{ThemeAuto, "nonsense", nil, true, ThemeDark},
		{ThemeAuto, "0;15", color.Black, true, ThemeDark},
		{ThemeLight, "15;0", color.Black, false, ThemeLight},
		{ThemeDark, "0;15", color.White, true, ThemeDark},
		{ThemeHighContrast, "0;15", nil, false, ThemeHighContrast},
		{ThemeHighContrast, "", color.White, false, ThemeHighContrast},
	}
	for _, c := range cases {
		env := func(k string) string {
			if k == "COLORFGBG" {
				return c.colorfgbg
			}
			return ""
		}
		m, err := New(Options{Store: openStore(t), Pack: loadTestPack(t), Now: fixedNow, Theme: c.theme, Getenv: env})
		if err != nil {
			t.Fatal(err)
		}
		if c.answer != nil {
			m.Update(tea.BackgroundColorMsg{Color: c.answer})
		}
		if s := m.c.styles; s.IsDark != c.wantDark || s.Theme != c.wantTheme {
			t.Errorf("theme %s, COLORFGBG %q, answer %v: %s dark=%v, want %s dark=%v", c.theme, c.colorfgbg, c.answer, s.Theme, s.IsDark, c.wantTheme, c.wantDark)
		}
	}
}

func TestParseTheme(t *testing.T) {
	for in, want := range map[string]Theme{"": ThemeAuto, "auto": ThemeAuto, "Dark": ThemeDark, " light ": ThemeLight, "high-contrast": ThemeHighContrast} {
		if got, err := ParseTheme(in); err != nil || got != want {
			t.Errorf("ParseTheme(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseTheme("solarized"); err == nil || !strings.Contains(err.Error(), "high-contrast") {
		t.Errorf("ParseTheme(solarized) = %v, want an error listing the themes", err)
	}
}
