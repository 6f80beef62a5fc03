// Package builtin holds Upskill's built-in lesson pack, embedded in the
// binary so that Upskill works offline from the first run.
//
// The pack's source is the Markdown in pack/. The binary also embeds
// pack.bin, its validated and encoded form, which loads several times
// faster; after changing the source, run go generate ./lessons/builtin
// (TestEncodedPackIsCurrent fails until you do).
package builtin

//go:generate go run ./internal/encodepack pack pack.bin

import (
	"embed"
	"fmt"
	"io/fs"

	"github.com/upskill-council/upskill/lessons"
)

//go:embed all:pack
var files embed.FS

//go:embed pack.bin
var encoded []byte

// FS returns the built-in pack's source files, with pack.yaml at the root.
func FS() fs.FS {
	sub, err := fs.Sub(files, "pack")
	if err != nil {
		panic("builtin: the embedded pack is missing: " + err.Error())
	}
	return sub
}

// Load returns the built-in pack, decoded from its encoded form.
func Load() (*lessons.Pack, error) {
	p, err := lessons.Decode(encoded)
	if err != nil {
		return nil, fmt.Errorf("the built-in pack: %w (run go generate ./lessons/builtin)", err)
	}
	return p, nil
}

// LoadSource reads and validates the built-in pack from its Markdown
// source, as Upskill does for any pack.
func LoadSource() (*lessons.Pack, error) {
	return lessons.Load(FS())
}
