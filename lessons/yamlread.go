package lessons

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlReader turns a YAML node tree into values, one field at a time, and
// records a problem with its file line for everything that does not fit the
// format. It never stops at the first problem: callers decode as much as
// they can so that a trainer sees every problem at once.
//
// The pack format is decoded by hand rather than with struct tags so that
// every message can name the field, the line and the likely fix.
type yamlReader struct {
	file   string
	offset int // added to node lines: the front matter starts below line 1
	ps     *problems
}

// field is one key a mapping may hold.
type field struct {
	name     string
	required bool
	decode   func(value *yaml.Node)
}

var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserProblems are the messages of the YAML parser's errors, whose
// line numbers are 0-based (those of its scanner are 1-based).
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// parse reads exactly one YAML document. It refuses anchors and aliases (a
// pack has no use for them, and they are how "billion laughs" documents
// blow up) and reports syntax errors with their line.
func (r *yamlReader) parse(data []byte) (*yaml.Node, bool) {
	// The YAML reader refuses control characters without saying on which
	// line, and counts a lone '\r', U+0085, U+2028 and U+2029 as line
	// breaks, which would put every later line number out.
	line := 1
	for i, c := range string(data) {
		switch {
		case c == '\n':
			line++
		case c == '\t', c == '\r' && i+1 < len(data) && data[i+1] == '\n':
		case c == 0x2028 || c == 0x2029:
			r.ps.errorf(r.file, r.offset+line, "the YAML contains the line separator %U; use a new line instead", c)
			return nil, false
		case yamlRefusedRune(c):
			r.ps.errorf(r.file, r.offset+line, "the YAML contains the control character %U; remove it", c)
			return nil, false
		}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.ps.errorf(r.file, r.offset+1, "the YAML is empty")
			return nil, false
		}
		r.syntaxError(err, data)
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			r.syntaxError(err, data)
		} else {
			r.ps.errorf(r.file, r.line(&extra), "only one YAML document is allowed here; remove the extra \"---\"")
		}
		return nil, false
	}
	if !r.noAliases(&doc) {
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		r.ps.errorf(r.file, r.offset+1, "the YAML is empty")
		return nil, false
	}
	return doc.Content[0], true
}

func (r *yamlReader) syntaxError(err error, data []byte) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := r.offset + 1
	if m := yamlErrorLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = m[2]
		if yamlParserProblems[msg] {
			n++ // the YAML parser, unlike its scanner, counts lines from 0
		}
		// At the end of the input the YAML scanner moves to a line after
		// the last one.
		last := strings.Count(strings.TrimSuffix(string(data), "\n"), "\n") + 1
		line = min(n, last) + r.offset
	}
	r.ps.errorf(r.file, line, "YAML syntax error: %s", msg)
}

func (r *yamlReader) noAliases(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		r.ps.errorf(r.file, r.line(n), "YAML anchors and aliases (& and *) are not allowed in packs")
		return false
	}
	for _, c := range n.Content {
		if !r.noAliases(c) {
			return false
		}
	}
	return true
}

func (r *yamlReader) line(n *yaml.Node) int { return n.Line + r.offset }

// errorf records an error at n's line, prefixed with ctx (such as
// `question "q1"`) when ctx is not empty.
func (r *yamlReader) errorf(n *yaml.Node, ctx, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ctx != "" {
		msg = ctx + ": " + msg
	}
	r.ps.errorf(r.file, r.line(n), "%s", msg)
}

// peek returns the text of a scalar key in a mapping, or "" when it is
// missing. It is used to name the thing being decoded in messages.
func peek(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// mapping decodes a mapping field by field. It reports keys that are not
// in fields (suggesting the closest known one), keys given twice and
// required fields that are missing. It returns false when n is not a
// mapping at all.
func (r *yamlReader) mapping(n *yaml.Node, ctx string, fields []field) bool {
	if n.Kind != yaml.MappingNode {
		r.errorf(n, ctx, "expected a set of fields (name: value), found %s", describe(n))
		return false
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			r.errorf(key, ctx, "a field name must be plain text, found %s", describe(key))
			continue
		}
		if first, dup := seen[key.Value]; dup {
			r.errorf(key, ctx, "duplicate key %q (first on line %d)", key.Value, first)
			continue
		}
		seen[key.Value] = r.line(key)
		idx := slices.IndexFunc(fields, func(f field) bool { return f.name == key.Value })
		if idx < 0 {
			r.errorf(key, ctx, "unknown field %q%s", key.Value, suggest(key.Value, fields))
			continue
		}
		fields[idx].decode(value)
	}
	for _, f := range fields {
		if _, ok := seen[f.name]; f.required && !ok {
			r.errorf(n, ctx, "missing required field %q", f.name)
		}
	}
	return true
}

func suggest(name string, fields []field) string {
	best, bestDist := "", math.MaxInt
	for _, f := range fields {
		if d := editDistance(strings.ToLower(name), f.name); d < bestDist {
			best, bestDist = f.name, d
		}
	}
	if best != "" && bestDist <= max(2, len(name)/3) {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	default:
		return "something else"
	}
}

// text decodes a scalar as text. Empty text is an error: every text field
// of the format means something when present.
func (r *yamlReader) text(n *yaml.Node, ctx, name string) string {
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, ctx, "%q must be text, found %s", name, describe(n))
		return ""
	}
	if n.ShortTag() == "!!null" || strings.TrimSpace(n.Value) == "" {
		r.errorf(n, ctx, "%q has no value", name)
		return ""
	}
	r.checkRunes(n, ctx, name, n.Value)
	return n.Value
}

// checkRunes reports text holding control characters or direction
// overrides. They are removed anyway before text reaches a terminal, but a
// trainer should know that their file holds them.
func (r *yamlReader) checkRunes(n *yaml.Node, ctx, name, s string) {
	if c, bad := firstUnsafeRune(s); bad {
		r.errorf(n, ctx, "%q contains the control character %U; remove it", name, c)
	}
}

func (r *yamlReader) integer(n *yaml.Node, ctx, name string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v, true
		}
	}
	r.errorf(n, ctx, "%q must be a whole number, found %s", name, describe(n))
	return 0, false
}

func (r *yamlReader) number(n *yaml.Node, ctx, name string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v, true
		}
	}
	r.errorf(n, ctx, "%q must be a number, found %s", name, describe(n))
	return 0, false
}

func (r *yamlReader) boolean(n *yaml.Node, ctx, name string) (bool, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		// An explicit tag (!!bool yes) gives any value this tag.
		switch n.Value {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		}
	}
	r.errorf(n, ctx, "%q must be true or false, found %s", name, describe(n))
	return false, false
}

// list calls item for every entry of a sequence, with its index.
func (r *yamlReader) list(n *yaml.Node, ctx, name string, item func(i int, n *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, ctx, "%q must be a list, found %s", name, describe(n))
		return
	}
	if len(n.Content) == 0 {
		r.errorf(n, ctx, "%q is an empty list", name)
		return
	}
	for i, c := range n.Content {
		item(i, c)
	}
}

// textList decodes a list of texts, returning each with its node.
func (r *yamlReader) textList(n *yaml.Node, ctx, name string) ([]string, []*yaml.Node) {
	var out []string
	var nodes []*yaml.Node
	r.list(n, ctx, name, func(_ int, c *yaml.Node) {
		if s := r.text(c, ctx, name); s != "" {
			out = append(out, s)
			nodes = append(nodes, c)
		}
	})
	return out, nodes
}
