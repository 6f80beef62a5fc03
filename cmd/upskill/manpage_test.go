package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// manPage renders the manual page from the real command tree, as
// `upskill man` does.
func manPage(t *testing.T) string {
	t.Helper()
	var out, errs bytes.Buffer
	if code := run([]string{"man"}, &out, &errs); code != 0 {
		t.Fatalf("upskill man: exit %d: %s", code, errs.String())
	}
	return out.String()
}

// TestManPageListsEveryCommandAndFlag: the page is made from the command
// tree, so a command or flag added later is documented without a step to
// forget.
func TestManPageListsEveryCommandAndFlag(t *testing.T) {
	page := manPage(t)
	root, _ := newRootCmd()
	root.InitDefaultCompletionCmd()
	cmds := manCommands(root)
	if len(cmds) < 6 {
		t.Fatalf("only %d commands found under upskill", len(cmds))
	}
	for _, c := range cmds {
		if !strings.Contains(page, "\n.SS "+roffQuote(c.UseLine())+"\n") {
			t.Errorf("the page has no section for %q", c.UseLine())
		}
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && !strings.Contains(page, `\fB\-\-`+roffText(f.Name)+`\fR`) {
				t.Errorf("the page does not list %s --%s", c.CommandPath(), f.Name)
			}
		})
	}
	for _, want := range []string{`\-\-db`, `\-\-version`, ".SH FILES", "/usr/share/upskill/packs", "upskill " + roffText(version)} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestManPageHasOnlyKnownRequests: every line that roff would read as a
// request is one of the man(7) macros this page uses; help text that
// starts with a dot or quote cannot become a request.
func TestManPageHasOnlyKnownRequests(t *testing.T) {
	known := map[string]bool{".TH": true, ".SH": true, ".SS": true, ".PP": true, ".TP": true, ".B": true, ".br": true, ".nf": true, ".fi": true}
	for i, line := range strings.Split(manPage(t), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			req, _, _ := strings.Cut(line, " ")
			if !known[req] {
				t.Errorf("line %d is the request %q: %q", i+1, req, line)
			}
		}
	}
}

// TestRoffText: escapes and the guard against text read as a request.
func TestRoffText(t *testing.T) {
	for in, want := range map[string]string{
		".hidden request": `\&.hidden request`,
		"'also a request": `\&'also a request`,
		`back\slash`:      `back\eslash`,
		"--db and -v":     `\-\-db and \-v`,
		"plain text":      "plain text",
	} {
		if got := roffText(in); got != want {
			t.Errorf("roffText(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := roffQuote(`say "hi"`), `"say \(dqhi\(dq"`; got != want {
		t.Errorf("roffQuote = %q, want %q", got, want)
	}
}
