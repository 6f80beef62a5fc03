package tui

import (
	"fmt"
	"image/color"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// TestFramesUseOnlyTheThemesColours draws each screen styled, in each
// theme, and checks that every colour in the frame is one of that
// theme's: the goldens strip colour, so a screen that picked a colour of
// its own, or kept the other theme's, would pass them unseen.
func TestFramesUseOnlyTheThemesColours(t *testing.T) {
	themes := []struct {
		name  string
		theme Theme
		bg    color.Color
	}{{"dark", ThemeAuto, color.Black}, {"light", ThemeAuto, color.White},
		{"high-contrast dark", ThemeHighContrast, color.Black}, {"high-contrast light", ThemeHighContrast, color.White}}
	for _, theme := range themes {
		t.Run(theme.name, func(t *testing.T) {
			h := withLearner(t, 80, 24, "Sam Patel", "staff")
			h.m.c.theme = theme.theme
			h.send(tea.BackgroundColorMsg{Color: theme.bg})
			allowed := themeColours(h.m.c.styles)
			check := func(where string) {
				t.Helper()
				if name := strings.TrimSuffix(where, " feedback"); name != "help" && h.active() != name {
					t.Fatalf("expected the %s screen, got %s", name, h.active())
				}
				for _, c := range frameColours(h.m.View().Content) {
					if !allowed[c] {
						t.Errorf("%s %s: colour %s is not one of the theme's", theme.name, where, c)
					}
				}
			}
			check("home")
			h.keys("?")
			check("help")
			h.keys("esc", "b")
			check("badges")
			h.keys("esc", "d")
			check("dashboard")
			h.keys("esc", "down", "down", "enter")
			check("module")
			h.keys("enter")
			check("lesson")
			h.keys("G", "enter")
			check("quiz")
			h.keys("enter")
			check("quiz feedback")
		})
	}
}

// TestThemeColoursDiffer makes sure the check above can fail: the two
// themes' text colours are not each other's.
func TestThemeColoursDiffer(t *testing.T) {
	dark, light := themeColours(NewStyles(true)), themeColours(NewStyles(false))
	if hex := colourKey(NewStyles(false).Text.GetForeground()); dark[hex] {
		t.Errorf("the light theme's text colour %s is also the dark theme's", hex)
	}
	if hex := colourKey(NewStyles(true).Text.GetForeground()); light[hex] {
		t.Errorf("the dark theme's text colour %s is also the light theme's", hex)
	}
}

var sgrPattern = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// frameColours lists the colours a frame's SGR sequences set, as
// colourKey writes them.
func frameColours(frame string) []string {
	var out []string
	for _, m := range sgrPattern.FindAllStringSubmatch(frame, -1) {
		params := strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' })
		for i := 0; i < len(params); i++ {
			p, _ := strconv.Atoi(params[i])
			switch {
			case (p == 38 || p == 48 || p == 58) && i+1 < len(params) && params[i+1] == "5" && i+2 < len(params):
				out = append(out, params[i+2])
				i += 2
			case (p == 38 || p == 48 || p == 58) && i+1 < len(params) && params[i+1] == "2" && i+4 < len(params):
				r, _ := strconv.Atoi(params[i+2])
				g, _ := strconv.Atoi(params[i+3])
				b, _ := strconv.Atoi(params[i+4])
				out = append(out, fmt.Sprintf("#%02x%02x%02x", r, g, b))
				i += 4
			case p >= 30 && p <= 37, p >= 40 && p <= 47:
				out = append(out, strconv.Itoa(p%10))
			case p >= 90 && p <= 97, p >= 100 && p <= 107:
				out = append(out, strconv.Itoa(p%10+8))
			}
		}
	}
	return out
}

// themeColours collects every colour a theme names: those of its Lip
// Gloss styles (foreground, background, borders) and of its Glamour
// style.
func themeColours(s Styles) map[string]bool {
	out := map[string]bool{}
	add := func(c color.Color) {
		if c != nil {
			if _, none := c.(lipgloss.NoColor); !none {
				out[colourKey(c)] = true
			}
		}
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Array, reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if st, ok := v.Interface().(lipgloss.Style); ok {
				add(st.GetForeground())
				add(st.GetBackground())
				add(st.GetBorderTopForeground())
				add(st.GetBorderTopBackground())
				return
			}
			for i := range v.NumField() {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				fv := v.Field(i)
				if (f.Name == "Color" || f.Name == "BackgroundColor") && fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.String && !fv.IsNil() {
					out[glamourColourKey(fv.Elem().String())] = true
					continue
				}
				if c, ok := fv.Interface().(color.Color); ok {
					add(c)
					continue
				}
				walk(fv)
			}
		}
	}
	walk(reflect.ValueOf(s))
	return out
}

// colourKey writes a colour as frameColours reads it from a frame.
func colourKey(c color.Color) string {
	if i, ok := c.(lipgloss.ANSIColor); ok {
		return strconv.Itoa(int(i))
	}
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// glamourColourKey writes a Glamour style colour ("252" or "#rrggbb") as
// frameColours reads it.
func glamourColourKey(s string) string {
	if strings.HasPrefix(s, "#") {
		return strings.ToLower(s)
	}
	return s
}
