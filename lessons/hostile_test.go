package lessons

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// hostileContent returns packs whose files are hostile in what they hold
// rather than in how they are stored (lessons/packfs covers archives and
// folders), each with the problem Load must report.
func hostileContent(tb testing.TB) []struct {
	name string
	fsys fstest.MapFS
	want string
} {
	withBank := func(name, content string) fstest.MapFS {
		fsys := validPack()
		edit(tb, fsys, secondFile, "  pass_mark: 50\n", "  pass_mark: 50\n  bank: "+name+"\n")
		setFile(fsys, name, content)
		return fsys
	}
	withLesson := func(content string) fstest.MapFS {
		fsys := validPack()
		setFile(fsys, firstFile, content)
		return fsys
	}
	manifest := validPack()
	setFile(manifest, ManifestFile, billionLaughs)
	return []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"billion laughs in pack.yaml", manifest, "YAML anchors and aliases"},
		{"billion laughs in a lesson", withLesson("---\n" + billionLaughs + "---\nText.\n"), "YAML anchors and aliases"},
		{"front matter nested 20,000 deep", withLesson("---\na: " + strings.Repeat("[", 20_000) + "\n---\nText.\n"), "YAML"},
		{"front matter of 6,000 duplicate keys", withLesson("---\n" + strings.Repeat("title: x\n", 6_000) + "---\nText.\n"), "more problems in this file, not listed"},
		{"Markdown nested 100,000 deep", packWithBody(tb, strings.Repeat("> ", 100_000)+"x\n"), "nested"},
		{"Markdown of 80,000 emphasis marks", packWithBody(tb, strings.Repeat("*a_", 80_000)+"\n"), "emphasis"},
		{"lesson file of 64 MiB", withLesson("---\ntitle: x\n---\n" + strings.Repeat("a", 64<<20)), "the file is 64 MiB; the limit for a lesson file is 256 KiB"},
		{"GIFT bank of 4 MiB of broken questions", withBank("banks/bad.gift", strings.Repeat("Q{=a ~b\n\n", 500_000)[:4<<20-1]), "more than 100 problems"},
		{"Aiken bank of 1 MiB of broken questions", withBank("banks/bad.aiken.txt", strings.Repeat("Q\nA) x\n\n", 200_000)[:1<<20-1]), "more than 100 problems"},
	}
}

// TestHostileContent checks that each hostile pack is refused with its
// problem, and within 10 MiB of allocation beyond the file itself.
func TestHostileContent(t *testing.T) {
	for _, c := range hostileContent(t) {
		t.Run(c.name, func(t *testing.T) {
			var err error
			alloc := bytesAllocated(func() { _, err = Load(c.fsys) })
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(ve.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			if alloc > 10<<20 {
				t.Errorf("allocated %.1f MiB; the budget is 10 MiB", float64(alloc)/(1<<20))
			}
			t.Logf("%.2f MiB allocated", float64(alloc)/(1<<20))
		})
	}
}

// BenchmarkRejectHostile times refusing each hostile pack of
// hostileContent; the budget is 100 ms and 10 MiB.
func BenchmarkRejectHostile(b *testing.B) {
	for _, c := range hostileContent(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(c.fsys); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// lyingFS wraps an fs.FS so that every file says it is one byte shorter
// than it is, as a file that grows while it is read would.
type lyingFS struct{ fs.FS }

func (l lyingFS) Open(name string) (fs.File, error) {
	f, err := l.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return lyingFile{f}, nil
}

type lyingFile struct{ fs.File }

func (f lyingFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil || info.IsDir() {
		return info, err
	}
	return shorterInfo{info}, nil
}

type shorterInfo struct{ fs.FileInfo }

func (s shorterInfo) Size() int64 { return s.FileInfo.Size() - 1 }

// TestFileGrowsWhileRead checks that a file holding more than it said when
// opened is refused, not read past its stated size.
func TestFileGrowsWhileRead(t *testing.T) {
	_, err := Load(lyingFS{validPack()})
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Error(), "pack.yaml: the file changed while it was read; try again") {
		t.Fatalf("error %v", err)
	}
}
