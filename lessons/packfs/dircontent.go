package packfs

import (
	"errors"
	"os"
)

// open opens a checked file through the root and makes sure it is still
// the same regular file of the same size. The caller closes the file.
func (w *dirWalk) open(f dirFile) (*os.File, bool) {
	hook("open", f.name)
	file, err := w.root.OpenFile(f.name, openFlags, 0)
	if err != nil {
		w.ps.add(f.name, "the file cannot be opened: %v", plainError(err))
		return nil, false
	}
	got, err := file.Stat()
	switch {
	case err != nil:
		w.ps.add(f.name, "the file cannot be read: %v", plainError(err))
	case !got.Mode().IsRegular():
		w.ps.add(f.name, "%s", typeProblem(got.Mode()))
	case !os.SameFile(f.info, got) || got.Size() != f.info.Size():
		w.ps.add(f.name, "the file changed while the pack was read")
	default:
		hook("read", f.name)
		return file, true
	}
	file.Close()
	return nil, false
}

// scan checks a file's content through buf, keeping none of it.
func (w *dirWalk) scan(f dirFile, buf []byte) {
	file, ok := w.open(f)
	if !ok {
		return
	}
	defer file.Close()
	_, msg, err := scanExact(file, f.info.Size(), buf)
	w.check(f, msg, err)
}

// read reads a file into memory through a size limit, making the same
// checks again on exactly the bytes kept.
func (w *dirWalk) read(f dirFile) ([]byte, bool) {
	file, ok := w.open(f)
	if !ok {
		return nil, false
	}
	defer file.Close()
	data, err := readExact(file, f.info.Size())
	var msg string
	if err == nil {
		msg = checkText(data)
	}
	return data, w.check(f, msg, err)
}

// check reports what reading a file found, and whether all was well.
func (w *dirWalk) check(f dirFile, textProblem string, err error) bool {
	switch {
	case errors.Is(err, errLonger), errors.Is(err, errShorter):
		w.ps.add(f.name, "the file changed while the pack was read")
	case err != nil:
		w.ps.add(f.name, "the file cannot be read: %v", plainError(err))
	case textProblem != "":
		w.ps.add(f.name, "%s", textProblem)
	default:
		return true
	}
	return false
}
