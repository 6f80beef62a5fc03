package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// previewPrefix starts the name of the folder a preview keeps its
// throwaway progress file in, under the system's temporary folder.
const previewPrefix = "upskill-preview-"

// previewFile is the throwaway progress file in a preview's folder.
const previewFile = "preview.db"

// leftoverAge is how old a preview's folder must be before a later
// preview removes it: a preview that ended without cleaning up (killed,
// or the computer lost power) leaves one.
const leftoverAge = 24 * time.Hour

// removeOldPreviews removes the folders that previews left behind in tmp
// more than leftoverAge before now. It removes only folders of this
// user's previews that hold nothing but a preview's progress file, not
// in use by a running preview; anything else is left alone, and errors
// are ignored: clean-up must never stop a preview.
func removeOldPreviews(tmp string, now time.Time) {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), previewPrefix) || !e.IsDir() {
			continue
		}
		dir := filepath.Join(tmp, e.Name())
		if leftover(dir, now) {
			_ = os.RemoveAll(dir)
		}
	}
}

// leftover reports whether dir is an abandoned preview's folder: it holds
// only previewFile (or nothing), nothing in it changed for leftoverAge,
// and no process holds the file open as a progress store.
func leftover(dir string, now time.Time) bool {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || !ownedByMe(info) || now.Sub(info.ModTime()) < leftoverAge {
		return false
	}
	inside, err := os.ReadDir(dir)
	if err != nil || len(inside) > 1 || len(inside) == 1 && inside[0].Name() != previewFile {
		return false
	}
	if len(inside) == 0 {
		return true
	}
	file := filepath.Join(dir, previewFile)
	fi, err := os.Lstat(file)
	if err != nil || !fi.Mode().IsRegular() || now.Sub(fi.ModTime()) < leftoverAge {
		return false
	}
	return !inUse(file)
}
