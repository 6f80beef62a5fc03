package packfs

import "io/fs"

// typeProblem says why a file of mode m, which is neither a regular file
// nor a folder, is refused.
func typeProblem(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic links are not allowed in a pack"
	case m&fs.ModeNamedPipe != 0:
		return "named pipes are not allowed in a pack"
	case m&fs.ModeSocket != 0:
		return "sockets are not allowed in a pack"
	case m&fs.ModeDevice != 0:
		return "devices are not allowed in a pack"
	case m&fs.ModeDir != 0:
		return "the entry is marked as a folder but its name does not end with /"
	}
	return "only regular files and folders are allowed in a pack"
}
