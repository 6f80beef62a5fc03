package lessons

import (
	"path"
	"regexp"
	"strings"
)

// unreadLessons maps the id a lesson file seems to hold to the file, for
// lesson files too broken to decode: a tab in the YAML, an alias, a file
// over the size limit.
type unreadLessons map[string]string

// idLine finds an "id:" line at the top level of front matter, the way a
// person reading the file would, without parsing the YAML.
var idLine = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*\r?$`)

// add records the lesson file name that could not be decoded. Its id is
// the first top-level id line in data, or else the file's name without
// .md (the name the docs recommend).
func (u unreadLessons) add(name string, data []byte) {
	id := strings.TrimSuffix(path.Base(name), ".md")
	if m := idLine.FindSubmatch(data); m != nil {
		id = string(m[1])
	}
	if _, taken := u[id]; !taken && ValidID(id) {
		u[id] = name
	}
}
