package packfs_test

import (
	"archive/zip"
	"hash/crc32"
	"io/fs"
	"testing"
)

// TestSymlinkEntries checks that zip entries whose mode is a symbolic link
// are refused, whatever they point at and whatever their name.
func TestSymlinkEntries(t *testing.T) {
	cases := []zentry{
		withMode(file("lessons/passwd.md", "/etc/passwd"), fs.ModeSymlink|0o777),
		withMode(file("lessons/inside.md", "../pack.yaml"), fs.ModeSymlink|0o777),
		withMode(file("etc", "/etc"), fs.ModeSymlink|0o777),
	}
	for _, e := range cases {
		problems := bothWays(t, buildZip(t, valid, e))
		wantProblem(t, problems, e.hdr.Name, "symbolic links are not allowed")
	}
	// A link with a folder's name: archive/zip's writer cannot make one.
	link := rawEntry{name: "lessons/", creator: 3 << 8, extAttrs: (0o120000 | 0o777) << 16, data: []byte("/etc"), csize: 4, usize: 4}
	link.crc = crc32.ChecksumIEEE(link.data)
	wantProblem(t, bothWays(t, rawZip(link)), "lessons", "symbolic links are not allowed")
}

// TestSpecialEntries checks that every mode other than a regular file or
// a folder is refused, and a folder mode on a name without "/".
func TestSpecialEntries(t *testing.T) {
	cases := []struct {
		mode fs.FileMode
		want string
	}{
		{fs.ModeNamedPipe | 0o644, "named pipes are not allowed"},
		{fs.ModeSocket | 0o644, "sockets are not allowed"},
		{fs.ModeDevice | 0o644, "devices are not allowed"},
		{fs.ModeDevice | fs.ModeCharDevice | 0o644, "devices are not allowed"},
		{fs.ModeDir | 0o755, "marked as a folder"},
	}
	for _, c := range cases {
		problems := bothWays(t, buildZip(t, valid, withMode(file("lessons/x.md", "x\n"), c.mode)))
		wantProblem(t, problems, "lessons/x.md", c.want)
	}
	// Set-user-ID and similar bits are not types: such a file is accepted
	// (nothing is ever written or run).
	if fsys, err := readZip(t, buildZip(t, valid, withMode(file("x.md", "x\n"), fs.ModeSetuid|0o755))); err != nil || fsys == nil {
		t.Errorf("setuid file refused: %v", err)
	}
}

// TestFolderEntryWithData checks that a folder entry holding data is
// refused.
func TestFolderEntryWithData(t *testing.T) {
	e := rawEntry{name: "lessons/", data: []byte("abc"), csize: 3, usize: 3, crc: crc32.ChecksumIEEE([]byte("abc"))}
	problems := bothWays(t, rawZip(e))
	wantProblem(t, problems, "lessons", "the folder entry holds data")
}

// TestEndings checks the allowed endings (in any case), the message for
// archives inside a pack, and other endings and none at all.
func TestEndings(t *testing.T) {
	for _, name := range []string{"a.yaml", "a.yml", "a.md", "b.gift", "c.txt", "README.MD", "x/Y.Yml"} {
		if fsys, err := readZip(t, buildZip(t, file(name, "x\n"))); err != nil || fsys == nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
	for _, name := range []string{"inner.zip", "a.gz", "a.tar.gz", "a.tgz", "a.tar", "a.7z", "a.rar", "a.jar", "a.bz2", "a.xz", "a.zst", "lessons/NESTED.ZIP"} {
		wantProblem(t, bothWays(t, buildZip(t, valid, file(name, "PK\x03\x04"))), name, "archives inside a pack are not allowed")
	}
	wantProblem(t, bothWays(t, buildZip(t, valid, file("setup.exe", "MZ"))), "setup.exe", `files ending ".exe" are not allowed`)
	wantProblem(t, bothWays(t, buildZip(t, valid, file("lessons/a.md.sh", "x"))), "lessons/a.md.sh", `files ending ".sh" are not allowed`)
	wantProblem(t, bothWays(t, buildZip(t, valid, file("LICENCE", "x"))), "LICENCE", "files without an ending are not allowed")
	wantProblem(t, bothWays(t, buildZip(t, valid, file("a.", "x"))), "a.", `files ending "." are not allowed`)
}

// TestEncryptedAndMethods checks that encrypted entries and compression
// methods other than Store and Deflate are refused before any data is
// read.
func TestEncryptedAndMethods(t *testing.T) {
	enc := file("lessons/a.md", "x\n")
	enc.hdr.Flags |= 0x1
	wantProblem(t, bothWays(t, buildZip(t, valid, enc)), "lessons/a.md", "encrypted entries are not allowed")

	for _, method := range []uint16{12, 14, 93, 99} { // bzip2, LZMA, zstd, AES
		e := zentry{hdr: zip.FileHeader{Name: "lessons/a.md", Method: method, UncompressedSize64: 2, CompressedSize64: 2}, body: []byte("x\n"), raw: true}
		wantProblem(t, bothWays(t, buildZip(t, valid, e)), "lessons/a.md", "only Store and Deflate are allowed")
	}
}
