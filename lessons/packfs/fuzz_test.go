package packfs_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// fuzzHang is how long one ReadZip may take in a fuzz target before it
// counts as a hang. It is far above what any input of fuzzing size needs,
// because other work on a shared machine can stall a run for seconds; the
// deterministic bound on work is readBound.
const fuzzHang = 10 * time.Second

// readBound is the most ReadZip may read from a zip file of n bytes: the
// scan reads it once, the end record search up to 66 KiB twice, Go's reader
// the central directory and the local headers, and the two passes over the
// content each compressed byte twice. Any read beyond this would mean work
// not bounded by the input's size.
func readBound(n int64) int64 { return 8*n + 256<<10 }

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r *bytes.Reader
	n atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// allowedEndings mirrors the package's list, as the trainers' docs give it.
var allowedEndings = []string{".yaml", ".yml", ".md", ".gift", ".txt"}

// checkResult checks the invariants of any ReadZip result: a refusal is an
// *Error with printable problems and no FS; an accepted pack holds only
// files within every limit, at safe paths, that export and import again
// unchanged.
func checkResult(t *testing.T, fsys fs.FS, err error) {
	t.Helper()
	if err != nil {
		var pe *packfs.Error
		if fsys != nil || !errors.As(err, &pe) || len(pe.Problems) == 0 {
			t.Fatalf("refusal with FS %v, error %T %v", fsys, err, err)
		}
		for _, p := range pe.Problems {
			if !printable(p.Path) || !printable(p.Message) {
				t.Fatalf("problem not printable: %q: %q", p.Path, p.Message)
			}
		}
		return
	}
	if fsys == nil {
		t.Fatal("no error and no FS")
	}
	files := packfs.Files(fsys)
	if len(files) > packfs.MaxEntries || !slices.IsSorted(files) {
		t.Fatalf("%d files, sorted %v", len(files), slices.IsSorted(files))
	}
	total := 0
	for _, name := range files {
		checkSafePath(t, name)
		data, err := packfs.Bytes(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > packfs.MaxFileBytes || !utf8.Valid(data) {
			t.Fatalf("%q: %d bytes, UTF-8 %v", name, len(data), utf8.Valid(data))
		}
		total += len(data)
	}
	if total > packfs.MaxTotalBytes {
		t.Fatalf("%d bytes in all", total)
	}
	var out bytes.Buffer
	if err := packfs.WriteZip(&out, fsys); err != nil {
		t.Fatal(err)
	}
	back, err := packfs.ReadZip(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatalf("the export of an accepted pack was refused: %v", err)
	}
	if got := packfs.Files(back); !slices.Equal(got, files) {
		t.Fatalf("round trip: %q, want %q", got, files)
	}
	for _, name := range files {
		a, _ := packfs.Bytes(fsys, name)
		b, _ := packfs.Bytes(back, name)
		if !bytes.Equal(a, b) {
			t.Fatalf("round trip changed %q", name)
		}
	}
}

// checkSafePath checks one accepted path against every name rule.
func checkSafePath(t *testing.T, name string) {
	t.Helper()
	ending := strings.ToLower(name[strings.LastIndex(name, "."):])
	switch {
	case !fs.ValidPath(name) || name == ".":
		t.Fatalf("accepted invalid path %q", name)
	case !printable(name) || strings.ContainsAny(name, "\\:*?\"<>|\n\t") || strings.Contains(name, ".."):
		t.Fatalf("accepted unsafe name %q", name)
	case !slices.Contains(allowedEndings, ending):
		t.Fatalf("accepted ending of %q", name)
	case strings.Count(name, "/") > packfs.MaxDepth:
		t.Fatalf("accepted depth of %q", name)
	}
	for e := range strings.SplitSeq(name, "/") {
		if e == ".." || e == "." || strings.HasPrefix(e, ".") || e == "__MACOSX" || len(e) > packfs.MaxNameBytes {
			t.Fatalf("accepted part %q of %q", e, name)
		}
	}
}

// readZipTimed runs ReadZip, failing if it takes longer than fuzzHang or
// reads more than readBound.
func readZipTimed(t *testing.T, data []byte) (fs.FS, error) {
	t.Helper()
	r := &countingReaderAt{r: bytes.NewReader(data)}
	start := time.Now()
	fsys, err := packfs.ReadZip(r, int64(len(data)))
	if d := time.Since(start); d > fuzzHang {
		t.Fatalf("ReadZip took %v on %d bytes", d, len(data))
	}
	if n := r.n.Load(); n > readBound(int64(len(data))) {
		t.Fatalf("ReadZip read %d bytes of a %d-byte zip file", n, len(data))
	}
	return fsys, err
}

// maybeGuarded runs open under the write guard when the seed corpus runs as
// a test, and plainly while fuzzing, where the guard's snapshots would cost
// more than the call. ReadZip reads from memory and never touches a file
// system, which TestNoWritesInSource checks for every input.
func maybeGuarded(t *testing.T, open func() (fs.FS, error)) (fs.FS, error) {
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return open()
	}
	return guarded(t, open)
}

// FuzzReadZip feeds raw bytes to ReadZip: it must not panic or hang, and
// an accepted pack must satisfy every limit and name rule.
func FuzzReadZip(f *testing.F) {
	f.Add(buildZip(f, valid, file("lessons/a.md", "# a\n"), folder("lessons/"), file(".DS_Store", "\xff")))
	f.Add(buildZip(f, file("../x.md", "x"), file("a/../b.md", "y")))
	f.Add(buildZip(f, file("a.md", "x"), file("A.md", "y"), withMode(file("l.md", "/etc/passwd"), fs.ModeSymlink|0o777)))
	f.Add(rawZip(rawEntry{name: "a.md", method: 8, csize: 2, usize: 2, data: []byte{3, 0}, crc: 0},
		rawEntry{name: "b.md", method: 8, csize: 2, usize: 2, shares: 1}))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys, err := maybeGuarded(t, func() (fs.FS, error) { return readZipTimed(t, data) })
		checkResult(t, fsys, err)
	})
}

// FuzzZipEntries writes two (name, body) pairs with archive/zip and reads
// them back: the same invariants, and accepted names never hold ".." or a
// backslash, two files with the same name are never both accepted, and
// each accepted file holds exactly the body written.
func FuzzZipEntries(f *testing.F) {
	f.Add("pack.yaml", []byte("format: 1\n"), "lessons/a.md", []byte("# a\n"))
	f.Add("../x.md", []byte("x"), `a\..\b.md`, []byte("y"))
	f.Add("/abs.md", []byte("x"), `C:\x.md`, []byte("y"))
	f.Add("lessons/../../x.md", []byte("x"), "a.md", []byte("\xff"))
	f.Add("a.md", []byte("x"), "A.md", []byte("y"))
	f.Add("a.md", []byte("x"), "a.md/b.md", []byte("y"))
	f.Add(".git/config", []byte("x"), "__MACOSX/._a.md", []byte("\xff"))
	f.Add("a\u202eb.md", []byte("x"), "inner.zip", []byte("PK"))
	f.Add("lessons/", []byte(""), "lessons/a.md", []byte("é"))
	f.Fuzz(func(t *testing.T, name1 string, body1 []byte, name2 string, body2 []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, e := range []struct {
			name string
			body []byte
		}{{name1, body1}, {name2, body2}} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
			if err != nil {
				return // archive/zip cannot write it: not an input
			}
			if _, err := w.Write(e.body); err != nil {
				return // a body in a folder entry
			}
		}
		if err := zw.Close(); err != nil {
			return
		}
		fsys, err := maybeGuarded(t, func() (fs.FS, error) { return readZipTimed(t, buf.Bytes()) })
		checkResult(t, fsys, err)
		if err != nil {
			return
		}
		files := packfs.Files(fsys)
		for _, name := range files {
			if strings.Contains(name, "..") || strings.Contains(name, `\`) {
				t.Fatalf("accepted %q", name)
			}
		}
		if name1 == name2 && !strings.HasSuffix(name1, "/") && slices.Contains(files, name1) {
			t.Fatalf("accepted %q twice", name1)
		}
		for _, e := range []struct {
			name string
			body []byte
		}{{name1, body1}, {name2, body2}} {
			if slices.Contains(files, e.name) {
				if got, _ := packfs.Bytes(fsys, e.name); !bytes.Equal(got, e.body) {
					t.Fatalf("%q holds %q, want %q", e.name, got, e.body)
				}
			}
		}
		if len(files) > 2 {
			t.Fatalf("two entries gave %d files", len(files))
		}
	})
}
