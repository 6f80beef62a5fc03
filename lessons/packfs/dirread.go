package packfs

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
)

// OpenDir reads a pack from the folder dir and returns its files as a
// read-only in-memory fs.FS after checking the whole tree. On any problem
// it returns an *Error and no FS.
//
// The folder is opened with os.OpenRoot, so no path can lead outside it.
// It is listed first without following links (symbolic links, named pipes,
// devices and sockets are refused and never opened); only when every name,
// type and size is acceptable are the files opened, checked again to be
// the same regular files of the same size, and read through a size limit:
// once through a small buffer to check them, keeping nothing, and once
// more into memory if all of them pass.
func OpenDir(dir string) (fs.FS, error) { return checkDir(dir, nil) }

// checkDir is OpenDir; with a non-nil leftOut, files of a type a pack may
// not hold are recorded there and left out, instead of refusing the pack.
func checkDir(dir string, leftOut *problems) (fs.FS, error) {
	// os.OpenRoot opens without O_DIRECTORY, so it would wait forever on a
	// named pipe: check the type first, and that it did not change after.
	before, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, refuse("the folder cannot be opened: %v", plainError(err))
	case !before.IsDir():
		return nil, refuse("the pack is not a folder")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, refuse("the folder cannot be opened: %v", plainError(err))
	}
	defer root.Close()
	if after, err := root.Stat("."); err != nil || !os.SameFile(before, after) {
		return nil, refuse("the folder changed while it was opened")
	}
	w := &dirWalk{root: root, ps: &problems{}, leftOut: leftOut}
	w.layout = newLayout(w.ps)
	w.walk(".", nil, 0)
	if w.ps.any() {
		return nil, w.ps.err()
	}
	buf := make([]byte, scanBlock)
	for _, f := range w.files {
		w.scan(f, buf)
	}
	if w.ps.any() {
		return nil, w.ps.err()
	}
	contents := make(map[string][]byte, len(w.files))
	for _, f := range w.files {
		if data, ok := w.read(f); ok {
			contents[f.name] = data
		}
	}
	if w.ps.any() {
		return nil, w.ps.err()
	}
	return newPackFS(contents, w.dirs), nil
}

// dirWalk holds the state of checking one folder pack.
type dirWalk struct {
	root *os.Root
	ps   *problems
	// leftOut, when not nil, receives files of a type a pack may not
	// hold, which are then left out rather than refusing the pack.
	leftOut *problems
	layout  *layout
	count   int  // names listed so far
	full    bool // more than MaxEntries names: the walk has stopped
	dirs    []string
	files   []dirFile
}

// dirFile is a file that passed the checks of the listing.
type dirFile struct {
	name string
	info fs.FileInfo // from Lstat, before the file is opened
}

// walk checks the folder dir, which sits inside depth folders, and the
// folders inside it. want is the folder's Lstat result, or nil for the
// root.
func (w *dirWalk) walk(dir string, want fs.FileInfo, depth int) {
	f, err := w.root.Open(dir)
	if err != nil {
		w.ps.add(dir, "the folder cannot be opened: %v", plainError(err))
		return
	}
	defer f.Close()
	if want != nil {
		got, err := f.Stat()
		if err != nil || !got.IsDir() || !os.SameFile(want, got) {
			w.ps.add(dir, "the folder changed while the pack was read")
			return
		}
	}
	for _, name := range w.list(f, dir) {
		p := name
		if dir != "." {
			p = path.Join(dir, name)
		}
		if msg := checkElement(name); msg != "" {
			w.ps.add(p, "%s", msg)
			continue
		}
		if skippedElement(name) {
			continue // never looked at, let alone opened
		}
		info, err := w.root.Lstat(p)
		if err != nil {
			w.ps.add(p, "cannot be read: %v", plainError(err))
			continue
		}
		switch m := info.Mode(); {
		case m.IsDir():
			if depth+1 > MaxDepth {
				w.ps.add(p, "folders are nested more than %d deep", MaxDepth)
			} else if w.layout.addDir(p) {
				w.dirs = append(w.dirs, p)
				w.walk(p, info, depth+1)
			}
		case m.IsRegular():
			if msg := checkEnding(p); msg != "" {
				cmp.Or(w.leftOut, w.ps).add(p, "%s", msg)
			} else if w.layout.addFile(p, uint64(info.Size())) {
				w.files = append(w.files, dirFile{name: p, info: info})
			}
		default:
			w.ps.add(p, "%s", typeProblem(m))
		}
		if w.full {
			return
		}
	}
}

// list returns the names in the open folder f, sorted, counting them
// against MaxEntries. It reads the folder in small batches, so a folder of
// a million names costs no more memory than one of MaxEntries.
func (w *dirWalk) list(f *os.File, dir string) []string {
	var names []string
	for {
		batch, err := f.ReadDir(256)
		for _, e := range batch {
			if w.count++; w.count > MaxEntries {
				if !w.full {
					w.full = true
					w.ps.add("", "the pack has more than %d files and folders, the limit for a pack", MaxEntries)
				}
				return nil
			}
			names = append(names, e.Name())
		}
		if errors.Is(err, io.EOF) || (err == nil && len(batch) == 0) {
			break
		}
		if err != nil {
			w.ps.add(dir, "the folder cannot be read: %v", plainError(err))
			break
		}
	}
	slices.Sort(names)
	return names
}
