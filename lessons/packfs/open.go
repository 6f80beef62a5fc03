package packfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Open reads a pack from a folder or a .zip file and returns its files as
// a read-only in-memory fs.FS, after checking the whole tree. A path that
// is a folder is read with [OpenDir]; otherwise a path ending .zip (in any
// case) is read with [OpenZip]; anything else is refused. Nothing outside
// the pack is ever read or written. On any problem it returns an *Error
// and no FS.
func Open(path string) (fs.FS, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, refuse("the pack cannot be opened: %v", plainError(err))
	}
	switch {
	case info.IsDir():
		return OpenDir(path)
	case strings.EqualFold(filepath.Ext(path), ".zip"):
		return OpenZip(path)
	}
	return nil, refuse("a pack must be a folder or a .zip file")
}

// OpenZip reads a pack from the zip file at path; see [ReadZip]. The file
// must be a regular file of at most MaxTotalBytes, which is checked before
// it is opened, so a named pipe or device is never opened.
func OpenZip(path string) (fs.FS, error) {
	before, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, refuse("the zip file cannot be opened: %v", plainError(err))
	case !before.Mode().IsRegular():
		return nil, refuse("the zip file is not a regular file")
	case before.Size() > MaxTotalBytes:
		got, limit := sizeOver(uint64(before.Size()), MaxTotalBytes)
		return nil, refuse("the zip file is %s; the limit is %s", got, limit)
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, refuse("the zip file cannot be opened: %v", plainError(err))
	}
	defer f.Close()
	after, err := f.Stat()
	switch {
	case err != nil:
		return nil, refuse("the zip file cannot be read: %v", plainError(err))
	case !after.Mode().IsRegular() || !os.SameFile(before, after):
		return nil, refuse("the zip file changed while it was opened")
	}
	return ReadZip(f, after.Size())
}
