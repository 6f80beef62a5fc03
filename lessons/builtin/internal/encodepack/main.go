// Command encodepack validates the built-in pack's Markdown source and
// writes its encoded form, which the binary embeds so that start-up does
// not parse YAML and Markdown. Run it with go generate ./lessons/builtin.
package main

import (
	"fmt"
	"os"

	"github.com/upskill-council/upskill/lessons"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: encodepack PACK-DIR OUT-FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "encodepack:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	p, err := lessons.Load(os.DirFS(dir))
	if err != nil {
		return err
	}
	if len(p.Warnings) > 0 {
		return fmt.Errorf("the built-in pack must have no warnings: %v", p.Warnings)
	}
	data, err := lessons.Encode(p)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
