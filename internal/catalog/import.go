package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/progress"
)

// ErrNotNewer is returned by [Catalog.Import] for a pack whose version is
// not newer than the one on offer; importing it anyway needs force.
var ErrNotNewer = errors.New("not newer than the version on offer")

// Changes lists what an import added, removed and changed, by id.
// Questions are named "lesson/question".
type Changes struct {
	Added, Removed, Changed []string
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Removed)+len(c.Changed) == 0 }

// ImportResult says what an import did.
type ImportResult struct {
	Pack *lessons.Pack
	Info progress.PackInfo
	// Previous is the version that was on offer before, if any.
	Previous  *Entry
	Lessons   Changes
	Questions Changes
}

// ImportOptions adjust [Catalog.Import].
type ImportOptions struct {
	// Force imports a version that is not newer than the one on offer.
	Force bool
	// Progress, if set, is told what the import is doing: stage names a
	// step ("reading", "checking lessons", "saving"), done of total.
	Progress func(stage string, done, total int)
	Now      time.Time
	// Source is what to record as where the pack came from (PackInfo
	// Source, shown by pack list); empty means path, made absolute. A pack
	// read from a temporary copy says where it really came from here.
	Source string
}

// Import validates the pack at path (a folder or a .zip) and stores it in
// the progress file, in one transaction: afterwards either the whole pack
// is there or nothing changed. Learners see it the next time they start.
//
// A pack with the id of a pack already on offer replaces it only if its
// version is newer (or opts.Force is set). Learners keep their progress
// in every lesson and question whose id remains, and every badge.
func (c *Catalog) Import(path string, opts ImportOptions) (ImportResult, error) {
	report := opts.Progress
	if report == nil {
		report = func(string, int, int) {}
	}
	report("reading", 0, 1)
	var read sync.Once
	p, fsys, err := ReadPack(path, lessons.LoadOptions{Progress: func(done, total int) {
		read.Do(func() { report("reading", 1, 1) })
		report("checking lessons", done, total)
	}})
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Pack: p}
	if prev, ok := c.Entry(p.ID); ok {
		res.Previous = &prev
		if lessons.CompareVersions(p.Version, prev.Version) <= 0 && !opts.Force {
			return res, fmt.Errorf("pack %s %s is %w (%s %s); use --force to import it anyway", p.ID, p.Version, ErrNotNewer, prev.Source, prev.Version)
		}
		if old, err := c.Load(p.ID); err == nil {
			res.Lessons, res.Questions = diff(old, p)
		}
	}
	report("saving", 0, 1)
	encoded, err := lessons.Encode(p)
	if err != nil {
		return res, err
	}
	files := map[string][]byte{}
	for _, name := range packfs.Files(fsys) {
		if files[name], err = packfs.Bytes(fsys, name); err != nil {
			return res, fmt.Errorf("read %s: %w", name, err)
		}
	}
	source := opts.Source
	if source == "" {
		source, _ = filepath.Abs(path)
	}
	res.Info = Info(p, opts.Now, source)
	if err := c.store.PutPack(progress.StoredPack{Info: res.Info, Parsed: encoded, Files: files}); err != nil {
		return res, err
	}
	report("saving", 1, 1)
	c.packs.forget(p.ID) // the version replaced
	c.mu.Lock()
	c.all = append(slices.DeleteFunc(c.all, func(e Entry) bool { return e.Source == Imported && e.ID == p.ID }),
		Entry{PackInfo: res.Info, Source: Imported})
	c.entries = newest(c.all, c.builtin.ID)
	c.mu.Unlock()
	c.changed()
	return res, nil
}

// Export returns the files of a pack on offer, to write as a .zip: an
// imported pack's files as they were imported, a system-wide pack's from
// its folder or .zip, and the built-in pack's from builtinFS.
func (c *Catalog) Export(id string, builtinFS fs.FS) (fs.FS, error) {
	e, ok := c.Entry(id)
	if !ok {
		return nil, c.NotOnOffer(id)
	}
	switch e.Source {
	case Builtin:
		return builtinFS, nil
	case System:
		return OpenPack(e.Path)
	}
	return c.storedFiles(id)
}

// diff compares two versions of a pack, lesson by lesson and question by
// question.
func diff(old, cur *lessons.Pack) (lessonChanges, questionChanges Changes) {
	oldLessons, curLessons := lessonsByID(old), lessonsByID(cur)
	for _, id := range lessonIDs(cur) {
		o, ok := oldLessons[id]
		switch {
		case !ok:
			lessonChanges.Added = append(lessonChanges.Added, id)
		case !sameLesson(o, curLessons[id]):
			lessonChanges.Changed = append(lessonChanges.Changed, id)
		}
		questionChanges = questionDiff(id, o, curLessons[id], questionChanges)
	}
	for _, id := range lessonIDs(old) {
		if _, ok := curLessons[id]; !ok {
			lessonChanges.Removed = append(lessonChanges.Removed, id)
			questionChanges = questionDiff(id, oldLessons[id], nil, questionChanges)
		}
	}
	return lessonChanges, questionChanges
}

func questionDiff(lessonID string, old, cur *lessons.Lesson, ch Changes) Changes {
	questions := func(l *lessons.Lesson) []lessons.Question {
		if l == nil || l.Quiz == nil {
			return nil
		}
		return l.Quiz.Questions
	}
	oldQs := map[string]lessons.Question{}
	for _, q := range questions(old) {
		oldQs[q.ID] = q
	}
	seen := map[string]bool{}
	for _, q := range questions(cur) {
		seen[q.ID] = true
		o, ok := oldQs[q.ID]
		switch {
		case !ok:
			ch.Added = append(ch.Added, lessonID+"/"+q.ID)
		case !reflect.DeepEqual(o, q):
			ch.Changed = append(ch.Changed, lessonID+"/"+q.ID)
		}
	}
	for _, q := range questions(old) {
		if !seen[q.ID] {
			ch.Removed = append(ch.Removed, lessonID+"/"+q.ID)
		}
	}
	return ch
}

// sameLesson compares what a learner sees of a lesson, ignoring where its
// file is.
func sameLesson(a, b *lessons.Lesson) bool {
	x, y := *a, *b
	x.File, y.File = "", ""
	return reflect.DeepEqual(x, y)
}

func lessonsByID(p *lessons.Pack) map[string]*lessons.Lesson {
	out := map[string]*lessons.Lesson{}
	for _, m := range p.Modules {
		for _, l := range p.LessonsOf(&m) {
			out[l.ID] = l
		}
	}
	return out
}

func lessonIDs(p *lessons.Pack) []string {
	var out []string
	for _, m := range p.Modules {
		out = append(out, m.LessonIDs...)
	}
	return out
}
