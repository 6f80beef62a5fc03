package gift

import (
	"strings"
	"unsafe"
)

// textArena holds the texts of the questions that Parse returns. Each text
// is copied out of the file (or out of a block's scratch text) into a shared
// chunk rather than into an allocation of its own; a chunk is only ever
// appended to, so a text in it never changes, and a new chunk is started
// when a text does not fit in the rest of the current one.
type textArena struct {
	chunk     strings.Builder
	chunkSize int // size of each new chunk, unless a text needs more
}

// Chunk sizes: large enough that a bank takes few allocations, small enough
// that the unused end of the last chunk costs little.
const (
	maxTextChunk = 32 << 10
	minTextChunk = 256
)

// newTextArena returns an arena sized for the texts of a file of n bytes.
func newTextArena(n int) textArena {
	return textArena{chunkSize: min(max(n, minTextChunk), maxTextChunk)}
}

// room makes sure that n more bytes fit in the current chunk.
func (a *textArena) room(n int) {
	if a.chunk.Cap()-a.chunk.Len() >= n {
		return
	}
	// The old chunk lives on in the strings that point into it.
	a.chunk.Reset()
	a.chunk.Grow(max(n, a.chunkSize))
}

// keep returns a copy of s held in the arena.
func (a *textArena) keep(s string) string {
	if s == "" {
		return ""
	}
	a.room(len(s))
	start := a.chunk.Len()
	a.chunk.WriteString(s)
	return a.chunk.String()[start:]
}

// text returns trim(decode(s)), held in the arena: an encoded text of the
// file made ready to return. Trimming first changes nothing, since decode
// keeps white space as it is, and saves copying the trimmed ends.
func (a *textArena) text(s string) string {
	s = trim(s)
	i := indexPlaceholder(s)
	if i < 0 {
		return a.keep(s)
	}
	a.room(len(s))
	start := a.chunk.Len()
	a.chunk.WriteString(s[:i])
	for ; i < len(s); i++ {
		a.chunk.WriteByte(decodeByte(s[i]))
	}
	return trim(a.chunk.String()[start:])
}

// slab hands out small slices cut from larger shared arrays, so that the
// answers of many questions take one allocation rather than one each.
type slab[T any] struct {
	free []T
}

// slabBytes is the size of the arrays a slab allocates, unless one request
// needs more: one of the allocator's size classes, so that none is wasted.
const slabBytes = 8 << 10

// take returns an empty slice with room for n elements. Its capacity is
// exactly n, so that appending more copies it rather than writing over the
// next slice handed out.
func (s *slab[T]) take(n int) []T {
	if s.free == nil || len(s.free) < n {
		var zero T
		s.free = make([]T, max(n, slabBytes/int(unsafe.Sizeof(zero))))
	}
	out := s.free[:0:n]
	s.free = s.free[n:]
	return out
}
