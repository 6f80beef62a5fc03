package catalog

import (
	"cmp"
	"errors"
	"io/fs"
	"slices"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/packfs"
)

// ReadPack reads and validates the pack at path (a folder or a .zip) the
// way a trainer checks it: every problem at once. Files of a type a pack
// may not hold (banks/logo.png) are reported as errors without hiding the
// problems of the rest of the pack, which is checked without them. Every
// problem's File is the path inside what the trainer gave, including the
// folder inside a .zip of a folder ("my-pack/lessons/a.md"). It returns
// the pack's files too (without that folder), to store on import. A pack
// with any error gives a [*lessons.ValidationError] (or a [*packfs.Error]
// when it could not be read at all) and no pack.
func ReadPack(path string, opts lessons.LoadOptions) (*lessons.Pack, fs.FS, error) {
	whole, leftOut, err := packfs.OpenAll(path)
	if err != nil {
		return nil, nil, err
	}
	fsys, folder := packfs.UnwrapPrefix(whole, lessons.ManifestFile)
	p, err := lessons.LoadWith(fsys, opts)
	var invalid *lessons.ValidationError
	if err != nil && !errors.As(err, &invalid) {
		return nil, nil, err
	}
	inFolder := func(ps []lessons.Problem) []lessons.Problem {
		if folder == "" {
			return ps
		}
		out := slices.Clone(ps)
		for i := range out {
			out[i].File = folder + "/" + out[i].File
		}
		return out
	}
	if len(leftOut) == 0 {
		if invalid != nil {
			return nil, nil, &lessons.ValidationError{Problems: inFolder(invalid.Problems)}
		}
		p.Warnings = inFolder(p.Warnings)
		return p, fsys, nil
	}
	var all []lessons.Problem
	for _, lp := range leftOut {
		all = append(all, lessons.Problem{File: lp.Path, Message: lp.Message, Severity: lessons.Error})
	}
	if invalid != nil {
		all = append(all, inFolder(invalid.Problems)...)
	} else {
		all = append(all, inFolder(p.Warnings)...)
	}
	slices.SortStableFunc(all, func(a, b lessons.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return nil, nil, &lessons.ValidationError{Problems: all}
}
