package packfs

import (
	"io/fs"
	"slices"
)

// Files lists the paths of the regular files in a pack FS returned by
// [Open], [OpenDir], [OpenZip] or [ReadZip], sorted. For any other FS it
// returns nil.
func Files(fsys fs.FS) []string {
	p, ok := fsys.(*packFS)
	if !ok {
		return nil
	}
	return slices.Clone(p.files)
}

// Bytes returns a copy of the content of the file at name in a pack FS
// returned by this package, for storing an imported pack and for export.
// For any other FS, or a name that is not a file of the pack, it returns
// an error.
func Bytes(fsys fs.FS, name string) ([]byte, error) {
	p, ok := fsys.(*packFS)
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotPack}
	}
	return p.ReadFile(name)
}
