package packfs_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// deflate compresses data as a zip Deflate entry holds it.
func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawFile is a Deflate entry whose header declares usize bytes with the
// given checksum, holding the compression of body.
func rawFile(t testing.TB, name string, body []byte, usize uint64, crc uint32) zentry {
	z := deflate(t, body)
	return zentry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		UncompressedSize64: usize, CompressedSize64: uint64(len(z))}, body: z, raw: true}
}

// TestCorruptCentralDirectory checks that damage to the central directory
// gives a plain problem, not a panic or a partial pack.
func TestCorruptCentralDirectory(t *testing.T) {
	good := buildZip(t, valid, file("lessons/a.md", "# a\n"), file("lessons/b.md", "# b\n"))
	dir := bytes.Index(good, []byte("PK\x01\x02"))
	end := bytes.LastIndex(good, []byte("PK\x05\x06"))
	damage := map[string]func([]byte){
		"first header signature": func(b []byte) { b[dir] = 'X' },
		"second header signature": func(b []byte) {
			i := bytes.Index(b[dir+4:], []byte("PK\x01\x02"))
			b[dir+4+i+2] = 9
		},
		"directory offset":             func(b []byte) { binary.LittleEndian.PutUint32(b[end+16:], uint32(len(b))) },
		"directory offset inside data": func(b []byte) { binary.LittleEndian.PutUint32(b[end+16:], 10) },
		"entry count":                  func(b []byte) { binary.LittleEndian.PutUint16(b[end+10:], 2) },
		"comment length":               func(b []byte) { binary.LittleEndian.PutUint16(b[end+20:], 500) },
		"end signature":                func(b []byte) { b[end] = 'X' },
		"local header offset":          func(b []byte) { binary.LittleEndian.PutUint32(b[dir+42:], 5) },
		"local header signature":       func(b []byte) { b[0] = 'X' },
		"name length":                  func(b []byte) { binary.LittleEndian.PutUint16(b[dir+28:], 0xffff) },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			data := bytes.Clone(good)
			f(data)
			bothWays(t, data)
		})
	}
	wantProblem(t, bothWays(t, []byte("not a zip file at all")), "", "not a zip file, or it is damaged")
	wantProblem(t, bothWays(t, nil), "", "not a zip file, or it is damaged")
}

// TestTruncatedZip checks every truncation of a small zip file: each is
// refused, none panics.
func TestTruncatedZip(t *testing.T) {
	good := buildZip(t, valid, file("lessons/a.md", "# a\n"))
	for n := range len(good) {
		fsys, err := readZip(t, good[:n])
		refused(t, fsys, err)
	}
	wantProblem(t, bothWays(t, good[:len(good)-1]), "", "not a zip file, or it is damaged")
	// Cut inside the data but with the directory kept: the data is short.
	data := buildZip(t, valid, file("lessons/a.md", text(5000)))
	start := bytes.Index(data, []byte("lessons/a.md")) + len("lessons/a.md")
	cut := append(bytes.Clone(data[:start+100]), data[bytes.Index(data, []byte("PK\x01\x02")):]...)
	bothWays(t, cut)
}

// TestLyingEntries checks that an entry producing more or less data than
// it declares, or failing its checksum, is refused, and that no more than
// one byte past the declared size is decompressed.
func TestLyingEntries(t *testing.T) {
	body := []byte(text(10000))
	crc := crc32.ChecksumIEEE(body)
	wantProblem(t, bothWays(t, buildZip(t, valid, rawFile(t, "a.md", body, 9000, crc))), "a.md", "holds more data than it declares")
	wantProblem(t, bothWays(t, buildZip(t, valid, rawFile(t, "a.md", body, 11000, crc))), "a.md", "holds less data than it declares")
	wantProblem(t, bothWays(t, buildZip(t, valid, rawFile(t, "a.md", body, 10000, crc^1))), "a.md", "checksum does not match")
	if fsys, err := readZip(t, buildZip(t, valid, rawFile(t, "a.md", body, 10000, crc))); err != nil || fsys == nil {
		t.Errorf("the honest entry was refused: %v", err)
	}
	// Damaged Deflate data.
	e := rawFile(t, "a.md", body, 10000, crc)
	e.body = bytes.Clone(e.body)
	for i := 10; i < len(e.body); i += 7 {
		e.body[i] ^= 0x55
	}
	bothWays(t, buildZip(t, valid, e))
}

// TestInvalidUTF8Content checks that a file that is not UTF-8 is refused
// with the line of the first bad byte, from zip files and folders.
func TestInvalidUTF8Content(t *testing.T) {
	cases := []struct {
		body string
		line string
	}{
		{"caf\xe9\n", "(line 1)"},
		{"# title\n\nsome text\r\nmore \xff text\n", "(line 4)"},
		{"ok\n\xc3", "(line 2)"},             // cut-off sequence at the end
		{"a\nb\n\xed\xa0\x80\n", "(line 3)"}, // an encoded surrogate
		{"a\n\xf4\x90\x80\x80", "(line 2)"},  // beyond U+10FFFF
		{"\xc0\xaf", "(line 1)"},             // overlong "/"
	}
	for _, c := range cases {
		problems := bothWays(t, buildZip(t, valid, file("lessons/a.md", c.body)))
		wantProblem(t, problems, "lessons/a.md", "not valid UTF-8 text "+c.line)
		if got := list(problems); !bytes.Contains([]byte(got), []byte("lessons/a.md: not valid UTF-8 text "+c.line)) {
			t.Errorf("want the form path: message, got %s", got)
		}

		dir := t.TempDir()
		writeTree(t, dir, map[string]string{"pack.yaml": "format: 1\n", "lessons/a.md": c.body})
		fsys, err := openDir(t, dir)
		wantProblem(t, refused(t, fsys, err), "lessons/a.md", "not valid UTF-8 text "+c.line)
	}
}

func crcOf(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

// TestScanStops checks that a damaged entry ends the reading of content,
// so that a zip of many lying entries costs no more than one, while text
// problems are all listed.
func TestScanStops(t *testing.T) {
	body := []byte(text(10000))
	crc := crcOf(body)
	problems := bothWays(t, buildZip(t, rawFile(t, "a.md", body, 9000, crc), rawFile(t, "b.md", body, 9000, crc)))
	if len(problems) != 1 || problems[0].Path != "a.md" {
		t.Errorf("want one problem, with a.md:\n%s", list(problems))
	}
	problems = bothWays(t, buildZip(t, file("a.md", "\xff"), file("b.md", "ok"), file("c.md", "x\n\xfe")))
	wantProblem(t, problems, "a.md", "not valid UTF-8 text (line 1)")
	wantProblem(t, problems, "c.md", "not valid UTF-8 text (line 2)")
}
