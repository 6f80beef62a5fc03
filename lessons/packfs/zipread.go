package packfs

import (
	"archive/zip"
	"cmp"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// ReadZip reads a pack from the zip file in r, which is size bytes long,
// and returns its files as a read-only in-memory fs.FS after checking the
// whole archive. On any problem it returns an *Error and no FS.
//
// The checks run in stages, and a stage with a problem ends the reading:
// the raw bytes are scanned to bound what Go's zip reader will allocate;
// every central directory entry is checked (names, types, sizes, ratios,
// overlaps) without decompressing anything; every file is decompressed
// through a size limit and one small buffer, keeping nothing, to check its
// size, checksum and UTF-8; and only then is each file read into memory,
// with the same checks again.
func ReadZip(r io.ReaderAt, size int64) (fs.FS, error) {
	switch {
	case size < 0:
		return nil, refuse("the zip file has a negative size")
	case size > MaxTotalBytes:
		got, limit := sizeOver(uint64(size), MaxTotalBytes)
		return nil, refuse("the zip file is %s; the limit is %s", got, limit)
	}
	shape, err := scanZip(r, size)
	switch {
	case err != nil:
		return nil, refuse("the zip file cannot be read: %v", plainError(err))
	case shape.headers > MaxEntries || shape.declared > MaxEntries:
		return nil, refuse("the zip file has more than %d entries, the limit for a pack", MaxEntries)
	case shape.directoryBytes > MaxDirectoryBytes:
		return nil, refuse("the names and other details in the zip file take more than %s, the limit for a pack",
			sizeText(MaxDirectoryBytes))
	}
	// NewReader checks names only under GODEBUG=zipinsecurepath=0, and then
	// returns the reader as well as ErrInsecurePath. The checks below are
	// made either way.
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, refuse("%s", zipProblem(err))
	}
	if len(zr.File) > MaxEntries { // cannot happen after scanZip; kept as a guard
		return nil, refuse("the zip file has more than %d entries, the limit for a pack", MaxEntries)
	}
	c := &zipCheck{size: size, ps: &problems{}}
	c.layout = newLayout(c.ps)
	for _, f := range zr.File {
		c.entry(f)
	}
	c.overlaps()
	if c.ps.any() {
		return nil, c.ps.err()
	}
	buf := make([]byte, scanBlock)
	for _, e := range c.files {
		c.scan(e, buf)
	}
	if c.ps.any() {
		return nil, c.ps.err()
	}
	contents := make(map[string][]byte, len(c.files))
	for _, e := range c.files {
		if data, ok := c.read(e); ok {
			contents[e.name] = data
		}
	}
	if c.ps.any() {
		return nil, c.ps.err()
	}
	return newPackFS(contents, c.dirs), nil
}

// zipCheck holds the state of checking one zip file's entries.
type zipCheck struct {
	size   int64
	ps     *problems
	layout *layout
	dirs   []string
	files  []zipEntry
	// inflate is one Deflate reader, reset for each entry.
	inflate io.ReadCloser
}

// zipEntry is a file entry that passed the central directory checks.
type zipEntry struct {
	f          *zip.File
	name       string
	start, end uint64 // where its compressed data lies in the zip file
}

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
		c.ps.add(name, "%s", msg)
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
		c.ps.add(name, "the entry would unpack from nothing to %s", sizeText(u))
		return zipEntry{}, false
	case f.Method == zip.Deflate && u > MaxRatio*z: // z ≤ MaxTotalBytes here: no overflow
		c.ps.add(name, "the entry would unpack to %s from %s, more than %d times its packed size",
			sizeText(u), sizeText(z), MaxRatio)
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

// open returns a reader of an entry's uncompressed data. It decompresses
// the raw data itself rather than through zip.File.Open, so that every
// failure has a precise message and the checksum is always checked
// (archive/zip skips the check when the recorded checksum is 0).
func (c *zipCheck) open(e zipEntry) (io.Reader, bool) {
	raw, err := e.f.OpenRaw()
	if err != nil {
		c.ps.add(e.name, "the entry's local header is missing or damaged")
		return nil, false
	}
	if e.f.Method == zip.Store {
		return raw, true
	}
	if c.inflate == nil {
		c.inflate = flate.NewReader(raw)
	} else if err := c.inflate.(flate.Resetter).Reset(raw, nil); err != nil {
		c.ps.add(e.name, "the entry's compressed data is damaged")
		return nil, false
	}
	return c.inflate, true
}

// scan checks an entry's data through buf, keeping none of it: its size,
// its checksum and its text.
func (c *zipCheck) scan(e zipEntry, buf []byte) {
	r, ok := c.open(e)
	if !ok {
		return
	}
	crc, msg, err := scanExact(r, int64(e.f.UncompressedSize64), buf)
	c.check(e, crc, msg, err)
}

// read reads an entry's data into memory, making the same checks again
// on exactly the bytes kept.
func (c *zipCheck) read(e zipEntry) ([]byte, bool) {
	r, ok := c.open(e)
	if !ok {
		return nil, false
	}
	data, err := readExact(r, int64(e.f.UncompressedSize64))
	var msg string
	if err == nil {
		msg = checkText(data)
	}
	return data, c.check(e, crc32.ChecksumIEEE(data), msg, err)
}

// check reports what reading an entry found, and whether all was well.
func (c *zipCheck) check(e zipEntry, crc uint32, textProblem string, err error) bool {
	switch {
	case errors.Is(err, errLonger):
		c.ps.add(e.name, "the entry holds more data than it declares")
	case errors.Is(err, errShorter):
		c.ps.add(e.name, "the entry holds less data than it declares")
	case err != nil:
		c.ps.add(e.name, "the entry's compressed data is damaged")
	case crc != e.f.CRC32:
		c.ps.add(e.name, "the entry's checksum does not match its content; the zip file is damaged")
	case textProblem != "":
		c.ps.add(e.name, "%s", textProblem)
	default:
		return true
	}
	return false
}

// zipProblem describes an error from archive/zip in plain words.
func zipProblem(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the zip file is cut short"
	}
	return "the file is not a zip file, or it is damaged"
}

// plainError drops the path an fs error repeats.
func plainError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
