package packfs

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// packFS is a pack's files held in memory. It never changes after it is
// built, so any number of goroutines may read it at once.
type packFS struct {
	nodes map[string]*node // by path; the root is "."
	files []string         // paths of the regular files, sorted
}

// node is one file or folder of a packFS.
type node struct {
	name     string  // last element of the path; "." for the root
	data     []byte  // a file's content; never modified
	dir      bool    //
	children []*node // a folder's entries, sorted by name
}

// Interfaces the pack FS implements; checked at compile time.
var (
	_ fs.FS         = (*packFS)(nil)
	_ fs.ReadDirFS  = (*packFS)(nil)
	_ fs.ReadFileFS = (*packFS)(nil)
	_ fs.StatFS     = (*packFS)(nil)
	_ fs.ReadLinkFS = (*packFS)(nil)
)

// newPackFS builds a packFS from file contents and folders, all at valid
// paths that have passed the layout checks.
func newPackFS(files map[string][]byte, dirs []string) *packFS {
	p := &packFS{nodes: map[string]*node{".": {name: ".", dir: true}}}
	var mkdir func(name string) *node
	mkdir = func(name string) *node {
		if n, ok := p.nodes[name]; ok {
			return n
		}
		n := &node{name: path.Base(name), dir: true}
		p.nodes[name] = n
		parent := mkdir(path.Dir(name))
		parent.children = append(parent.children, n)
		return n
	}
	for _, d := range dirs {
		mkdir(d)
	}
	for name, data := range files {
		n := &node{name: path.Base(name), data: data}
		p.nodes[name] = n
		parent := mkdir(path.Dir(name))
		parent.children = append(parent.children, n)
		p.files = append(p.files, name)
	}
	for _, n := range p.nodes {
		slices.SortFunc(n.children, func(a, b *node) int { return strings.Compare(a.name, b.name) })
	}
	slices.Sort(p.files)
	return p
}

// lookup finds the node at name, or returns a *fs.PathError for op.
func (p *packFS) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n, ok := p.nodes[name]
	if !ok {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// Open implements fs.FS.
func (p *packFS) Open(name string) (fs.File, error) {
	n, err := p.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n.dir {
		return &openDir{n: n, path: name}, nil
	}
	return &openFile{n: n, path: name}, nil
}

// ReadDir implements fs.ReadDirFS: the folder's entries, sorted by name.
func (p *packFS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := p.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errNotDir}
	}
	return entries(n.children), nil
}

// ReadFile implements fs.ReadFileFS. The caller may modify the result.
func (p *packFS) ReadFile(name string) ([]byte, error) {
	n, err := p.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if n.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errIsDir}
	}
	return slices.Clone(n.data), nil
}

// Stat implements fs.StatFS.
func (p *packFS) Stat(name string) (fs.FileInfo, error) {
	n, err := p.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

// Lstat implements fs.ReadLinkFS. A pack has no symbolic links, so it is
// the same as Stat.
func (p *packFS) Lstat(name string) (fs.FileInfo, error) {
	n, err := p.lookup("lstat", name)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

// ReadLink implements fs.ReadLinkFS. A pack has no symbolic links, so it
// always fails.
func (p *packFS) ReadLink(name string) (string, error) {
	if _, err := p.lookup("readlink", name); err != nil {
		return "", err
	}
	return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
}

var (
	errNotDir = errors.New("not a directory")
	errIsDir  = errors.New("is a directory")
)
