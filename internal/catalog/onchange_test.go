package catalog

import (
	"testing"
)

// TestOnChange: the functions given to OnChange are called after an
// import and a removal, with the change visible (they may use the
// catalogue), and not after an import refused.
func TestOnChange(t *testing.T) {
	f := newFixture(t)
	var seen []bool // whether "second" was on offer at each call
	f.cat.OnChange(func() {
		_, ok := f.cat.Entry("second")
		seen = append(seen, ok)
	})
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err == nil {
		t.Fatal("the same version imported again without Force")
	}
	if err := f.cat.Remove("second", false); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || !seen[0] || seen[1] {
		t.Errorf("calls saw the pack on offer %v, want [true false]", seen)
	}
}
