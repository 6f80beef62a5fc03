package packfs

import (
	"archive/zip"
	"cmp"
	"io/fs"
	"slices"
	"strings"
)

// entry checks one central directory entry, without reading its data.
func (c *zipCheck) entry(f *zip.File) {
	dir := strings.HasSuffix(f.Name, "/")
	name := strings.TrimSuffix(f.Name, "/")
	if msg := checkPath(name, dir); msg != "" {
		c.ps.add(f.Name, "%s", msg)
		return
	}
	if skipped(name) {
		return
	}
	if f.Flags&0x1 != 0 {
		c.ps.add(name, "encrypted entries are not allowed in a pack")
		return
	}
	mode := f.Mode()
	if dir {
		switch {
		case mode.Type() != fs.ModeDir:
			c.ps.add(name, "%s", typeProblem(mode&^fs.ModeDir))
		case f.UncompressedSize64 != 0:
			c.ps.add(name, "the folder entry holds data")
		case c.layout.addDir(name):
			c.dirs = append(c.dirs, name)
		}
		return
	}
	if mode.Type() != 0 {
		c.ps.add(name, "%s", typeProblem(mode))
		return
	}
	if msg := checkEnding(name); msg != "" {
		cmp.Or(c.leftOut, c.ps).add(name, "%s", msg)
		return
	}
	ok := c.layout.addFile(name, f.UncompressedSize64)
	if e, dataOK := c.data(f, name); dataOK && ok {
		c.files = append(c.files, e)
	}
}

// data checks how an entry's data is stored, from the central directory
// and the entry's local header.
func (c *zipCheck) data(f *zip.File, name string) (zipEntry, bool) {
	u, z := f.UncompressedSize64, f.CompressedSize64
	switch {
	case f.Method != zip.Store && f.Method != zip.Deflate:
		c.ps.add(name, "the entry is compressed with method %d; only Store and Deflate are allowed", f.Method)
		return zipEntry{}, false
	case z > uint64(c.size):
		c.ps.add(name, "the entry's data runs past the end of the zip file")
		return zipEntry{}, false
	case f.Method == zip.Store && u != z:
		c.ps.add(name, "the entry is stored uncompressed but declares two different sizes")
		return zipEntry{}, false
	case f.Method == zip.Deflate && u > 0 && z == 0:
		c.ps.add(name, "the entry would unpack from nothing to %s", SizeText(u))
		return zipEntry{}, false
	case f.Method == zip.Deflate && u > MaxRatio*z: // z ≤ MaxTotalBytes here: no overflow
		c.ps.add(name, "the entry would unpack to %s from %s, more than %d times its packed size",
			SizeText(u), SizeText(z), MaxRatio)
		return zipEntry{}, false
	}
	off, err := f.DataOffset()
	if err != nil || off < 0 {
		c.ps.add(name, "the entry's local header is missing or damaged")
		return zipEntry{}, false
	}
	start := uint64(off)
	if start > uint64(c.size) || z > uint64(c.size)-start {
		c.ps.add(name, "the entry's data runs past the end of the zip file")
		return zipEntry{}, false
	}
	return zipEntry{f: f, name: name, start: start, end: start + z}, true
}

// overlaps refuses entries whose compressed data overlaps another's, as in
// an overlapping-entry zip bomb, where many entries share one kernel of
// compressed data.
func (c *zipCheck) overlaps() {
	byStart := slices.Clone(c.files)
	slices.SortStableFunc(byStart, func(a, b zipEntry) int { return cmp.Compare(a.start, b.start) })
	var last *zipEntry
	for i := range byStart {
		e := &byStart[i]
		if e.end == e.start {
			continue // no data
		}
		if last != nil && e.start < last.end {
			c.ps.add(e.name, "the entry's data overlaps the data of %q", last.name)
		}
		if last == nil || e.end > last.end {
			last = e
		}
	}
}
