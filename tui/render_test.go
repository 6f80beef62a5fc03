package tui

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/charmbracelet/x/ansi"

	"github.com/upskill-council/upskill/lessons"
)

// packWith loads the test pack after edit has changed its files.
func packWith(t *testing.T, edit func(files fstest.MapFS)) *lessons.Pack {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/pack"), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile("testdata/pack/" + path)
		files[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edit(files)
	p, err := lessons.Load(files)
	if err != nil {
		t.Fatalf("load edited pack: %v", err)
	}
	return p
}

func replaceIn(t *testing.T, files fstest.MapFS, name, old, new string) {
	t.Helper()
	data := string(files[name].Data)
	if !strings.Contains(data, old) {
		t.Fatalf("%s lacks %q", name, old)
	}
	files[name].Data = []byte(strings.Replace(data, old, new, 1))
}

// TestLessonShowsAmpersandsAndCodeAsWritten: "&" in a title is shown as
// "&" (not "\&"), and a character reference in a code block is shown as
// written (not "&amp;#27;"), with no escape sequence reaching the screen.
func TestLessonShowsAmpersandsAndCodeAsWritten(t *testing.T) {
	pack := packWith(t, func(files fstest.MapFS) {
		replaceIn(t, files, "pack.yaml", "title: Staying safe", "title: Safe & sound")
		replaceIn(t, files, "lessons/passwords.md", "title: Strong passwords", "title: Passwords & passphrases")
		replaceIn(t, files, "lessons/passwords.md", "## Why passwords matter", "## Why passwords matter\n\nAn escape looks like this in HTML:\n\n```\n&#27;[31m & more\n```\n\nBut &#27; in text is not live.")
	})
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "staff", testNow); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, 100, 60, store, pack, "")
	h.keys("enter")
	if h.active() != lessonScreen {
		t.Fatalf("expected the lesson, got %s", h.active())
	}
	text := ansi.Strip(strings.Join(h.lesson().lines, "\n"))
	for _, want := range []string{"Passwords & passphrases", "Safe & sound", "&#27;[31m & more"} {
		if !strings.Contains(text, want) {
			t.Errorf("the lesson does not show %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{`\&`, "&amp;#27;"} {
		if strings.Contains(text, bad) {
			t.Errorf("the lesson shows %q:\n%s", bad, text)
		}
	}
	if strings.ContainsRune(strings.Join(h.lesson().lines, ""), 0x1b) && strings.Contains(ansi.Strip(h.m.View().Content), "\x1b") {
		t.Error("an escape character reached the screen as text")
	}
	frame := h.m.View().Content
	for _, r := range ansi.Strip(frame) {
		if r < 0x20 && r != '\n' {
			t.Fatalf("a control character %U reached the screen as text", r)
		}
	}
}

// TestSourceAddressesAreWhole: a source's address is never broken inside
// a word: it is on lines of its own, split only after '/'.
func TestSourceAddressesAreWhole(t *testing.T) {
	const url = "https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online/three-random-words"
	for _, width := range []int{60, 80, 120} {
		h := withLearner(t, width, 40, "Sam Patel", "staff")
		h.keys("enter")
		lines := ansi.Strip(strings.Join(h.lesson().lines, "\n"))
		joined := ""
		for _, l := range strings.Split(lines, "\n") {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "https://") || (joined != "" && !strings.HasPrefix(l, "•") && l != "") {
				if !strings.HasSuffix(joined, "/") && joined != "" {
					break
				}
				joined += l
			}
		}
		if joined != url {
			t.Errorf("at %d columns the address reads %q, want %q:\n%s", width, joined, url, lines)
		}
		if !strings.Contains(strings.Join(h.lesson().lines, ""), "\x1b]8;;"+url) {
			t.Errorf("at %d columns the address is not a hyperlink to itself", width)
		}
	}
}

func TestSplitAddress(t *testing.T) {
	cases := []struct {
		url   string
		width int
		want  []string
	}{
		{"https://a.uk/b", 40, []string{"https://a.uk/b"}},
		{"https://www.gov.uk/guidance/one/two", 20, []string{"https://www.gov.uk/", "guidance/one/two"}},
		{"https://x.uk/averyveryverylongsegment/z", 12, []string{"https://", "x.uk/", "averyveryverylongsegment/", "z"}},
	}
	for _, c := range cases {
		got := splitAddress(c.url, c.width)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("splitAddress(%q, %d) = %q, want %q", c.url, c.width, got, c.want)
		}
	}
}

// TestListItemsHang: a list item's wrapped lines start under its text,
// not under its bullet.
func TestListItemsHang(t *testing.T) {
	pack := packWith(t, func(files fstest.MapFS) {
		replaceIn(t, files, "lessons/passwords.md", "## Why passwords matter", "## Why passwords matter\n\n- A list item long enough to wrap onto a second line and then onto a third line at sixty columns wide.\n- Short.\n\n1. A numbered item long enough to wrap onto a second line at sixty columns wide, surely.\n")
	})
	store := openStore(t)
	if _, err := store.CreateProfile("Sam Patel", "staff", testNow); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, 60, 40, store, pack, "")
	h.keys("enter")
	lines := strings.Split(ansi.Strip(strings.Join(h.lesson().lines, "\n")), "\n")
	found := 0
	for i, l := range lines {
		for _, start := range []string{"• A list item", "1. A numbered item"} {
			if !strings.HasPrefix(strings.TrimSpace(l), start) {
				continue
			}
			found++
			marker := strings.SplitN(start, " ", 2)[0] + " "
			text := len([]rune(l[:strings.Index(l, start)])) + len([]rune(marker))
			next := lines[i+1]
			if got := len(next) - len(strings.TrimLeft(next, " ")); got != text {
				t.Errorf("the line after %q starts at column %d, want %d (under the text):\n%s", start, got, text, strings.Join(lines[i:i+3], "\n"))
			}
		}
	}
	if found != 2 {
		t.Fatalf("found %d of the 2 list items:\n%s", found, strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if len([]rune(l)) > 60 {
			t.Errorf("a line of %d cells at 60 columns: %q", len([]rune(l)), l)
		}
	}
}
