package packfs

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Limits on what a pack may hold. They keep a damaged or hostile pack from
// exhausting memory or time; they are exported so that documentation and
// tests can name them.
const (
	// MaxEntries is the number of files and folders a pack may hold. In a
	// zip file every entry counts, skipped ones included; in a folder every
	// name in the folders that are read counts, but the contents of skipped
	// folders (such as .git) are never listed.
	MaxEntries = 2000

	// MaxFileBytes is the size of one file. Question banks can be large;
	// lesson files are limited further, to MaxLessonBytes.
	MaxFileBytes = 4 << 20

	// MaxLessonBytes is the size of one lesson file, which package
	// lessons checks; a lesson file over MaxFileBytes is told this limit,
	// the one that applies to it.
	MaxLessonBytes = 256 << 10

	// MaxTotalBytes is the size of all files together, and of a zip file.
	MaxTotalBytes = 32 << 20

	// MaxRatio is how many times larger than its compressed size one zip
	// entry may be once unpacked. Stored entries count as ratio 1.
	MaxRatio = 100

	// MaxDepth is how deeply folders may nest: a file may sit inside at
	// most MaxDepth folders.
	MaxDepth = 8

	// MaxNameBytes is the length in bytes of one element of a path.
	MaxNameBytes = 255

	// MaxDirectoryBytes is the size of the names, extra fields and comments
	// in a zip file's central directory. Go's zip reader holds all of them
	// in memory, so they are bounded before it runs.
	MaxDirectoryBytes = 1 << 20
)

// modTime is the modification time of every file in a pack FS and in a zip
// written by [WriteZip]: the earliest time a zip file can record, so that
// exports are identical byte for byte.
var modTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// SizeText writes a byte count for people, in the units the pack
// format's documentation uses: "4 MiB", "1.5 GiB", "912 bytes".
func SizeText(n uint64) string {
	const unit = 1024
	if n < unit {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v := float64(n) / unit
	i := 0
	for v >= unit && i < len(units)-1 {
		v /= unit
		i++
	}
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + " " + units[i]
}

// SizeOver writes a size n that is over limit, and the limit, so that
// they read differently even when they round to the same text.
func SizeOver(n, limit uint64) (string, string) {
	a, b := SizeText(n), SizeText(limit)
	if a == b {
		return fmt.Sprintf("%d bytes", n), fmt.Sprintf("%s (%d bytes)", b, limit)
	}
	return a, b
}
