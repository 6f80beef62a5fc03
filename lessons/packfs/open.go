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
func Open(path string) (fs.FS, error) { return open(path, nil) }

// OpenAll is [Open] for checking a pack in full: a file of a type a pack
// may not hold (a picture, a spreadsheet, an archive) does not refuse the
// pack; it is left out of the FS, unread, and listed in leftOut, so that
// the rest of the pack can be checked too and the trainer sees every
// problem at once. A pack with such a file is still invalid: the caller
// must not store it. Every other problem refuses the pack as Open does.
func OpenAll(path string) (fsys fs.FS, leftOut []Problem, err error) {
	left := &problems{}
	fsys, err = open(path, left)
	if err != nil {
		return nil, nil, err
	}
	if left.any() {
		leftOut = left.err().(*Error).Problems
	}
	return fsys, leftOut, nil
}

func open(path string, leftOut *problems) (fs.FS, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, refuse("the pack cannot be opened: %v", plainError(err))
	}
	switch {
	case info.IsDir():
		return checkDir(path, leftOut)
	case strings.EqualFold(filepath.Ext(path), ".zip"):
		return openZip(path, leftOut)
	}
	return nil, refuse("a pack must be a folder or a .zip file")
}

// OpenZip reads a pack from the zip file at path; see [ReadZip]. The file
// must be a regular file of at most MaxTotalBytes, which is checked before
// it is opened, so a named pipe or device is never opened.
func OpenZip(path string) (fs.FS, error) { return openZip(path, nil) }

func openZip(path string, leftOut *problems) (fs.FS, error) {
	before, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, refuse("the zip file cannot be opened: %v", plainError(err))
	case !before.Mode().IsRegular():
		return nil, refuse("the zip file is not a regular file")
	case before.Size() > MaxTotalBytes:
		got, limit := SizeOver(uint64(before.Size()), MaxTotalBytes)
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
	return readZip(f, after.Size(), leftOut)
}
