package termsafe

import "testing"

// sgrCases maps an input to ANSI's expected output for SGR handling.
var sgrCases = []struct{ name, in, want string }{
	{"conceal alone dropped", "a\x1b[8mb", "ab"},
	{"conceal among attributes", "\x1b[1;8;31m", "\x1b[1;31m"},
	{"256-colour index 8 kept", "\x1b[38;5;8m", "\x1b[38;5;8m"},
	{"truecolour 8,8,8 kept", "\x1b[38;2;8;8;8m", "\x1b[38;2;8;8;8m"},
	{"background index 8 kept", "\x1b[48;5;8m", "\x1b[48;5;8m"},
	{"underline colour 8 kept", "\x1b[58;2;8;8;8m", "\x1b[58;2;8;8;8m"},
	{"conceal after colour", "\x1b[38;5;8;8m", "\x1b[38;5;8m"},
	{"conceal after truecolour", "\x1b[38;2;1;2;3;8m", "\x1b[38;2;1;2;3m"},
	{"conceal before colour", "\x1b[8;48;5;8m", "\x1b[48;5;8m"},
	{"two colours", "\x1b[38;5;8;48;2;8;8;8;1m", "\x1b[38;5;8;48;2;8;8;8;1m"},
	{"reset then conceal", "\x1b[0;8m", "\x1b[0m"},
	{"empty then conceal", "\x1b[;8m", "\x1b[m"},
	{"leading zero conceal", "\x1b[008m", ""},
	{"conceal twice", "\x1b[8;8m", ""},
	{"reset kept", "\x1b[m", "\x1b[m"},
	{"reset 0 kept", "\x1b[0m", "\x1b[0m"},
	{"glamour style kept", "\x1b[38;5;252;48;5;236;1m", "\x1b[38;5;252;48;5;236;1m"},
	{"reveal kept", "\x1b[28m", "\x1b[28m"},
	{"colour 38 alone dropped", "\x1b[38m", ""},
	{"colour missing index drops rest", "\x1b[1;38;5m", "\x1b[1m"},
	{"unknown colour space drops rest", "\x1b[1;38;8;5;1m", "\x1b[1m"},
	{"empty colour index drops rest", "\x1b[38;5;;8m", ""},
	{"colon sub-parameter in colour arg", "\x1b[38;5;8:1m", ""},
	{"curly underline kept", "\x1b[4:3m", "\x1b[4:3m"},
	{"colon truecolour kept", "\x1b[38:2::255:0:0m", "\x1b[38:2::255:0:0m"},
	{"colon colour 8 dropped", "\x1b[1;38:5:8m", "\x1b[1m"},
	{"colon conceal dropped", "\x1b[8:1m", ""},
	{"colon with unknown attribute dropped", "\x1b[1;7:1m", "\x1b[1m"},
	{"value over 255 drops sequence", "\x1b[1;256m", ""},
	{"wrap-around value drops sequence", "\x1b[4294967304m", ""},
	{"private SGR-like dropped", "\x1b[?8m", ""},
	{"modifyOtherKeys dropped", "\x1b[>4;1m", ""},
	{"intermediate byte dropped", "\x1b[1 m", ""},
	{"C1 SGR dropped", "\u009b31m", ""},
}

func TestSGRConceal(t *testing.T) {
	for _, c := range sgrCases {
		t.Run(c.name, func(t *testing.T) {
			got := ANSI(c.in)
			if got != c.want {
				t.Errorf("ANSI(%q) = %q, want %q", c.in, got, c.want)
			}
			if err := Check(c.in); (err == nil) != (c.in == c.want) {
				t.Errorf("Check(%q) = %v, but ANSI changes it: %v", c.in, err, c.in != c.want)
			}
		})
	}
}
