package packfs

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
)

// errNotPack is returned by Bytes for an FS this package did not make.
var errNotPack = errors.New("not a pack file system from package packfs")

// WriteZip writes every regular file of fsys to w as a zip file, for
// exporting a pack. The output depends only on the files' paths and
// contents: files are written in sorted path order, compressed with
// Deflate, with a fixed modification time and mode 0644, and without
// folder entries, so that exporting a pack twice gives identical bytes and
// importing the export with [ReadZip] gives identical files. Symbolic links
// and other special files are an error, not skipped.
func WriteZip(w io.Writer, fsys fs.FS) error {
	var names []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("export %q: only regular files can be exported", name)
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(names)
	zw := zip.NewWriter(w)
	for _, name := range names {
		if err := addToZip(zw, fsys, name); err != nil {
			return err
		}
	}
	return zw.Close()
}

// addToZip copies one file of fsys into zw.
func addToZip(zw *zip.Writer, fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("export %q: only regular files can be exported", name)
	}
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modTime}
	h.SetMode(0o644)
	out, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, f); err != nil {
		return fmt.Errorf("export %q: %w", name, err)
	}
	return nil
}
