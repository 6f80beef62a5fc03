package catalog

import (
	"io/fs"
	"sync"
	"testing"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// withOwnCache gives the fixture's catalogue a cache of its own, so that
// the test counts only its own decodes.
func withOwnCache(f *fixture, limit int) *packCache {
	c := newPackCache(limit)
	f.cat.packs = c
	return c
}

// mustLoad loads a pack and checks its version.
func mustLoad(t *testing.T, cat *Catalog, id, version string) *lessons.Pack {
	t.Helper()
	p, err := cat.Load(id)
	if err != nil {
		t.Fatalf("load %s: %v", id, err)
	}
	if p.Version != version {
		t.Fatalf("load %s: version %s, want %s", id, p.Version, version)
	}
	return p
}

// TestLoadDecodesOncePerVersion: loading an imported pack again returns
// the same decoded pack without decoding it again, in this catalogue and
// in another over the same file; importing a new version, or the file
// holding another version however it got there, is decoded once more.
func TestLoadDecodesOncePerVersion(t *testing.T) {
	f := newFixture(t)
	cache := withOwnCache(f, 8)
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	first := mustLoad(t, f.cat, "second", "1.0.0")
	if again := mustLoad(t, f.cat, "second", "1.0.0"); again != first {
		t.Error("the second load decoded a new pack")
	}
	if n := cache.decodes.Load(); n != 1 {
		t.Errorf("%d decodes for two loads of one version, want 1", n)
	}
	// Another learner's catalogue over the same file shares the pack.
	other, err := Open(f.store, f.base, nil)
	if err != nil {
		t.Fatal(err)
	}
	other.packs = cache
	if p := mustLoad(t, other, "second", "1.0.0"); p != first {
		t.Error("another catalogue decoded its own copy")
	}
	if n := cache.decodes.Load(); n != 1 {
		t.Errorf("%d decodes after another catalogue's load, want 1", n)
	}

	// An upgrade through the catalogue: the new version is decoded.
	if _, err := f.cat.Import(packDir(t, "second", "1.1.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	upgraded := mustLoad(t, f.cat, "second", "1.1.0")
	if n := cache.decodes.Load(); n != 2 { // the import's diff took 1.0.0 from the cache
		t.Errorf("%d decodes after the upgrade, want 2", n)
	}
	// The other catalogue sees the version stored, and shares its decode.
	if p, err := other.Load("second"); err != nil || p != upgraded {
		t.Errorf("the other catalogue after the upgrade: %v, %v", p.Version, err)
	}

	// The file changed under the catalogue (as another process could):
	// the version stored is the one loaded.
	changed := packDir(t, "second", "1.2.0", "pack.yaml", "title: Test pack", "title: Changed")
	p, err := lessons.Load(mustOpen(t, changed))
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := lessons.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	info := Info(p, t0, changed)
	if err := f.store.PutPack(progress.StoredPack{Info: info, Parsed: encoded}); err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, f.cat, "second", "1.2.0"); got.Title != "Changed" {
		t.Errorf("after the file changed: title %q", got.Title)
	}
	n := cache.decodes.Load()
	mustLoad(t, f.cat, "second", "1.2.0")
	if cache.decodes.Load() != n {
		t.Error("the changed version was decoded twice")
	}
}

func mustOpen(t *testing.T, dir string) fs.FS {
	t.Helper()
	fsys, err := OpenPack(dir)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestRemoveForgetsDecodedPack: removing a pack drops its decoded
// versions from the cache.
func TestRemoveForgetsDecodedPack(t *testing.T) {
	f := newFixture(t)
	cache := withOwnCache(f, 8)
	for _, id := range []string{"second", "third"} {
		if _, err := f.cat.Import(packDir(t, id, "1.0.0"), ImportOptions{Now: t0}); err != nil {
			t.Fatal(err)
		}
		mustLoad(t, f.cat, id, "1.0.0")
	}
	if err := f.cat.Remove("second", false); err != nil {
		t.Fatal(err)
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	for _, e := range cache.entries {
		if e.id == "second" {
			t.Error("a removed pack is still cached")
		}
	}
	if len(cache.entries) != 1 {
		t.Errorf("%d packs cached, want third only", len(cache.entries))
	}
}

// TestFailedDecodeIsNotKept: a stored pack that fails to load fails every
// time, each time tried again, never served from the cache.
func TestFailedDecodeIsNotKept(t *testing.T) {
	f := newFixture(t)
	cache := withOwnCache(f, 8)
	f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0})
	info, _, _ := f.store.Pack("second")
	files, _ := f.store.PackFiles("second")
	files["../escape.md"] = []byte("x")
	f.store.PutPack(progress.StoredPack{Info: info, Parsed: []byte("not a pack"), Files: files})
	for i := range 2 {
		if _, err := f.cat.Load("second"); err == nil {
			t.Fatalf("load %d of a damaged pack succeeded", i+1)
		}
	}
	if n := cache.decodes.Load(); n != 2 {
		t.Errorf("%d decodes for two failed loads, want 2", n)
	}
}

// TestCacheEvictsLeastRecentlyUsed: the cache keeps at most its limit of
// decoded packs, dropping the one used longest ago.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	f := newFixture(t)
	cache := withOwnCache(f, 2)
	for _, id := range []string{"a-pack", "b-pack", "c-pack"} {
		if _, err := f.cat.Import(packDir(t, id, "1.0.0"), ImportOptions{Now: t0}); err != nil {
			t.Fatal(err)
		}
	}
	mustLoad(t, f.cat, "a-pack", "1.0.0")
	mustLoad(t, f.cat, "b-pack", "1.0.0")
	mustLoad(t, f.cat, "a-pack", "1.0.0") // b-pack is now the least recently used
	mustLoad(t, f.cat, "c-pack", "1.0.0")
	if n := cache.decodes.Load(); n != 3 {
		t.Fatalf("%d decodes, want 3", n)
	}
	mustLoad(t, f.cat, "a-pack", "1.0.0")
	if n := cache.decodes.Load(); n != 3 {
		t.Errorf("a-pack was evicted: %d decodes", n)
	}
	mustLoad(t, f.cat, "b-pack", "1.0.0")
	if n := cache.decodes.Load(); n != 4 {
		t.Errorf("b-pack was kept beyond the limit: %d decodes", n)
	}
}

// TestConcurrentLoadsShareOneDecode: many learners' programs loading the
// same pack at once get the same pack from one decode. Run with -race.
func TestConcurrentLoadsShareOneDecode(t *testing.T) {
	f := newFixture(t)
	cache := withOwnCache(f, 8)
	if _, err := f.cat.Import(packDir(t, "second", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.cat.Import(packDir(t, "third", "1.0.0"), ImportOptions{Now: t0}); err != nil {
		t.Fatal(err)
	}
	const learners = 16
	got := make([][2]*lessons.Pack, learners)
	var wg sync.WaitGroup
	for i := range learners {
		wg.Go(func() {
			cat, err := Open(f.store, f.base, nil) // each program has its own
			if err != nil {
				t.Error(err)
				return
			}
			cat.packs = cache
			for j, id := range []string{"second", "third"} {
				p, err := cat.Load(id)
				if err != nil {
					t.Error(err)
					return
				}
				got[i][j] = p
			}
		})
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] || got[i][0] == nil {
			t.Fatalf("learner %d got other packs: %v, learner 0 %v", i, got[i], got[0])
		}
	}
	if n := cache.decodes.Load(); n != 2 {
		t.Errorf("%d decodes for two packs loaded by %d learners, want 2", n, learners)
	}
}

// TestWaitersShareOneDecode: callers asking for a version while it is
// being decoded wait for that decode and get its pack; a decode that
// panicked is not kept, and the next call decodes again.
func TestWaitersShareOneDecode(t *testing.T) {
	cache := newPackCache(8)
	const waiters = 8
	waiting := make(chan struct{}, waiters)
	cache.waiting = func() { waiting <- struct{}{} }
	d := progress.PackDigest{1}
	want := &lessons.Pack{ID: "shared"}
	started := make(chan struct{})
	load := func() (*lessons.Pack, progress.PackDigest, error) {
		close(started)
		for range waiters { // decode only once every waiter is waiting
			<-waiting
		}
		return want, d, nil
	}
	results := make(chan *lessons.Pack, waiters+1)
	go func() {
		p, _ := cache.get("shared", d, load)
		results <- p
	}()
	<-started
	for range waiters {
		go func() {
			p, err := cache.get("shared", d, func() (*lessons.Pack, progress.PackDigest, error) {
				t.Error("a second decode")
				return nil, d, nil
			})
			if err != nil {
				t.Error(err)
			}
			results <- p
		}()
	}
	for range waiters + 1 {
		if p := <-results; p != want {
			t.Errorf("got %p, want the one decoded pack %p", p, want)
		}
	}
	if n := cache.decodes.Load(); n != 1 {
		t.Errorf("%d decodes, want 1", n)
	}

	// A decode that panics.
	cache.waiting = nil
	bad := progress.PackDigest{2}
	func() {
		defer func() { recover() }()
		cache.get("bad", bad, func() (*lessons.Pack, progress.PackDigest, error) { panic("boom") })
	}()
	p, err := cache.get("bad", bad, func() (*lessons.Pack, progress.PackDigest, error) { return want, bad, nil })
	if err != nil || p != want {
		t.Errorf("after a panicked decode: %v %v, want it decoded again", p, err)
	}
}
