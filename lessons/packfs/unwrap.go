package packfs

import (
	"io/fs"
	"strings"
)

// Unwrap returns the pack inside a single top folder: many people zip a
// pack by zipping its folder, so that every file lives under "my-pack/".
// When fsys (from this package) has no manifest at its top, and all its
// files sit in one folder holding manifest, Unwrap returns that folder as
// the pack. Otherwise it returns fsys unchanged.
func Unwrap(fsys fs.FS, manifest string) fs.FS {
	inner, _ := UnwrapPrefix(fsys, manifest)
	return inner
}

// UnwrapPrefix is [Unwrap], also returning the folder the pack was found
// in ("my-pack"), or "" when fsys is returned unchanged, so that messages
// can name a file as the trainer finds it in the .zip.
func UnwrapPrefix(fsys fs.FS, manifest string) (fs.FS, string) {
	p, ok := fsys.(*packFS)
	if !ok || len(p.files) == 0 {
		return fsys, ""
	}
	if _, top := p.nodes[manifest]; top {
		return fsys, ""
	}
	root, _, found := strings.Cut(p.files[0], "/")
	if !found {
		return fsys, ""
	}
	if _, ok := p.nodes[root+"/"+manifest]; !ok {
		return fsys, ""
	}
	prefix := root + "/"
	files := map[string][]byte{}
	var dirs []string
	for name, n := range p.nodes {
		if name == "." || name == root {
			continue
		}
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			return fsys, "" // something else at the top: not a wrapped pack
		}
		if n.dir {
			dirs = append(dirs, rest)
		} else {
			files[rest] = n.data
		}
	}
	return newPackFS(files, dirs), root
}
