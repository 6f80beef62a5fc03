// Package scaffold holds the starting pack that `upskill pack new` writes:
// a valid pack with one module, one lesson with a quiz of every question
// type, three learning paths and a badge, for a trainer to edit.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed template
var template embed.FS

// FS returns the starting pack's files, with pack.yaml at the root.
func FS() fs.FS {
	sub, err := fs.Sub(template, "template")
	if err != nil {
		panic("scaffold: the embedded template is missing: " + err.Error())
	}
	return sub
}

// ErrNotEmpty is returned by [Write] when the folder already holds files.
var ErrNotEmpty = errors.New("the folder is not empty")

// Write creates dir (if needed) and writes the starting pack into it. It
// refuses a folder that already holds anything, so it never overwrites a
// trainer's work.
func Write(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("new pack: %w", err)
	}
	return fs.WalkDir(FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(FS(), name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fmt.Errorf("new pack: %w", err)
		}
		return nil
	})
}
