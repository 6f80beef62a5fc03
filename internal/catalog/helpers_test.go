package catalog

import (
	"archive/zip"
	"io"
	"testing"
)

// zipOf writes files into a zip archive, as a hostile pack might.
func zipOf(t *testing.T, w io.Writer, files map[string]string) {
	t.Helper()
	zw := zip.NewWriter(w)
	for name, body := range files {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
