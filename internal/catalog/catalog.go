// Package catalog knows every pack a learner can take: the built-in pack,
// the packs imported into the progress file, and the system-wide packs IT
// has put under $XDG_DATA_DIRS/upskill/packs. When the same pack is in
// several places, the newest version is offered.
package catalog

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/progress"
)

// Source says where a pack comes from.
type Source int

// Where packs come from, in the order a tie between equal versions is
// settled: an imported pack beats a system-wide one, which beats the
// built-in one.
const (
	Builtin Source = iota
	System
	Imported
)

func (s Source) String() string {
	return [...]string{"built in", "system-wide", "imported"}[s]
}

// Entry is one pack on offer.
type Entry struct {
	progress.PackInfo
	Source Source
	// Path is where a system-wide pack lives; empty otherwise.
	Path string
}

// Problem is a system-wide pack that could not be offered, and why.
type Problem struct {
	Path string
	Err  error
}

// Catalog is the set of packs on offer. Build it with [Open]. It is safe
// for concurrent use. The packs it hands out are shared, read-only: with
// every caller, and for imported packs with every Catalog of the process,
// so a pack version is decoded once however many learners take it.
type Catalog struct {
	store    *progress.Store
	builtin  *lessons.Pack
	system   map[string]*lessons.Pack // by pack id, already validated
	problems []Problem
	packs    *packCache // decoded imported packs

	mu      sync.RWMutex // guards all, entries and onChange
	all     []Entry      // every pack found, before choosing the newest
	entries []Entry      // never changed once made: replaced whole
	// onChange are told after Import or Remove changed the packs on
	// offer ([Catalog.OnChange]).
	onChange []func()
}

// OnChange asks for fn to be called after each Import or Remove that
// changed the packs on offer, once the change is stored and the
// catalogue is unlocked (fn may use the catalogue). It is for what keeps
// packs in memory, such as the xAPI outbox hook's.
func (c *Catalog) OnChange(fn func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onChange = append(c.onChange, fn)
}

// changed calls the OnChange functions.
func (c *Catalog) changed() {
	c.mu.RLock()
	fns := slices.Clone(c.onChange)
	c.mu.RUnlock()
	for _, fn := range fns {
		fn()
	}
}

// Open builds the catalogue: builtin is the built-in pack; systemDirs are
// the folders to look in for upskill/packs (usually xdg.DataDirs). Imported
// packs are listed from the store without being decoded; system-wide packs
// are read and validated now, and an invalid one is reported in Problems
// and skipped, never fatal.
func Open(store *progress.Store, builtin *lessons.Pack, systemDirs []string) (*Catalog, error) {
	c := &Catalog{store: store, builtin: builtin, system: map[string]*lessons.Pack{}, packs: sharedPacks}
	all := []Entry{{PackInfo: Info(builtin, time.Time{}, ""), Source: Builtin}}
	for _, dir := range systemDirs {
		all = append(all, c.readSystemDir(filepath.Join(dir, "upskill", "packs"))...)
	}
	imported, err := store.Packs()
	if err != nil {
		return nil, fmt.Errorf("list imported packs: %w", err)
	}
	for _, info := range imported {
		all = append(all, Entry{PackInfo: info, Source: Imported})
	}
	c.all = all
	c.entries = newest(all, builtin.ID)
	return c, nil
}

// readSystemDir validates every pack (folder or .zip) in one system folder.
func (c *Catalog) readSystemDir(dir string) []Entry {
	items, err := os.ReadDir(dir)
	if err != nil {
		if !os.IsNotExist(err) {
			c.problems = append(c.problems, Problem{Path: dir, Err: err})
		}
		return nil
	}
	var out []Entry
	for _, it := range items {
		if strings.HasPrefix(it.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, it.Name())
		p, err := readPack(path)
		if err != nil {
			c.problems = append(c.problems, Problem{Path: path, Err: err})
			continue
		}
		if old, dup := c.system[p.ID]; dup && lessons.CompareVersions(old.Version, p.Version) >= 0 {
			continue
		}
		c.system[p.ID] = p
		out = append(out, Entry{PackInfo: Info(p, time.Time{}, path), Source: System, Path: path})
	}
	return out
}

// readPack reads and validates a pack folder or .zip through the
// hostile-input checks.
func readPack(path string) (*lessons.Pack, error) {
	p, _, err := ReadPack(path, lessons.LoadOptions{})
	return p, err
}

// OpenPack reads a pack folder or .zip through the hostile-input checks of
// package packfs. A .zip made by zipping the pack's folder, so that every
// file is inside one top folder, is opened at that folder.
func OpenPack(path string) (fs.FS, error) {
	fsys, err := packfs.Open(path)
	if err != nil {
		return nil, err
	}
	return packfs.Unwrap(fsys, lessons.ManifestFile), nil
}

// newest keeps, for each pack id, the newest version; equal versions go
// to the later source. The pack with builtinID is listed first.
func newest(all []Entry, builtinID string) []Entry {
	best := map[string]Entry{}
	for _, e := range all {
		cur, ok := best[e.ID]
		if !ok {
			best[e.ID] = e
			continue
		}
		c := lessons.CompareVersions(e.Version, cur.Version)
		if c > 0 || c == 0 && e.Source > cur.Source {
			best[e.ID] = e
		}
	}
	out := make([]Entry, 0, len(best))
	for _, e := range best {
		out = append(out, e)
	}
	first := func(e Entry) int { // the built-in pack's id comes first
		if e.ID == builtinID {
			return 0
		}
		return 1
	}
	slices.SortFunc(out, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(first(a), first(b)),
			cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// Remove deletes an imported pack from the store (learners' progress in it
// is kept unless purgeProgress) and from the catalogue; a version of the
// pack from elsewhere, if any, is then on offer again.
func (c *Catalog) Remove(id string, purgeProgress bool) error {
	if err := c.store.RemovePack(id, purgeProgress); err != nil {
		return err
	}
	c.packs.forget(id)
	c.mu.Lock()
	c.all = slices.DeleteFunc(c.all, func(e Entry) bool { return e.Source == Imported && e.ID == id })
	c.entries = newest(c.all, c.builtin.ID)
	c.mu.Unlock()
	c.changed()
	return nil
}

// Entries lists the packs on offer: the built-in pack (or whatever
// replaced it) first, then the others by title.
// The slice is never changed afterwards: Import and Remove make a new one.
func (c *Catalog) Entries() []Entry {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.entries
}

// Problems lists the system-wide packs that could not be offered.
func (c *Catalog) Problems() []Problem { return c.problems }

// Store is the progress file the catalogue lists imported packs from.
func (c *Catalog) Store() *progress.Store { return c.store }

// Default is the id of the pack learners start on: the built-in one.
func (c *Catalog) Default() string { return c.builtin.ID }

// Entry finds the pack on offer with the given id.
func (c *Catalog) Entry(id string) (Entry, bool) {
	entries := c.Entries()
	i := slices.IndexFunc(entries, func(e Entry) bool { return e.ID == id })
	if i < 0 {
		return Entry{}, false
	}
	return entries[i], true
}

// Load returns the pack on offer with the given id, ready to learn from.
// The pack is shared and read-only: never change it. An imported pack is
// decoded from its validated form once per version stored, and shared by
// every Catalog of the process until the stored pack changes; each Load
// checks, with one small read, that the stored version is still the one
// decoded. If the validated form was stored by another version of
// Upskill, the pack's files are validated again instead.
func (c *Catalog) Load(id string) (*lessons.Pack, error) {
	e, ok := c.Entry(id)
	if !ok {
		return nil, c.NotOnOffer(id)
	}
	switch e.Source {
	case Builtin:
		return c.builtin, nil
	case System:
		return c.system[id], nil
	}
	digest, err := c.store.PackDigest(id)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", id, err)
	}
	return c.packs.get(id, digest, func() (*lessons.Pack, progress.PackDigest, error) { return c.decodeStored(id) })
}

// Find returns the pack on offer with the given id, or false when it is
// not on offer or cannot be loaded: the lookup a review needs. The pack is
// shared and read-only.
func (c *Catalog) Find(id string) (*lessons.Pack, bool) {
	p, err := c.Load(id)
	return p, err == nil
}

// decodeStored decodes an imported pack from the store, and returns the
// digest of the version it decoded.
func (c *Catalog) decodeStored(id string) (*lessons.Pack, progress.PackDigest, error) {
	parsed, digest, err := c.store.PackParsed(id)
	if err != nil {
		return nil, digest, err
	}
	p, err := lessons.Decode(parsed)
	if err == nil {
		return p, digest, nil
	}
	fsys, ferr := c.storedFiles(id)
	if ferr != nil {
		return nil, digest, ferr
	}
	p, lerr := lessons.Load(fsys)
	if lerr != nil {
		return nil, digest, fmt.Errorf("pack %s: %w", id, lerr)
	}
	// The files were read in a transaction of their own. If the pack was
	// stored again meanwhile, they may belong to either version: hand the
	// pack out, but give no digest, so that it is not kept.
	now, err := c.store.PackDigest(id)
	if err != nil {
		return nil, digest, fmt.Errorf("pack %s: %w", id, err)
	}
	if now != digest {
		return p, progress.PackDigest{}, nil
	}
	return p, digest, nil
}

// storedFiles returns an imported pack's files as a pack FS. They pass
// through the same checks as an imported .zip: the progress file is on
// disk, and could have been changed.
func (c *Catalog) storedFiles(id string) (fs.FS, error) {
	files, err := c.store.PackFiles(id)
	if err != nil {
		return nil, err
	}
	return filesFS(files)
}

// filesFS checks a set of files as a pack and returns them as a pack FS.
func filesFS(files map[string][]byte) (fs.FS, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(files[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return packfs.ReadZip(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
}

// Info summarises a pack for listings.
func Info(p *lessons.Pack, imported time.Time, source string) progress.PackInfo {
	return progress.PackInfo{ID: p.ID, Version: p.Version, Title: p.Title, Summary: p.Summary,
		Modules: len(p.Modules), Lessons: p.LessonCount(), Questions: p.QuestionCount(), Badges: len(p.Badges),
		Imported: imported, Source: source}
}
