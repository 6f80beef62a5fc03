package progress

import (
	"testing"
	"time"
)

// TestDuePackAgreesWithDueEntry: the allocation-free check of a due index
// entry accepts and refuses exactly what the full decoder does, and finds
// the same due time and pack.
func TestDuePackAgreesWithDueEntry(t *testing.T) {
	b := bucket{name: "due"}
	at := itob(uint64(time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC).UnixNano()))
	for _, c := range []struct{ key, value string }{
		{"p\x00l\x00q", "3"}, {"pack\x00lesson\x00question", "1"}, {"p\x00l\x00q", "5"}, {"p\x00l\x00q", ""},
		{"p\x00l", "3"}, {"\x00l\x00q", "3"}, {"p\x00\x00q", "3"}, {"p\x00l\x00", "3"}, {"p\x00l\x00q\x00x", "3"},
		{"p\x00l\x00\xff", "3"}, {"", "3"},
	} {
		key := append(append([]byte{}, at...), c.key...)
		d, errFull := b.dueEntry(key, []byte(c.value))
		ns, pack, errFast := b.duePack(key, []byte(c.value))
		if (errFull == nil) != (errFast == nil) {
			t.Errorf("%q=%q: full decoder %v, fast check %v", c.key, c.value, errFull, errFast)
			continue
		}
		if errFull == nil && (ns != d.Due.UnixNano() || string(pack) != d.Key.Pack) {
			t.Errorf("%q: fast check %d %q, full %d %q", c.key, ns, pack, d.Due.UnixNano(), d.Key.Pack)
		}
	}
	if _, _, err := b.duePack([]byte{1, 2, 3}, []byte("3")); err == nil {
		t.Error("a 3-byte key passed")
	}
}
