package packfs

import (
	"archive/zip"
	"bytes"
	"slices"
	"testing"
)

func TestUnwrap(t *testing.T) {
	build := func(names ...string) *packFS {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write([]byte("x"))
		}
		zw.Close()
		fsys, err := ReadZip(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		return fsys.(*packFS)
	}
	wrapped := build("my-pack/pack.yaml", "my-pack/lessons/a.md")
	got := Unwrap(wrapped, "pack.yaml")
	if files := Files(got); !slices.Equal(files, []string{"lessons/a.md", "pack.yaml"}) {
		t.Errorf("unwrapped files %v", files)
	}
	if data, err := Bytes(got, "lessons/a.md"); err != nil || string(data) != "x" {
		t.Errorf("read %q %v", data, err)
	}
	for _, names := range [][]string{
		{"pack.yaml", "lessons/a.md"},                      // already at the top
		{"my-pack/lessons/a.md", "my-pack/notes.md"},       // no manifest in the folder
		{"my-pack/pack.yaml", "other/lessons/a.md"},        // two top folders
		{"my-pack/pack.yaml", "my-pack/a.md", "readme.md"}, // a file beside the folder
	} {
		fsys := build(names...)
		if got := Unwrap(fsys, "pack.yaml"); got != fsys {
			t.Errorf("%v was unwrapped to %v", names, Files(got))
		}
	}
}
