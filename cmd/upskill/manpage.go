package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCmd is the hidden `upskill man`: it prints upskill(1), the manual
// page the release packages install, made from the command tree so that it
// always lists the commands and flags the binary has (scripts/release).
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "Print the manual page upskill(1) in roff, for packagers",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := bufio.NewWriter(cmd.OutOrStdout())
			writeManPage(out, cmd.Root())
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write the manual page: %w", err)
			}
			return nil
		},
	}
}

// manEnvironment is the ENVIRONMENT section: the variables upskill reads.
var manEnvironment = [][2]string{
	{"UPSKILL_DB", "The progress file, when --db is not given."},
	{"UPSKILL_THEME", "The colours (auto, dark, light or high-contrast), when --theme is not given."},
	{"ACCESSIBLE", "Set to 1 for line-by-line prompts for screen readers, as --accessible."},
	{"XDG_DATA_HOME", "The progress file is $XDG_DATA_HOME/upskill/upskill.db by default (~/.local/share when unset)."},
	{"XDG_DATA_DIRS", "System-wide lesson packs are read from upskill/packs in each of these folders (/usr/local/share:/usr/share when unset)."},
}

// manFiles is the FILES section: where a package puts Upskill's files.
var manFiles = [][2]string{
	{"~/.local/share/upskill/upskill.db", "A learner's progress file."},
	{"/usr/share/upskill/packs", "System-wide lesson packs (folders or .zip files), offered to every learner on the machine."},
	{"/etc/upskill/upskill-serve.yaml", "The settings of upskill serve when run as the upskill-serve service."},
	{"/var/lib/upskill", "The state of the upskill-serve service: its progress file and SSH host key."},
}

// writeManPage writes the manual page of root and every visible command
// under it, in roff with the man(7) macros. It has no date, so the same
// binary always writes the same page.
func writeManPage(w io.Writer, root *cobra.Command) {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	name := root.Name()
	fmt.Fprintf(w, ".TH %s 1 \"\" %s \"User Commands\"\n", strings.ToUpper(name), roffQuote(name+" "+root.Version))
	fmt.Fprintf(w, ".SH NAME\n%s \\- %s\n", roffText(name), roffText(root.Short))
	fmt.Fprintf(w, ".SH SYNOPSIS\n.B %s\n[\\fIflags\\fR]\n.br\n.B %s\n\\fIcommand\\fR [\\fIflags\\fR] [\\fIargs\\fR]\n", name, name)
	fmt.Fprint(w, ".SH DESCRIPTION\n")
	writeRoffParagraphs(w, root.Long)
	if flags := root.NonInheritedFlags(); flags.HasAvailableFlags() {
		fmt.Fprint(w, ".SH OPTIONS\n")
		writeRoffFlags(w, flags)
	}
	fmt.Fprint(w, ".SH COMMANDS\n")
	for _, c := range manCommands(root) {
		fmt.Fprintf(w, ".SS %s\n", roffQuote(c.UseLine()))
		long := c.Long
		if long == "" {
			long = c.Short
		}
		writeRoffParagraphs(w, long)
		if flags := c.LocalNonPersistentFlags(); flags.HasAvailableFlags() {
			writeRoffFlags(w, flags)
		}
	}
	fmt.Fprint(w, ".SH ENVIRONMENT\n")
	writeRoffList(w, manEnvironment)
	fmt.Fprint(w, ".SH FILES\n")
	writeRoffList(w, manFiles)
	fmt.Fprint(w, ".SH EXIT STATUS\n")
	writeRoffParagraphs(w, "0 on success; 1 (or another non-zero status the command documents) on an error, which is explained on standard error after an \"upskill:\" prefix.")
	fmt.Fprint(w, ".SH SEE ALSO\n")
	writeRoffParagraphs(w, "The README and the guides in /usr/share/doc/upskill, among them serving.md (upskill serve), pack-format.md (lesson packs) and accessible.md.")
}

// manCommands lists every visible command under root, depth first in the
// order help shows them, leaving out help itself.
func manCommands(root *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.Name() == "help" {
			continue
		}
		out = append(out, c)
		out = append(out, manCommands(c)...)
	}
	return out
}

// writeRoffParagraphs writes text as paragraphs split at blank lines; a
// paragraph with indented lines is kept as it is laid out (.nf).
func writeRoffParagraphs(w io.Writer, text string) {
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		fmt.Fprint(w, ".PP\n")
		preformatted := false
		for _, line := range strings.Split(para, "\n") {
			if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
				preformatted = true
			}
		}
		if preformatted {
			fmt.Fprint(w, ".nf\n")
		}
		for _, line := range strings.Split(para, "\n") {
			if !preformatted {
				line = strings.TrimSpace(line)
			}
			fmt.Fprintln(w, roffText(line))
		}
		if preformatted {
			fmt.Fprint(w, ".fi\n")
		}
	}
}

// writeRoffFlags writes a tagged paragraph for each visible flag.
func writeRoffFlags(w io.Writer, flags *pflag.FlagSet) {
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		varname, usage := pflag.UnquoteUsage(f)
		tag := `\fB\-\-` + roffText(f.Name) + `\fR`
		if f.Shorthand != "" {
			tag = `\fB\-` + roffText(f.Shorthand) + `\fR, ` + tag
		}
		if varname != "" {
			tag += ` \fI` + roffText(varname) + `\fR`
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, ".TP\n%s\n%s\n", tag, roffText(usage))
	})
}

// writeRoffList writes pairs as tagged paragraphs, the first in bold.
func writeRoffList(w io.Writer, items [][2]string) {
	for _, it := range items {
		fmt.Fprintf(w, ".TP\n.B %s\n%s\n", roffText(it[0]), roffText(it[1]))
	}
}

// roffText escapes text for a roff text line: backslashes and hyphens are
// escaped, and a line that would start with a control character (. or ')
// is guarded with \&, so text from help can never run a roff request.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote makes s one quoted argument of a macro.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roffText(s), `"`, `\(dq`) + `"`
}
