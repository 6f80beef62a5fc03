package packfs

import (
	"io"
	"io/fs"
	"time"
)

// info describes a node; it is both its fs.FileInfo and its fs.DirEntry.
type info struct{ n *node }

// Name returns the last element of the node's path.
func (i info) Name() string { return i.n.name }

// Size returns a file's length in bytes, and 0 for a folder.
func (i info) Size() int64 { return int64(len(i.n.data)) }

// Mode is 0444 for a file and fs.ModeDir|0555 for a folder: read only.
func (i info) Mode() fs.FileMode {
	if i.n.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// ModTime is the same fixed time for every node.
func (i info) ModTime() time.Time { return modTime }

// IsDir reports whether the node is a folder.
func (i info) IsDir() bool { return i.n.dir }

// Sys returns nil.
func (i info) Sys() any { return nil }

// Type returns the type bits of Mode.
func (i info) Type() fs.FileMode { return i.Mode().Type() }

// Info returns the node's fs.FileInfo.
func (i info) Info() (fs.FileInfo, error) { return i, nil }

// String formats the entry as fs.FormatDirEntry does.
func (i info) String() string { return fs.FormatDirEntry(i) }

// entries returns nodes as directory entries.
func entries(nodes []*node) []fs.DirEntry {
	out := make([]fs.DirEntry, len(nodes))
	for i, n := range nodes {
		out[i] = info{n}
	}
	return out
}

// openFile is an open file of a packFS. Like an *os.File, one openFile is
// not for use by several goroutines at once; Open returns a new one each
// time.
type openFile struct {
	n      *node
	path   string
	off    int64
	closed bool
}

// Stat returns the file's FileInfo.
func (f *openFile) Stat() (fs.FileInfo, error) {
	if f.closed {
		return nil, f.fail("stat", fs.ErrClosed)
	}
	return info{f.n}, nil
}

// Read reads from the current offset.
func (f *openFile) Read(b []byte) (int, error) {
	if f.closed {
		return 0, f.fail("read", fs.ErrClosed)
	}
	if f.off >= int64(len(f.n.data)) {
		return 0, io.EOF
	}
	n := copy(b, f.n.data[f.off:])
	f.off += int64(n)
	return n, nil
}

// ReadAt reads at off without moving the offset.
func (f *openFile) ReadAt(b []byte, off int64) (int, error) {
	if f.closed {
		return 0, f.fail("read", fs.ErrClosed)
	}
	if off < 0 {
		return 0, f.fail("read", fs.ErrInvalid)
	}
	if off >= int64(len(f.n.data)) {
		return 0, io.EOF
	}
	n := copy(b, f.n.data[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// Seek sets the offset for the next Read.
func (f *openFile) Seek(offset int64, whence int) (int64, error) {
	if f.closed {
		return 0, f.fail("seek", fs.ErrClosed)
	}
	switch whence {
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += int64(len(f.n.data))
	case io.SeekStart:
	default:
		return 0, f.fail("seek", fs.ErrInvalid)
	}
	if offset < 0 {
		return 0, f.fail("seek", fs.ErrInvalid)
	}
	f.off = offset
	return offset, nil
}

// Close closes the file; later calls fail with fs.ErrClosed.
func (f *openFile) Close() error {
	if f.closed {
		return f.fail("close", fs.ErrClosed)
	}
	f.closed = true
	return nil
}

// fail returns err for op on the file as a *fs.PathError.
func (f *openFile) fail(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.path, Err: err}
}

// openDir is an open folder of a packFS.
type openDir struct {
	n      *node
	path   string
	off    int // entries already returned by ReadDir
	closed bool
}

// Stat returns the folder's FileInfo.
func (d *openDir) Stat() (fs.FileInfo, error) {
	if d.closed {
		return nil, d.fail("stat", fs.ErrClosed)
	}
	return info{d.n}, nil
}

// Read fails: a folder has no bytes to read.
func (d *openDir) Read([]byte) (int, error) {
	if d.closed {
		return 0, d.fail("read", fs.ErrClosed)
	}
	return 0, d.fail("read", errIsDir)
}

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(count int) ([]fs.DirEntry, error) {
	if d.closed {
		return nil, d.fail("readdir", fs.ErrClosed)
	}
	rest := d.n.children[d.off:]
	if count > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if count > 0 && count < len(rest) {
		rest = rest[:count]
	}
	d.off += len(rest)
	return entries(rest), nil
}

// Close closes the folder; later calls fail with fs.ErrClosed.
func (d *openDir) Close() error {
	if d.closed {
		return d.fail("close", fs.ErrClosed)
	}
	d.closed = true
	return nil
}

// fail returns err for op on the folder as a *fs.PathError.
func (d *openDir) fail(op string, err error) error {
	return &fs.PathError{Op: op, Path: d.path, Err: err}
}
