package lessons

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/upskill-council/upskill/lessons/packfs"
)

// LessonsDir is the folder of a pack that holds its lesson files.
const LessonsDir = "lessons"

// Load reads and validates the pack at the root of fsys. On success the
// pack's warnings, if any, are in [Pack.Warnings]. A pack with errors gives a
// [*ValidationError] listing every problem, and no pack. Load never panics
// on bad input and never follows a symbolic link.
func Load(fsys fs.FS) (*Pack, error) { return LoadWith(fsys, LoadOptions{}) }

// LoadOptions adjust [LoadWith].
type LoadOptions struct {
	// Progress, if set, is called as lesson files are read: done of total.
	// It may be called from several goroutines at once.
	Progress func(done, total int)
	// Today, when not zero, is the day to compare lessons' review_by
	// dates with: a lesson past its review_by gives a warning at that
	// line. Zero leaves review dates unchecked, so that what Load
	// returns does not depend on the clock.
	Today time.Time
}

// LoadWith is [Load] with options.
func LoadWith(fsys fs.FS, opts LoadOptions) (*Pack, error) {
	ps := &problems{}
	m := readManifest(fsys, ps)
	files, unread := readLessons(fsys, ps, opts.Progress)
	if m == nil {
		return nil, &ValidationError{Problems: ps.sorted()}
	}
	addBankQuestions(fsys, files, ps)
	resolveQuizRules(&m.pack, files)
	lessons := validate(m, files, unread, ps)
	if !opts.Today.IsZero() {
		warnPastReview(files, opts.Today, ps)
	}
	if ps.hasErrors() {
		return nil, &ValidationError{Problems: ps.sorted()}
	}
	p := &m.pack
	p.lessons = lessons
	p.Warnings = ps.sorted()
	sanitise(p)
	return p, nil
}

func readManifest(fsys fs.FS, ps *problems) *manifest {
	data, err := readFile(fsys, ManifestFile, maxManifestBytes)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			ps.errorf(ManifestFile, 0, "the pack has no %s manifest at its top level", ManifestFile)
		} else {
			report(ps, ManifestFile, err)
		}
		return nil
	}
	return decodeManifest(data, ps)
}

// readLessons decodes every lesson file under lessons/, in path order. It
// also returns the lesson files that could not be read at all, by the id
// they seem to hold (see [unreadLessons]), so that a module naming one is
// not reported as naming a lesson that does not exist.
func readLessons(fsys fs.FS, ps *problems, progress func(done, total int)) ([]*lessonAt, map[string]string) {
	names := lessonFiles(fsys, ps)
	// Decoding is most of the cost of loading a pack, and each file is
	// independent, so the files are decoded in parallel. Each keeps its own
	// problems; they are merged in path order, so the result does not
	// depend on scheduling.
	type decoded struct {
		at   *lessonAt
		data []byte // nil when the file could not be read
		ps   problems
	}
	results := make([]decoded, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	var done atomic.Int64
	for i, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() {
				<-sem
				if progress != nil {
					progress(int(done.Add(1)), len(names))
				}
			}()
			r := &results[i]
			data, err := readFile(fsys, name, maxLessonBytes)
			if err != nil {
				report(&r.ps, name, err)
				return
			}
			r.at = decodeLesson(name, data, &r.ps)
			if r.at == nil {
				r.data = data
			}
		})
	}
	wg.Wait()
	var out []*lessonAt
	unread := unreadLessons{}
	for i, r := range results {
		ps.list = append(ps.list, r.ps.list...)
		if r.at != nil {
			out = append(out, r.at)
		} else {
			unread.add(names[i], r.data)
		}
	}
	return out, unread
}

// lessonFiles lists the lesson files under lessons/, in path order,
// reporting anything there that is not a regular .md file.
func lessonFiles(fsys fs.FS, ps *problems) []string {
	var names []string
	count := 0
	// WalkDir follows a symbolic link at its root, so check lessons/ itself.
	if info, err := fs.Lstat(fsys, LessonsDir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		ps.errorf(LessonsDir, 0, "symbolic links are not allowed in a pack")
		return nil
	}
	err := fs.WalkDir(fsys, LessonsDir, func(name string, d fs.DirEntry, err error) error {
		if _, bad := firstUnsafeRune(name); bad || !utf8.ValidString(name) {
			// The name would reach a terminal in messages and Lesson.File.
			ps.errorf(quoteName(name), 0, "the name contains a control character or is not UTF-8; rename it")
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == LessonsDir {
				ps.errorf(LessonsDir, 0, "the pack has no %s folder", LessonsDir)
				return fs.SkipAll
			}
			ps.errorf(name, 0, "cannot read: %v", plainError(err))
			return nil
		}
		base := path.Base(name)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			ps.errorf(name, 0, "symbolic links are not allowed in a pack")
			return nil
		case d.IsDir():
			return nil
		case strings.HasPrefix(base, "."):
			return nil // editor and system files such as .DS_Store
		case !d.Type().IsRegular():
			ps.errorf(name, 0, "only regular files are allowed in a pack")
			return nil
		case path.Ext(name) != ".md":
			ps.errorf(name, 0, "%s holds only lesson files ending .md", LessonsDir)
			return nil
		}
		if count++; count > maxLessonFiles {
			ps.errorf(name, 0, "a pack may have at most %d lesson files", maxLessonFiles)
			return fs.SkipAll
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		ps.errorf(LessonsDir, 0, "cannot read: %v", plainError(err))
	}
	return names
}

// readFile reads a regular file of at most limit bytes that is valid UTF-8.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if info, err := fs.Lstat(fsys, name); err == nil {
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, errors.New("symbolic links are not allowed in a pack")
		}
		if !info.Mode().IsRegular() {
			// Checked before Open: opening a FIFO blocks until a writer comes.
			return nil, errors.New("only regular files are allowed in a pack")
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("only regular files are allowed in a pack")
	}
	if info.Size() > limit {
		got, most := packfs.SizeOver(uint64(info.Size()), uint64(limit))
		return nil, fmt.Errorf("the file is %s; the limit for %s is %s", got, limitName(name), most)
	}
	// Read into a buffer of the stated size, plus a byte to notice a file
	// that grew: io.ReadAll would double its buffer on the way, allocating
	// up to twice the limit.
	data := make([]byte, info.Size()+1)
	n, err := io.ReadFull(f, data)
	switch {
	case err == nil:
		return nil, errors.New("the file changed while it was read; try again")
	case err != io.EOF && err != io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	data = data[:n]
	if !utf8.Valid(data) {
		return nil, &lineError{line: invalidUTF8Line(data), msg: "the file is not valid UTF-8 text"}
	}
	return data, nil
}

// limitName says which limit of the documentation's table applies to
// the file name, for messages.
func limitName(name string) string {
	switch {
	case name == ManifestFile:
		return ManifestFile
	case strings.HasPrefix(name, LessonsDir+"/"):
		return "a lesson file"
	}
	return "a question bank"
}

// lineError is a problem with a file found at a known line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

// report records a file-level error, at its line when it has one.
func report(ps *problems, file string, err error) {
	var le *lineError
	if errors.As(err, &le) {
		ps.errorf(file, le.line, "%s", le.msg)
		return
	}
	ps.errorf(file, 0, "%v", plainError(err))
}

func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

// quoteName writes a file name with control characters and invalid UTF-8
// escaped as in a Go string, so that it is safe to print.
func quoteName(name string) string {
	q := strconv.Quote(name)
	return q[1 : len(q)-1]
}

// plainError drops the path an fs error repeats, since problems carry it.
func plainError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
