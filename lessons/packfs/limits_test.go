package packfs_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// manyFiles returns n small file entries spread over folders of 100.
func manyFiles(n int) []zentry {
	out := make([]zentry, n)
	for i := range out {
		out[i] = file(fmt.Sprintf("d%02d/f%04d.md", i/100, i), "")
	}
	return out
}

// TestTooManyEntries checks MaxEntries for zip files (every entry counts,
// skipped ones too) and folders.
func TestTooManyEntries(t *testing.T) {
	// The implied folders d00… do not count: they are not entries.
	if fsys, err := readZip(t, buildZip(t, manyFiles(packfs.MaxEntries)...)); err != nil || fsys == nil {
		t.Errorf("%d entries refused: %v", packfs.MaxEntries, err)
	}
	problems := bothWays(t, buildZip(t, manyFiles(packfs.MaxEntries+1)...))
	wantProblem(t, problems, "", "more than 2000 entries")
	hidden := append(manyFiles(packfs.MaxEntries), file(".DS_Store", ""))
	wantProblem(t, bothWays(t, buildZip(t, hidden...)), "", "more than 2000 entries")

	dir := t.TempDir()
	files := map[string]string{}
	for i := range packfs.MaxEntries - 20 {
		files[fmt.Sprintf("d%02d/f%04d.md", i/100, i)] = ""
	}
	writeTree(t, dir, files) // 1980 files and 20 folders: at the limit
	if fsys, err := openDir(t, dir); err != nil || fsys == nil {
		t.Errorf("folder of %d entries refused: %v", packfs.MaxEntries, err)
	}
	writeTree(t, dir, map[string]string{"one-more.md": ""})
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), "", "more than 2000 files and folders")
}

// TestFileTooLarge checks MaxFileBytes from the declared size of a zip
// entry, before anything is decompressed, and from a folder listing.
func TestFileTooLarge(t *testing.T) {
	big := text(packfs.MaxFileBytes + 1)
	problems := bothWays(t, buildZip(t, valid, file("banks/big.txt", big)))
	wantProblem(t, problems, "banks/big.txt", "the limit is 4 MiB")
	at := big[:packfs.MaxFileBytes] // text is ASCII, so any prefix is valid
	if fsys, err := readZip(t, buildZip(t, file("banks/big.txt", at))); err != nil || fsys == nil {
		t.Errorf("a file of exactly MaxFileBytes was refused: %v", err)
	}

	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"banks/big.txt": big})
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), "banks/big.txt", "the limit is 4 MiB")
}

// TestTotalTooLarge checks MaxTotalBytes over all files, in zip files (from
// declared sizes) and folders.
func TestTotalTooLarge(t *testing.T) {
	body := strings.Repeat("x", packfs.MaxFileBytes)
	var entries []zentry
	files := map[string]string{}
	for i := range packfs.MaxTotalBytes/packfs.MaxFileBytes + 1 {
		name := fmt.Sprintf("banks/%d.txt", i)
		e := zentry{hdr: zip.FileHeader{Name: name, Method: zip.Store}, body: []byte(body)}
		entries = append(entries, e)
		files[name] = body
	}
	// Stored, 36 MiB: over the zip file limit too, so that is checked first.
	wantProblem(t, bothWays(t, buildZip(t, entries...)), "", "the zip file is 36 MiB; the limit is 32 MiB")
	// Deflated, the zip file is small and the total is caught from the
	// central directory.
	for i := range entries {
		entries[i].hdr.Method = zip.Deflate
	}
	data := buildZip(t, entries...)
	if len(data) > 1<<20 {
		t.Fatalf("test zip is %d bytes", len(data))
	}
	wantProblem(t, bothWays(t, data), "", "the files add up to more than 32 MiB")

	dir := t.TempDir()
	writeTree(t, dir, files)
	fsys, err := openDir(t, dir)
	wantProblem(t, refused(t, fsys, err), "", "the files add up to more than 32 MiB")
}

// failingReaderAt fails the test on any read.
type failingReaderAt struct{ t *testing.T }

func (r failingReaderAt) ReadAt([]byte, int64) (int, error) {
	r.t.Error("the zip file was read")
	return 0, io.ErrUnexpectedEOF
}

// TestZipFileTooLarge checks that a zip file over MaxTotalBytes is refused
// before it is read (ReadZip) or opened (Open).
func TestZipFileTooLarge(t *testing.T) {
	fsys, err := guarded(t, func() (fs.FS, error) { return packfs.ReadZip(failingReaderAt{t}, packfs.MaxTotalBytes+1) })
	wantProblem(t, refused(t, fsys, err), "", "the limit is 32 MiB")
	fsys, err = guarded(t, func() (fs.FS, error) { return packfs.ReadZip(failingReaderAt{t}, -1) })
	wantProblem(t, refused(t, fsys, err), "", "negative size")

	path := filepath.Join(t.TempDir(), "big.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 40); err != nil { // sparse: takes no space
		t.Fatal(err)
	}
	f.Close()
	fsys, err = guarded(t, func() (fs.FS, error) { return packfs.Open(path) })
	wantProblem(t, refused(t, fsys, err), "", "the zip file is 1 TiB; the limit is 32 MiB")
}

// TestRatio checks MaxRatio from the central directory: a Deflate entry
// may unpack to at most 100 times its packed size.
func TestRatio(t *testing.T) {
	zeros := strings.Repeat("\n", 1<<20) // deflates about 1000:1
	wantProblem(t, bothWays(t, buildZip(t, valid, file("a.md", zeros))), "a.md", "more than 100 times its packed size")

	// Declared sizes, exactly at and just over the limit.
	for _, c := range []struct {
		u, z uint64
		ok   bool
	}{{1000, 10, true}, {1001, 10, false}, {1, 0, false}} {
		e := zentry{hdr: zip.FileHeader{Name: "a.md", Method: zip.Deflate, UncompressedSize64: c.u, CompressedSize64: c.z}, body: make([]byte, c.z), raw: true}
		fsys, err := readZip(t, buildZip(t, valid, e))
		problems := refused(t, fsys, err) // the body is not real Deflate data, so refused either way
		ratio := strings.Contains(list(problems), "times its packed size") || strings.Contains(list(problems), "from nothing")
		if ratio == c.ok {
			t.Errorf("%d from %d: ratio problem %v, want %v:\n%s", c.u, c.z, ratio, !c.ok, list(problems))
		}
	}
	// A stored entry counts as ratio 1, but its two sizes must agree.
	e := zentry{hdr: zip.FileHeader{Name: "a.md", Method: zip.Store, UncompressedSize64: 3000, CompressedSize64: 3}, body: []byte("abc"), raw: true}
	wantProblem(t, bothWays(t, buildZip(t, valid, e)), "a.md", "declares two different sizes")
}

// TestDirectoryTooLarge checks MaxDirectoryBytes: names, extra fields and
// comments that Go's zip reader would hold in memory.
func TestDirectoryTooLarge(t *testing.T) {
	var entries []zentry
	for i := range 20 {
		e := file(fmt.Sprintf("f%d.md", i), "x")
		e.hdr.Comment = strings.Repeat("c", 60<<10)
		entries = append(entries, e)
	}
	wantProblem(t, bothWays(t, buildZip(t, entries...)), "", "take more than 1 MiB")
}

// TestDeclaredEntries checks that an end of central directory record
// declaring more than MaxEntries entries is refused before Go's reader
// preallocates room for them, in plain and zip64 files.
func TestDeclaredEntries(t *testing.T) {
	data := buildZip(t, valid, file("a.md", "x\n"))
	end := bytes.LastIndex(data, []byte("PK\x05\x06"))
	binary.LittleEndian.PutUint16(data[end+8:], 60000)
	binary.LittleEndian.PutUint16(data[end+10:], 60000)
	wantProblem(t, bothWays(t, data), "", "more than 2000 entries")

	// A zip64 end record, as Go writes for more than 65535 entries: forge
	// one by hand, declaring a billion entries.
	data = buildZip(t, valid, file("a.md", "x\n"))
	end = bytes.LastIndex(data, []byte("PK\x05\x06"))
	dirSize := binary.LittleEndian.Uint32(data[end+12:])
	dirOffset := binary.LittleEndian.Uint32(data[end+16:])
	var z64 bytes.Buffer
	z64.Write(data[:end])
	end64 := z64.Len()
	le := binary.LittleEndian
	z64.WriteString("PK\x06\x06")
	z64.Write(le.AppendUint64(nil, 44))
	z64.Write(le.AppendUint16(nil, 45))
	z64.Write(le.AppendUint16(nil, 45))
	z64.Write(make([]byte, 8))
	z64.Write(le.AppendUint64(nil, 1e9))
	z64.Write(le.AppendUint64(nil, 1e9))
	z64.Write(le.AppendUint64(nil, uint64(dirSize)))
	z64.Write(le.AppendUint64(nil, uint64(dirOffset)))
	z64.WriteString("PK\x06\x07")
	z64.Write(make([]byte, 4))
	z64.Write(le.AppendUint64(nil, uint64(end64)))
	z64.Write(le.AppendUint32(nil, 1))
	z64.WriteString("PK\x05\x06")
	z64.Write(make([]byte, 4))
	z64.Write(le.AppendUint16(nil, 0xffff))
	z64.Write(le.AppendUint16(nil, 0xffff))
	z64.Write(le.AppendUint32(nil, 0xffffffff))
	z64.Write(le.AppendUint32(nil, 0xffffffff))
	z64.Write(make([]byte, 2))
	wantProblem(t, bothWays(t, z64.Bytes()), "", "more than 2000 entries")

	// The same file declaring the true count is a valid zip64 file.
	forged := z64.Bytes()
	le.PutUint64(forged[end64+24:], 2)
	le.PutUint64(forged[end64+32:], 2)
	fsys, err := readZip(t, forged)
	if err != nil || len(packfs.Files(fsys)) != 2 {
		t.Errorf("zip64 file with 2 entries: %v, %v", packfs.Files(fsys), err)
	}
}
