package packfs

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
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
func ReadZip(r io.ReaderAt, size int64) (fs.FS, error) { return readZip(r, size, nil) }

// readZip is ReadZip; with a non-nil leftOut, files of a type a pack may
// not hold are recorded there and left out, instead of refusing the pack.
func readZip(r io.ReaderAt, size int64, leftOut *problems) (fs.FS, error) {
	switch {
	case size < 0:
		return nil, refuse("the zip file has a negative size")
	case size > MaxTotalBytes:
		got, limit := SizeOver(uint64(size), MaxTotalBytes)
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
			SizeText(MaxDirectoryBytes))
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
	c := &zipCheck{size: size, ps: &problems{}, leftOut: leftOut}
	c.layout = newLayout(c.ps)
	for _, f := range zr.File {
		c.entry(f)
	}
	c.overlaps()
	if c.ps.any() {
		return nil, c.ps.err()
	}
	// A damaged entry (one that lies about its size, fails its checksum or
	// does not decompress) ends the scan: the zip file is broken or
	// hostile, and the entries after it are not worth decompressing. Text
	// problems do not end it, so that a trainer sees every file to fix.
	buf := make([]byte, scanBlock)
	for _, e := range c.files {
		if c.scan(e, buf); c.damaged {
			break
		}
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
	size int64
	ps   *problems
	// leftOut, when not nil, receives files of a type a pack may not
	// hold, which are then left out rather than refusing the pack.
	leftOut *problems
	layout  *layout
	dirs    []string
	files   []zipEntry
	// inflate is one Deflate reader, reset for each entry.
	inflate io.ReadCloser
	// damaged is set once an entry's data is found damaged.
	damaged bool
}

// zipEntry is a file entry that passed the central directory checks.
type zipEntry struct {
	f          *zip.File
	name       string
	start, end uint64 // where its compressed data lies in the zip file
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
