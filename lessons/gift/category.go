package gift

import (
	"errors"
	"strings"
)

// categoryPrefix starts a block that switches category. Moodle matches it
// case-sensitively at the start of the block, after comments.
const categoryPrefix = "$CATEGORY:"

// isContextName reports whether a category name is a context such as
// "$course$" or "$system$": "$", one or more of a-z, "$".
func isContextName(name string) bool {
	if len(name) < 3 || name[0] != '$' || name[len(name)-1] != '$' {
		return false
	}
	for i := 1; i < len(name)-1; i++ {
		if name[i] < 'a' || name[i] > 'z' {
			return false
		}
	}
	return true
}

var (
	errNoCategory    = errors.New("the $CATEGORY line names no category")
	errEmptyCategory = errors.New(`the category path has an empty part; remove the extra "/"`)
)

// categoryPath turns the decoded text after "$CATEGORY:" into the path
// Moodle 3.5+ creates, as question/format.php's split_category_path and
// create_category_path do: names are split at single "/" ("//" stands for
// a "/" inside a name) and trimmed, a leading "$context$" is dropped, and
// "top" is put first when it is not there already. Moodle also puts "top"
// before a path "top/x" with fewer than three names, then skips that second
// "top" when it creates the categories; the result is the same.
func categoryPath(raw string) (string, error) {
	names := splitCategory(trim(raw))
	if isContextName(names[0]) {
		names = names[1:]
	}
	if len(names) == 0 || len(names) == 1 && names[0] == "" {
		return "", errNoCategory
	}
	// Stricter than Moodle, which creates a category with no name.
	for _, n := range names {
		if n == "" {
			return "", errEmptyCategory
		}
	}
	if names[0] != "top" {
		names = append([]string{"top"}, names...)
	}
	for i, n := range names {
		names[i] = strings.ReplaceAll(n, "/", "//")
	}
	return strings.Join(names, "/"), nil
}

// splitCategory splits a path at every "/" that is not next to another
// "/", and in each name replaces "//" with "/", as Moodle does with
// preg_split('~(?<!/)/(?!/)~') and str_replace.
func splitCategory(path string) []string {
	var (
		names []string
		cur   strings.Builder
	)
	for i := 0; i < len(path); {
		if path[i] != '/' {
			cur.WriteByte(path[i])
			i++
			continue
		}
		n := 0
		for i < len(path) && path[i] == '/' {
			n++
			i++
		}
		if n == 1 {
			names = append(names, trim(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteString(strings.Repeat("/", n/2+n%2))
	}
	return append(names, trim(cur.String()))
}
