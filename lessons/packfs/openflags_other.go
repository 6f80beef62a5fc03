//go:build !unix

package packfs

import "os"

// openFlags opens a pack's files for reading.
const openFlags = os.O_RDONLY
