package packfs_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// budgetBytes is the most a hostile pack may make packfs allocate before it
// is refused. The time budget (100 ms) is measured by BenchmarkHostile.
const budgetBytes = 10 << 20

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// zerosBomb is a zip holding one entry of 100 MiB of zeros, built once,
// and the entry's raw Deflate stream.
var zerosBomb = sync.OnceValues(func() (zipFile, stream []byte) {
	var buf bytes.Buffer
	cw := &countingWriter{w: &buf}
	zw := zip.NewWriter(cw)
	w, err := zw.Create("lessons/zeros.md")
	if err != nil {
		panic(err)
	}
	zeros := make([]byte, 1<<20)
	for range 100 {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), cw.n)
	if err != nil {
		panic(err)
	}
	raw, err := zr.File[0].OpenRaw()
	if err != nil {
		panic(err)
	}
	stream, err = io.ReadAll(raw)
	if err != nil {
		panic(err)
	}
	return buf.Bytes(), stream
})

// hostileCase is one hostile pack, prepared, and the problem it must get.
type hostileCase struct {
	name string
	open func() (fs.FS, error)
	want string
}

// hostileCases prepares the hostile packs; folders are written under dir.
func hostileCases(tb testing.TB, dir string) []hostileCase {
	tb.Helper()
	fromZip := func(data []byte) func() (fs.FS, error) {
		return func() (fs.FS, error) { return packfs.ReadZip(bytes.NewReader(data), int64(len(data))) }
	}
	zipFile, stream := zerosBomb()
	tb.Logf("100 MiB of zeros: zip file of %d bytes (%.0f:1)", len(zipFile), float64(100<<20)/float64(len(stream)))

	kernel := deflate(tb, make([]byte, 1<<20))
	declares1GiB := buildZip(tb, valid, zentry{hdr: zip.FileHeader{Name: "bomb.md", Method: zip.Deflate,
		UncompressedSize64: 1 << 30, CompressedSize64: uint64(len(kernel))}, body: kernel, raw: true})

	lying := func(name string, declared uint64) zentry {
		return zentry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate,
			UncompressedSize64: declared, CompressedSize64: uint64(len(stream))}, body: stream, raw: true}
	}
	lyingOne := buildZip(tb, valid, lying("lessons/a.md", 1<<20))
	var eight []zentry
	for i := range 8 {
		eight = append(eight, lying(fmt.Sprintf("banks/%d.txt", i), packfs.MaxFileBytes))
	}
	lyingEight := buildZip(tb, eight...)

	// Overlapping entries: every central directory record points at one
	// local header and its data, as in D. Fifield's "A better zip bomb".
	body := []byte(text(1 << 20))
	shared := deflate(tb, body)
	overlap := func(n int) []byte {
		entries := make([]rawEntry, n)
		for i := range entries {
			entries[i] = rawEntry{name: fmt.Sprintf("lessons/%04d.md", i), method: 8, crc: crcOf(body),
				csize: uint32(len(shared)), usize: uint32(len(body)), data: shared, shares: min(i, 1)}
		}
		return rawZip(entries...)
	}

	emptyEntries := func(n int) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range n {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%x.md", i)}); err != nil {
				tb.Fatal(err)
			}
		}
		zw.Close()
		return buf.Bytes()
	}

	var comments []zentry
	for i := range 500 {
		e := file(fmt.Sprintf("%d.md", i), "")
		e.hdr.Comment = strings.Repeat("c", 60<<10)
		comments = append(comments, e)
	}
	bigDirectory := buildZip(tb, comments...)

	// A pack that looks valid to its last byte: 4 files of 4 MiB.
	var lateBad []zentry
	for i := range 4 {
		s := text(packfs.MaxFileBytes)
		if i == 3 {
			s = s[:len(s)-1] + "\xff"
		}
		lateBad = append(lateBad, file(fmt.Sprintf("banks/%d.txt", i), s))
	}
	lateBadZip := buildZip(tb, lateBad...)

	spread := filepath.Join(dir, "spread")
	flat := filepath.Join(dir, "flat")
	for i := range 3000 {
		writeFile(tb, filepath.Join(spread, fmt.Sprintf("d%02d", i/100), fmt.Sprintf("%04d.md", i)), "# x\n")
		writeFile(tb, filepath.Join(flat, fmt.Sprintf("%04d.md", i)), "# x\n")
	}
	folderOf := func(d string) func() (fs.FS, error) { return func() (fs.FS, error) { return packfs.OpenDir(d) } }

	return []hostileCase{
		{"zip entry declaring 1 GiB", fromZip(declares1GiB), "the file is 1 GiB; the limit is 4 MiB"},
		{"zip of 100 MiB of zeros", fromZip(zipFile), "more than 100 times its packed size"},
		{"zip entry lying: 1 MiB declared, 100 MiB inside", fromZip(lyingOne), "holds more data than it declares"},
		{"zip of 8 lying entries of 4 MiB", fromZip(lyingEight), "holds more data than it declares"},
		{"overlapping entries, 30 × 1 MiB", fromZip(overlap(30)), "overlaps the data of"},
		{"overlapping entries, 2000 × 1 MiB", fromZip(overlap(2000)), "overlaps the data of"},
		{"zip of 10,000 empty entries", fromZip(emptyEntries(10000)), "more than 2000 entries"},
		{"zip of 200,000 empty entries", fromZip(emptyEntries(200000)), "more than 2000 entries"},
		{"zip with 30 MB of entry comments", fromZip(bigDirectory), "take more than 1 MiB"},
		{"zip of 16 MiB, bad last byte", fromZip(lateBadZip), "not valid UTF-8 text"},
		{"folder of 3,000 files in 30 folders", folderOf(spread), "more than 2000 files and folders"},
		{"folder of 3,000 files in one folder", folderOf(flat), "more than 2000 files and folders"},
	}
}

func writeFile(tb testing.TB, path, body string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// allocated runs open and returns what it returned and the bytes it
// allocated (runtime.MemStats.TotalAlloc, which counts every allocation,
// freed or not, so it bounds the extra memory).
func allocated(open func() (fs.FS, error)) (fs.FS, uint64, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fsys, err := open()
	runtime.ReadMemStats(&after)
	return fsys, after.TotalAlloc - before.TotalAlloc, err
}

// TestHostileMemory checks that each hostile pack is refused with the
// right problem and under 10 MiB allocated. How long refusing takes is
// measured by BenchmarkHostile, not asserted here.
func TestHostileMemory(t *testing.T) {
	for _, c := range hostileCases(t, t.TempDir()) {
		t.Run(c.name, func(t *testing.T) {
			var alloc uint64
			fsys, err := guarded(t, func() (fs.FS, error) {
				fsys, n, err := allocated(c.open)
				alloc = n
				return fsys, err
			})
			wantProblemIn(t, refused(t, fsys, err), c.want)
			t.Logf("%s: %.2f MiB allocated", c.name, float64(alloc)/(1<<20))
			if alloc > budgetBytes {
				t.Errorf("allocated %.1f MiB; the budget is %d MiB", float64(alloc)/(1<<20), budgetBytes>>20)
			}
		})
	}
}

// wantProblemIn fails the test unless some problem's text contains want.
func wantProblemIn(t testing.TB, problems []packfs.Problem, want string) {
	t.Helper()
	for _, p := range problems {
		if strings.Contains(p.String(), want) {
			return
		}
	}
	t.Errorf("no problem containing %q; got:\n%s", want, list(problems))
}

// BenchmarkHostile measures refusing each hostile pack.
func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases(b, b.TempDir()) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if fsys, err := c.open(); err == nil || fsys != nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// BenchmarkValidPack measures opening the valid test pack both ways.
func BenchmarkValidPack(b *testing.B) {
	dir, _ := validDir(b)
	data := zipOfTree(b, dir)
	b.Run("folder", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := packfs.OpenDir(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("zip", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := packfs.ReadZip(bytes.NewReader(data), int64(len(data))); err != nil {
				b.Fatal(err)
			}
		}
	})
}
