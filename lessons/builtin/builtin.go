// Package builtin holds Upskill's built-in lesson pack, embedded in the
// binary so that Upskill works offline from the first run.
package builtin

import (
	"embed"
	"io/fs"

	"github.com/upskill-council/upskill/lessons"
)

//go:embed all:pack
var files embed.FS

// FS returns the built-in pack's files, with pack.yaml at the root.
func FS() fs.FS {
	sub, err := fs.Sub(files, "pack")
	if err != nil {
		panic("builtin: the embedded pack is missing: " + err.Error())
	}
	return sub
}

// Load reads and validates the built-in pack.
func Load() (*lessons.Pack, error) {
	return lessons.Load(FS())
}
