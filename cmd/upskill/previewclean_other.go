//go:build !unix

package main

import "io/fs"

// ownedByMe reports whether the file belongs to the user running Upskill;
// without Unix owners, every file in the user's temporary folder does.
func ownedByMe(fs.FileInfo) bool { return true }

// inUse reports whether a process holds the progress file open; without
// flock it cannot tell, and an old file counts as abandoned.
func inUse(string) bool { return false }
