package packfs

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// windowsReserved holds the characters Windows does not allow in file
// names, besides the backslash, which is checked on its own.
const windowsReserved = `:*?"<>|`

// doubleDot refuses ".." anywhere in a name, not only as a whole part: no
// accepted name contains "..", which is simpler to rely on than the rule
// about parts, and costs trainers nothing.
const doubleDot = `the name contains ".."; use single dots`

// checkPath checks the full path of a zip entry, as the zip file gives it.
// dir says whether the entry is a folder (its name ended in "/", which the
// caller has removed). It returns the problem with the name, or "".
func checkPath(name string, dir bool) string {
	switch {
	case name == "":
		return "the entry has no name"
	case !utf8.ValidString(name):
		return "the name is not valid UTF-8"
	case strings.HasPrefix(name, "/"):
		return "the name is an absolute path"
	}
	if msg := checkRunes(name); msg != "" {
		return msg
	}
	elems := strings.Split(name, "/")
	for _, e := range elems {
		switch e {
		case "":
			return "the name has an empty part (two / in a row, or a / at the end)"
		case "..":
			return "the name leads outside the pack (..)"
		case ".":
			return "the name has a part that is only a dot"
		}
		if len(e) > MaxNameBytes {
			return fmt.Sprintf("a part of the name is longer than %d bytes", MaxNameBytes)
		}
	}
	if strings.Contains(name, "..") {
		return doubleDot
	}
	if !fs.ValidPath(name) {
		return "the name is not a valid path"
	}
	if depth(name, dir) > MaxDepth {
		return fmt.Sprintf("folders are nested more than %d deep", MaxDepth)
	}
	return ""
}

// checkElement checks one name listed in a folder. It returns the problem
// with the name, or "".
func checkElement(name string) string {
	switch {
	case name == "":
		return "the entry has no name"
	case !utf8.ValidString(name):
		return "the name is not valid UTF-8"
	case strings.Contains(name, "/"):
		return "the name contains a /"
	case name == "." || name == "..":
		return "the name is only dots"
	case len(name) > MaxNameBytes:
		return fmt.Sprintf("the name is longer than %d bytes", MaxNameBytes)
	}
	if msg := checkRunes(name); msg != "" {
		return msg
	}
	if strings.Contains(name, "..") {
		return doubleDot
	}
	return ""
}

// checkRunes reports the first character of a valid UTF-8 name that is
// not allowed in a pack.
func checkRunes(name string) string {
	for _, r := range name {
		switch {
		case r == '\\':
			return "the name contains a backslash; use / between folders"
		case strings.ContainsRune(windowsReserved, r):
			return fmt.Sprintf("the name contains %q, which Windows does not allow in file names", string(r))
		case unsafeRune(r):
			return fmt.Sprintf("the name contains a control or invisible character (U+%04X)", r)
		}
	}
	return ""
}

// unsafeRune reports whether r must never appear in a name: control
// characters (tab and new line included), format characters such as the
// bidirectional overrides and zero-width spaces, and the line and
// paragraph separators.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// depth is how many folders a path sits inside; for a folder, the folder
// itself counts.
func depth(name string, dir bool) int {
	n := strings.Count(name, "/")
	if dir {
		n++
	}
	return n
}

// skipped reports whether a path is skipped silently: any part starting
// with "." (.DS_Store, .git) or named __MACOSX.
func skipped(name string) bool {
	for e := range strings.SplitSeq(name, "/") {
		if skippedElement(e) {
			return true
		}
	}
	return false
}

// skippedElement reports whether one name in a folder is skipped silently.
func skippedElement(e string) bool {
	return strings.HasPrefix(e, ".") || e == "__MACOSX"
}

// allowedEndings are the file endings a pack may hold, compared without
// regard to case.
var allowedEndings = []string{".yaml", ".yml", ".md", ".gift", ".txt"}

// archiveEndings are endings of archives, which a pack may not hold.
var archiveEndings = []string{".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".jar", ".bz2", ".xz", ".zst"}

// checkEnding returns the problem with a file's ending, or "".
func checkEnding(name string) string {
	ext := strings.ToLower(pathExt(name))
	switch {
	case slices.Contains(allowedEndings, ext):
		return ""
	case slices.Contains(archiveEndings, ext):
		return "archives inside a pack are not allowed"
	case ext == "":
		return "files without an ending are not allowed in a pack; allowed endings are " + endingList()
	}
	return fmt.Sprintf("files ending %q are not allowed in a pack; allowed endings are %s", ext, endingList())
}

// pathExt is path.Ext for the last element of a slash-separated path.
func pathExt(name string) string {
	base := name[strings.LastIndex(name, "/")+1:]
	if i := strings.LastIndex(base, "."); i >= 0 {
		return base[i:]
	}
	return ""
}

// endingList lists the allowed endings for messages: ".yaml, .yml, .md,
// .gift and .txt".
func endingList() string {
	n := len(allowedEndings)
	return strings.Join(allowedEndings[:n-1], ", ") + " and " + allowedEndings[n-1]
}
