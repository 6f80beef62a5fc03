package packfs_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeCalls are functions and methods that create, change or remove
// files, by name: os.Create, (*os.Root).WriteFile and so on.
var writeCalls = map[string]bool{
	"Create": true, "CreateTemp": true, "WriteFile": true, "Mkdir": true, "MkdirAll": true, "MkdirTemp": true,
	"Remove": true, "RemoveAll": true, "Rename": true, "Symlink": true, "Link": true, "Truncate": true,
	"Chmod": true, "Chown": true, "Lchown": true, "Chtimes": true, "CopyFS": true, "Mkfifo": true, "Mknod": true,
}

// writeFlags are open flags that write.
var writeFlags = map[string]bool{"O_WRONLY": true, "O_RDWR": true, "O_CREATE": true, "O_APPEND": true, "O_TRUNC": true, "O_EXCL": true}

// TestNoWritesInSource checks the package's source (not its tests): it
// calls nothing that writes to the file system, opens files only with
// openFlags, names no writing open flag, and imports only the standard
// library.
func TestNoWritesInSource(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				t.Errorf("%s imports %s, which is not in the standard library", name, path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if writeCalls[sel.Sel.Name] {
					t.Errorf("%s: calls %s", fset.Position(n.Pos()), sel.Sel.Name)
				}
				if sel.Sel.Name == "OpenFile" {
					if len(n.Args) < 2 || !isIdent(n.Args[1], "openFlags") {
						t.Errorf("%s: OpenFile without openFlags", fset.Position(n.Pos()))
					}
				}
			case *ast.Ident:
				if writeFlags[n.Name] {
					t.Errorf("%s: names %s", fset.Position(n.Pos()), n.Name)
				}
			}
			return true
		})
	}
	if checked < 5 {
		t.Fatalf("checked only %d files", checked)
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
