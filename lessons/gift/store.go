package gift

import "strings"

// store is where one call of Parse keeps the texts and answers of the
// questions it returns, so that they take a few large allocations rather
// than one each, and the scratch space that the reading of each block
// reuses. Nothing in the scratch space outlives its block.
type store struct {
	texts   textArena
	answers slab[Answer]
	numbers slab[NumberAnswer]
	pairs   slab[Pair]

	enc       []byte    // the block's lines joined by "\n", comments blanked, escapes encoded
	comments  []byte    // the block's comment lines, each ended by "\n"
	tmp       []byte    // the text of a missing-word question
	pieces    []seg     // the answers of an answer block
	fractions []float64 // the fractions of the answers read so far
}

// newStore returns a store for a file of n bytes.
func newStore(n int) store {
	return store{texts: newTextArena(n)}
}

// encodeBlock fills st.enc and st.comments from b, as Moodle reads a
// question: comment lines are set aside for their [id:] and [tag:] and
// replaced by a space, so that the text keeps its line breaks, and escapes
// are encoded. It returns views of both; they hold until the next block.
func (st *store) encodeBlock(b block) (enc, comments string) {
	st.enc, st.comments = st.enc[:0], st.comments[:0]
	for l := range b.lines() {
		if len(st.enc) > 0 { // lines are never blank, so only the first finds it empty
			st.enc = append(st.enc, '\n')
		}
		if isComment(l) {
			st.comments = append(append(st.comments, l...), '\n')
			st.enc = append(st.enc, ' ')
			continue
		}
		st.enc = appendEncoded(st.enc, l)
	}
	return viewString(st.enc), viewString(st.comments)
}

// splitFeedback splits an answer at the first "#" into the answer and its
// feedback, as Moodle's commentparser does, and reads both as text with an
// optional format prefix.
func (st *store) splitFeedback(s string, def Format) (text string, f Format, feedback string) {
	ans, fb, _ := strings.Cut(s, "#")
	text, f = st.textWithFormat(trim(ans), def)
	feedback, _ = st.textWithFormat(trim(fb), def)
	return text, f, feedback
}

// textWithFormat reads an encoded text that may start with a format
// prefix (see formatPrefix), unescaped, trimmed and held in the arena.
func (st *store) textWithFormat(s string, def Format) (string, Format) {
	s, f := formatPrefix(s, def)
	return st.texts.text(s), f
}
