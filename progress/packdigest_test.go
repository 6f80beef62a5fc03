package progress

import (
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestPackDigest: the digest changes when a pack is stored again with
// another validated form or other files, not when the same pack is stored
// again; it is worked out the same way for a pack stored before digests
// were kept; PackParsed reads it with the validated form; and a pack not
// stored is ErrNotFound.
func TestPackDigest(t *testing.T) {
	path := tempPath(t)
	s := openAt(t, path)
	put := func(parsed string, files map[string][]byte) PackDigest {
		t.Helper()
		if err := s.PutPack(StoredPack{Info: PackInfo{ID: "cyber", Version: "1.0.0", Title: "Cyber"}, Parsed: []byte(parsed), Files: files}); err != nil {
			t.Fatal(err)
		}
		d, err := s.PackDigest("cyber")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	files := map[string][]byte{"pack.yaml": []byte("id: cyber"), "lessons/a.md": []byte("# A")}
	first := put("first", files)
	if again := put("first", files); again != first {
		t.Errorf("the same pack stored again: digest %x, was %x", again, first)
	}
	if other := put("second", files); other == first {
		t.Error("another validated form: same digest")
	}
	changed := map[string][]byte{"pack.yaml": []byte("id: cyber"), "lessons/a.md": []byte("# B")}
	if other := put("first", changed); other == first {
		t.Error("other files: same digest")
	}
	moved := map[string][]byte{"pack.yaml": []byte("id: cyber"), "lessons/a.m": []byte("d# A")}
	if other := put("first", moved); other == first {
		t.Error("a file's bytes moved into its name: same digest")
	}
	want := put("first", files)
	parsed, d, err := s.PackParsed("cyber")
	if err != nil || string(parsed) != "first" || d != want {
		t.Errorf("PackParsed = %q %x %v, want %q %x", parsed, d, err, "first", want)
	}
	// A pack stored by an Upskill that kept no digest.
	s.Close()
	writeBolt(t, path, nil, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPacks).Bucket([]byte("cyber")).Delete(keyPackDigest)
	})
	s = openAt(t, path)
	if d, err := s.PackDigest("cyber"); err != nil || d != want {
		t.Errorf("digest of a pack stored without one %x %v, want %x", d, err, want)
	}
	if _, err := s.PackDigest("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("digest of a missing pack: %v, want ErrNotFound", err)
	}
	if _, _, err := s.PackParsed("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("PackParsed of a missing pack: %v, want ErrNotFound", err)
	}
}
