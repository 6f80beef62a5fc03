package catalog

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// cacheSize is how many decoded pack versions the process keeps: enough
// for every pack a council offers, with room for the versions an upgrade
// leaves behind until they are evicted.
const cacheSize = 32

// sharedPacks is the decoded-pack cache of every [Catalog] in the
// process: a server running one UI per learner decodes each pack version
// once, and its learners share it read-only.
var sharedPacks = newPackCache(cacheSize)

// errLoadPanicked is what callers waiting for a decode get when the decode
// panicked in another goroutine.
var errLoadPanicked = errors.New("decoding the pack failed")

// packCache holds decoded imported packs by the digest of their stored
// validated form, so that a pack version is decoded once and shared until
// the stored pack changes (a new digest). It is safe for concurrent use:
// callers asking for a version being decoded wait for that one decode.
// The packs it hands out are shared and must never be changed.
type packCache struct {
	mu      sync.Mutex
	limit   int
	entries map[progress.PackDigest]*cacheEntry
	clock   uint64 // counts uses, to evict the least recently used
	// decodes counts the packs decoded, for the tests to check that the
	// cache is used.
	decodes atomic.Int64
	// waiting, if set, is called when a caller starts waiting for another
	// caller's decode; tests use it to know that callers overlap.
	waiting func()
}

// cacheEntry is one decoded pack version, or the decode under way.
type cacheEntry struct {
	id   string
	done chan struct{} // closed when pack and err are set
	pack *lessons.Pack
	err  error
	used uint64
}

func newPackCache(limit int) *packCache {
	return &packCache{limit: limit, entries: map[progress.PackDigest]*cacheEntry{}}
}

// loader decodes a stored pack; read is the digest of the validated form
// it decoded, which differs from the one asked for if the stored pack
// changed in between.
type loader func() (p *lessons.Pack, read progress.PackDigest, err error)

// get returns the pack with id whose validated form has digest d,
// decoding it with load the first time. A failed decode is not kept, so
// the next call tries again; nor is a pack that changed while it was read.
func (c *packCache) get(id string, d progress.PackDigest, load loader) (*lessons.Pack, error) {
	c.mu.Lock()
	c.clock++
	if e, ok := c.entries[d]; ok {
		e.used = c.clock
		waiting := c.waiting
		c.mu.Unlock()
		if waiting != nil && !finished(e) {
			waiting()
		}
		<-e.done
		return e.pack, e.err
	}
	e := &cacheEntry{id: id, done: make(chan struct{}), used: c.clock, err: errLoadPanicked}
	c.entries[d] = e
	c.evict()
	c.mu.Unlock()

	keep := false
	defer func() {
		close(e.done)
		if !keep {
			c.mu.Lock()
			if c.entries[d] == e {
				delete(c.entries, d)
			}
			c.mu.Unlock()
		}
	}()
	c.decodes.Add(1)
	p, read, err := load()
	e.pack, e.err = p, err
	keep = err == nil && read == d
	return p, err
}

// evict drops the least recently used decoded packs beyond the limit.
// Decodes under way are left alone. Call it with c.mu held.
func (c *packCache) evict() {
	for len(c.entries) > c.limit {
		var oldest progress.PackDigest
		var found *cacheEntry
		for d, e := range c.entries {
			if finished(e) && (found == nil || e.used < found.used) {
				oldest, found = d, e
			}
		}
		if found == nil {
			return
		}
		delete(c.entries, oldest)
	}
}

// forget drops the decoded versions of pack id, once it is removed or
// replaced, to free their memory. A decode under way is left alone.
func (c *packCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for d, e := range c.entries {
		if e.id == id && finished(e) {
			delete(c.entries, d)
		}
	}
}

// finished reports whether the entry's decode is over.
func finished(e *cacheEntry) bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}
