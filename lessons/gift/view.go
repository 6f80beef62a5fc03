package gift

import "unsafe"

// viewString returns the bytes of b as a string without copying them.
//
// Parse reads the file, and each block's working text, through such views,
// so that reading a large file does not copy it first. A view is only read
// while its bytes stay unchanged (Parse never writes to src, and a block's
// scratch text is rewritten only for the next block), and no view escapes
// Parse: every text that Parse returns is copied into its textArena first.
func viewString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
