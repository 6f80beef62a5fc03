//go:build unix

package packfs

import (
	"os"
	"syscall"
)

// openFlags opens a pack's files for reading. O_NONBLOCK keeps open from
// waiting for a writer if a file is swapped for a named pipe after it was
// checked; the type is checked again once the file is open.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
