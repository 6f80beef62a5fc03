package packfs

import "strings"

// layout collects the files and folders of a pack while their metadata is
// checked, before any content is read. It finds duplicate names, names
// that differ only in case, files clashing with folders, and the total
// size.
type layout struct {
	ps      *problems
	nodes   map[string]*layoutNode // by path
	folded  map[string]string      // foldKey(path) → the first path with that key
	total   uint64
	tooMuch bool // the total size has been reported
}

// layoutNode is one file or folder of a pack.
type layoutNode struct {
	dir      bool
	explicit bool // listed by the pack itself, not implied by a file's path
}

// newLayout returns an empty layout holding only the root folder, which
// reports its problems to ps.
func newLayout(ps *problems) *layout {
	return &layout{
		ps:     ps,
		nodes:  map[string]*layoutNode{".": {dir: true, explicit: true}},
		folded: map[string]string{".": "."},
	}
}

// addDir records a folder listed by the pack at name, a valid path. It
// reports whether the folder was recorded without a problem.
func (l *layout) addDir(name string) bool {
	return l.parents(name) && l.add(name, name, true)
}

// addFile records a file of size bytes at name, a valid path. It reports
// whether the file was recorded without a problem.
func (l *layout) addFile(name string, size uint64) bool {
	ok := l.parents(name) && l.add(name, name, false)
	if size > MaxFileBytes {
		if isLessonFile(name) {
			got, limit := SizeOver(size, MaxLessonBytes)
			l.ps.add(name, "the file is %s; the limit for a lesson file is %s", got, limit)
		} else {
			got, limit := SizeOver(size, MaxFileBytes)
			l.ps.add(name, "the file is %s; the limit is %s", got, limit)
		}
		ok = false
	}
	l.total += min(size, MaxTotalBytes+1) // cannot overflow: at most MaxEntries files
	if l.total > MaxTotalBytes && !l.tooMuch {
		l.tooMuch = true
		l.ps.add("", "the files add up to more than %s, the limit for a pack", SizeText(MaxTotalBytes))
	}
	return ok && !l.tooMuch
}

// parents records the folders that name's path implies.
func (l *layout) parents(name string) bool {
	for i := range len(name) {
		if name[i] == '/' && !l.add(name[:i], name, true) {
			return false
		}
	}
	return true
}

// add records the file or folder p, reporting any clash at entry, the
// path the pack listed.
func (l *layout) add(p, entry string, dir bool) bool {
	explicit := p == entry
	if n, ok := l.nodes[p]; ok {
		switch {
		case n.dir != dir:
			l.ps.add(entry, "the pack has both a file and a folder named %q", p)
			return false
		case explicit && n.explicit:
			l.ps.add(entry, "the name appears more than once in the pack")
			return false
		}
		n.explicit = n.explicit || explicit
		return true
	}
	key := foldKey(p)
	if other, ok := l.folded[key]; ok {
		l.ps.add(entry, "%q differs only in case from %q; some systems cannot hold both", p, other)
		return false
	}
	l.folded[key] = p
	l.nodes[p] = &layoutNode{dir: dir, explicit: explicit}
	return true
}

// isLessonFile reports whether name is a lesson file: a .md file in the
// folder lessons at the top of the pack, or in a folder holding the whole
// pack (a .zip of the pack's folder).
func isLessonFile(name string) bool {
	if !strings.EqualFold(pathExt(name), ".md") {
		return false
	}
	first, rest, _ := strings.Cut(name, "/")
	second, _, _ := strings.Cut(rest, "/")
	return first == "lessons" || second == "lessons"
}
