package packfs_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// zentry is one entry for buildZip.
type zentry struct {
	hdr  zip.FileHeader
	body []byte
	// raw writes body as is with CreateRaw: hdr's sizes and CRC are
	// written as given, so they can lie.
	raw bool
}

// file is a Deflate-compressed regular file entry.
func file(name, body string) zentry {
	return zentry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate}, body: []byte(body)}
}

// folder is a folder entry; name should end with "/".
func folder(name string) zentry {
	e := zentry{hdr: zip.FileHeader{Name: name}}
	e.hdr.SetMode(fs.ModeDir | 0o755)
	return e
}

// withMode returns e with its mode set.
func withMode(e zentry, m fs.FileMode) zentry {
	e.hdr.SetMode(m)
	return e
}

// flateWriters reuses Deflate writers: each holds about a megabyte of
// state, costly to make thousands of times under the race detector.
var flateWriters sync.Pool

// fastDeflate is a zip compressor at the fastest Deflate level, as test
// zips are large and the race detector makes compression slow.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooledWriter{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	return pooledWriter{fw}, err
}

// pooledWriter returns its Deflate writer to the pool when closed.
type pooledWriter struct{ *flate.Writer }

func (p pooledWriter) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	return err
}

// buildZip writes entries to a zip file in memory, in order.
func buildZip(t testing.TB, entries ...zentry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, fastDeflate)
	for _, e := range entries {
		h := e.hdr
		var w io.Writer
		var err error
		if e.raw {
			w, err = zw.CreateRaw(&h)
		} else {
			w, err = zw.CreateHeader(&h)
		}
		if err != nil {
			t.Fatalf("zip %q: %v", e.hdr.Name, err)
		}
		if len(e.body) == 0 {
			continue
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatalf("zip %q: %v", e.hdr.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readZip runs ReadZip on data under the write guard.
func readZip(t testing.TB, data []byte) (fs.FS, error) {
	t.Helper()
	return guarded(t, func() (fs.FS, error) { return packfs.ReadZip(bytes.NewReader(data), int64(len(data))) })
}

// bothWays writes data to a .zip file in a new temporary folder and reads
// it with ReadZip and with Open, checking that both agree on the problems.
func bothWays(t *testing.T, data []byte) []packfs.Problem {
	t.Helper()
	fsys, err := readZip(t, data)
	problems := refused(t, fsys, err)
	path := filepath.Join(t.TempDir(), "pack.zip")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err = guarded(t, func() (fs.FS, error) { return packfs.Open(path) })
	if got := refused(t, fsys, err); !slices.Equal(got, problems) {
		t.Errorf("Open and ReadZip disagree:\nOpen:    %v\nReadZip: %v", got, problems)
	}
	return problems
}

// writeTree writes files (path → content) under dir, making folders.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// openDir runs OpenDir and Open on dir under the write guard, checks
// they agree, and returns OpenDir's result.
func openDir(t testing.TB, dir string) (fs.FS, error) {
	t.Helper()
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.OpenDir(dir) })
	fsys2, err2 := guarded(t, func() (fs.FS, error) { return packfs.Open(dir) })
	if (err == nil) != (err2 == nil) || (fsys == nil) != (fsys2 == nil) {
		t.Errorf("Open and OpenDir disagree: %v / %v", err, err2)
	}
	if err != nil && err2 != nil && err.Error() != err2.Error() {
		t.Errorf("Open and OpenDir disagree:\n%v\n%v", err2, err)
	}
	return fsys, err
}

// refused checks that a pack was refused properly: no FS, an *Error with
// at least one problem, sorted, each safe to print and worded as the
// project's messages are. It returns the problems.
func refused(t testing.TB, fsys fs.FS, err error) []packfs.Problem {
	t.Helper()
	if fsys != nil {
		t.Errorf("a refused pack came with an FS")
	}
	var pe *packfs.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v (%T), want a *packfs.Error", err, err)
	}
	if len(pe.Problems) == 0 {
		t.Fatalf("*packfs.Error with no problems")
	}
	if !slices.IsSortedFunc(pe.Problems, func(a, b packfs.Problem) int { return strings.Compare(a.Path, b.Path) }) {
		t.Errorf("problems not sorted by path: %v", pe.Problems)
	}
	for _, p := range pe.Problems {
		checkPrintable(t, p)
	}
	if !printable(err.Error()) {
		t.Errorf("Error() holds a raw control or invisible character: %q", err.Error())
	}
	return pe.Problems
}

// checkPrintable checks that a problem is safe to print and worded as the
// project's messages are: lower case, no final period.
func checkPrintable(t testing.TB, p packfs.Problem) {
	t.Helper()
	if !printable(p.Path) || !printable(p.Message) {
		t.Errorf("problem holds a raw control or invisible character: %q: %q", p.Path, p.Message)
	}
	if r, _ := utf8.DecodeRuneInString(p.Message); p.Message == "" || unicode.IsUpper(r) {
		t.Errorf("message %q should start lower case", p.Message)
	}
	if strings.HasSuffix(p.Message, ".") {
		t.Errorf("message %q ends with a period", p.Message)
	}
}

// printable reports whether s is valid UTF-8 with no control characters
// other than new line, and no format (invisible) characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\n' && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)) {
			return false
		}
	}
	return true
}

// wantProblem fails the test unless problems hold one at path whose
// message contains want.
func wantProblem(t testing.TB, problems []packfs.Problem, path, want string) {
	t.Helper()
	for _, p := range problems {
		if p.Path == path && strings.Contains(p.Message, want) {
			return
		}
	}
	t.Errorf("no problem at %q containing %q; got:\n%s", path, want, list(problems))
}

func list(problems []packfs.Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("\t" + p.String() + "\n")
	}
	return b.String()
}

// within runs f in a goroutine and fails the test if it does not return
// within limit; unblock, if not nil, is called then to release it.
func within(t testing.TB, limit time.Duration, unblock func(), f func() (fs.FS, error)) (fs.FS, error) {
	t.Helper()
	type result struct {
		fsys fs.FS
		err  error
	}
	done := make(chan result, 1)
	go func() {
		fsys, err := f()
		done <- result{fsys, err}
	}()
	select {
	case r := <-done:
		return r.fsys, r.err
	case <-time.After(limit):
		t.Errorf("did not return within %v", limit)
		if unblock != nil {
			unblock()
		}
		select {
		case r := <-done:
			return r.fsys, r.err
		case <-time.After(limit):
			t.Fatalf("still blocked after unblocking")
			return nil, nil
		}
	}
}

// pack reads every file of a pack FS into a map, through fs.WalkDir and
// fs.ReadFile, checking Files and Bytes agree.
func pack(t testing.TB, fsys fs.FS) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		out[name] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files := packfs.Files(fsys)
	var walked []string
	for name := range out {
		walked = append(walked, name)
	}
	slices.Sort(walked)
	if !slices.Equal(files, walked) {
		t.Errorf("Files = %q, WalkDir found %q", files, walked)
	}
	for _, name := range files {
		data, err := packfs.Bytes(fsys, name)
		if err != nil || string(data) != out[name] {
			t.Errorf("Bytes(%q) = %q, %v; want %q", name, data, err, out[name])
		}
	}
	return out
}

// text returns n bytes of ASCII text that deflates about 2:1, the same
// for every call.
func text(n int) string {
	words := []string{"pack", "lesson", "quiz", "council", "data", "breach", "password", "phishing", "report", "the", "a", "of"}
	var b strings.Builder
	b.Grow(n + 16)
	x := uint32(2463534242)
	for b.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteString(words[x%uint32(len(words))])
		if x%11 == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()[:n]
}
