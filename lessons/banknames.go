package lessons

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// missingBank reports whether the bank a quiz names is not in the pack,
// and if so records the problem at the line of bank in the lesson that
// names it, suggesting the nearest bank file the pack has.
func missingBank(fsys fs.FS, lessonFile string, line int, name string, ps *problems) bool {
	if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	ps.errorf(lessonFile, line, "bank %q is not in the pack%s", name, nearestBank(fsys, name))
	return true
}

// nearestBank suggests the pack's bank file whose path is closest to
// name, or lists the pack's bank files when none is close.
func nearestBank(fsys fs.FS, name string) string {
	var banks []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && (p == LessonsDir || strings.HasPrefix(d.Name(), ".") && p != "."):
			return fs.SkipDir
		case d.Type().IsRegular() && (path.Ext(p) == ".gift" || path.Ext(p) == ".txt"):
			banks = append(banks, p)
		}
		return nil
	})
	if len(banks) == 0 {
		return ": the pack has no .gift or .txt files"
	}
	best, bestDist := "", -1
	for _, b := range banks {
		if d := editDistance(strings.ToLower(name), strings.ToLower(b)); bestDist < 0 || d < bestDist {
			best, bestDist = b, d
		}
	}
	if bestDist <= max(3, len(name)/3) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	const shown = 5
	list := banks[:min(len(banks), shown)]
	more := ""
	if len(banks) > shown {
		more = fmt.Sprintf(" and %d more", len(banks)-shown)
	}
	return fmt.Sprintf("; its banks are %s%s", strings.Join(list, ", "), more)
}
