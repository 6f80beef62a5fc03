package lessons

import (
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// ManifestFile is the name of a pack's manifest at the top of the pack.
const ManifestFile = "pack.yaml"

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// semverPattern is the regular expression semver.org gives for a
	// version: MAJOR.MINOR.PATCH, optional pre-release and build parts.
	semverPattern = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
		`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
)

// ValidID reports whether s is a slug: lower-case letters, digits and
// single hyphens, at most 64 characters.
func ValidID(s string) bool { return len(s) <= maxIDLength && slugPattern.MatchString(s) }

// ref is a reference by id from one part of a pack to another, kept with its
// line so that a dangling reference can be reported where it is written.
type ref struct {
	id   string
	file string
	line int
	ctx  string
}

// manifest is a decoded pack.yaml with what validation needs to know about
// where each thing was written.
type manifest struct {
	pack        Pack
	moduleLines map[string]int // module id -> line of its entry
	lessonRefs  []ref          // lessons named by modules; ctx is the module id
	pathRefs    []ref          // modules named by paths
	badgeRules  []badgeRuleAt
}

// badgeRuleAt is a badge rule with the lines of its fields.
type badgeRuleAt struct {
	badge string
	rule  BadgeRule
	line  int // the rule mapping
	refs  map[string]int
}

func decodeManifest(data []byte, ps *problems) *manifest {
	r := &yamlReader{file: ManifestFile, ps: ps}
	root, ok := r.parse(data)
	if !ok {
		return nil
	}
	m := &manifest{moduleLines: map[string]int{}}
	p := &m.pack
	p.Language = "en-GB"
	r.mapping(root, "", []field{
		{"format", true, func(n *yaml.Node) {
			if v, ok := r.integer(n, "", "format"); ok {
				switch {
				case v > FormatVersion:
					r.errorf(n, "", "format %d needs a newer version of Upskill (this one reads format %d)", v, FormatVersion)
				case v < 1:
					r.errorf(n, "", "format must be %d", FormatVersion)
				}
				p.Format = v
			}
		}},
		{"id", true, func(n *yaml.Node) { p.ID = r.id(n, "", "id") }},
		{"title", true, func(n *yaml.Node) { p.Title = r.title(n, "", "title") }},
		{"version", true, func(n *yaml.Node) {
			if v := r.text(n, "", "version"); v != "" {
				if !semverPattern.MatchString(v) {
					r.errorf(n, "", "version %q is not a semantic version such as 1.0.0", v)
				}
				p.Version = v
			}
		}},
		{"language", false, func(n *yaml.Node) {
			if v := r.text(n, "", "language"); v != "" {
				tag, err := language.Parse(v)
				if err != nil {
					r.errorf(n, "", "language %q is not a BCP 47 language tag such as en-GB or cy-GB", v)
					return
				}
				p.Language = tag.String()
			}
		}},
		{"authors", true, func(n *yaml.Node) { p.Authors, _ = r.textList(n, "", "authors") }},
		{"licence", true, func(n *yaml.Node) { p.Licence = r.text(n, "", "licence") }},
		{"summary", true, func(n *yaml.Node) { p.Summary = r.text(n, "", "summary") }},
		{"modules", true, func(n *yaml.Node) { m.decodeModules(r, n) }},
		{"paths", false, func(n *yaml.Node) { m.decodePaths(r, n) }},
		{"badges", false, func(n *yaml.Node) { m.decodeBadges(r, n) }},
		{"typos", false, func(n *yaml.Node) { p.Typos = r.typos(n, "") }},
	})
	return m
}

// id decodes an identifier and checks that it is a slug.
func (r *yamlReader) id(n *yaml.Node, ctx, name string) string {
	v := r.text(n, ctx, name)
	if v != "" && !ValidID(v) {
		r.errorf(n, ctx, "%q is not a valid id: use lower-case letters, digits and single hyphens, at most %d characters", v, maxIDLength)
	}
	return v
}

// title decodes a one-line title.
func (r *yamlReader) title(n *yaml.Node, ctx, name string) string {
	v := r.text(n, ctx, name)
	if len([]rune(v)) > maxTitleLength {
		r.errorf(n, ctx, "%q is longer than %d characters", name, maxTitleLength)
	}
	return v
}

// idRefs decodes a list of ids that refer to other parts of the pack.
func (r *yamlReader) idRefs(n *yaml.Node, ctx, name string) ([]string, []ref) {
	var ids []string
	var refs []ref
	r.list(n, ctx, name, func(_ int, c *yaml.Node) {
		if v := r.id(c, ctx, name); v != "" {
			ids = append(ids, v)
			refs = append(refs, ref{id: v, file: r.file, line: r.line(c), ctx: ctx})
		}
	})
	return ids, refs
}

func (m *manifest) decodeModules(r *yamlReader, n *yaml.Node) {
	if n.Kind == yaml.SequenceNode && len(n.Content) > maxModules {
		r.errorf(n, "", "a pack may have at most %d modules, found %d", maxModules, len(n.Content))
		return
	}
	r.list(n, "", "modules", func(i int, c *yaml.Node) {
		ctx := fmt.Sprintf("module %d", i+1)
		if id := peek(c, "id"); id != "" {
			ctx = fmt.Sprintf("module %q", id)
		}
		var mod Module
		var refs []ref
		ok := r.mapping(c, ctx, []field{
			{"id", true, func(n *yaml.Node) { mod.ID = r.id(n, ctx, "id") }},
			{"title", true, func(n *yaml.Node) { mod.Title = r.title(n, ctx, "title") }},
			{"summary", true, func(n *yaml.Node) { mod.Summary = r.text(n, ctx, "summary") }},
			{"lessons", true, func(n *yaml.Node) { mod.LessonIDs, refs = r.idRefs(n, ctx, "lessons") }},
			{"required", false, func(n *yaml.Node) { mod.Required = r.required(n, ctx, true) }},
		})
		if !ok || mod.ID == "" {
			return
		}
		if first, dup := m.moduleLines[mod.ID]; dup {
			r.errorf(c, "", "duplicate module id %q (first on line %d)", mod.ID, first)
			return
		}
		m.moduleLines[mod.ID] = r.line(c)
		for i := range refs {
			refs[i].ctx = mod.ID
		}
		m.lessonRefs = append(m.lessonRefs, refs...)
		m.pack.Modules = append(m.pack.Modules, mod)
	})
}

func (m *manifest) decodePaths(r *yamlReader, n *yaml.Node) {
	seen := map[Audience]int{}
	r.list(n, "", "paths", func(i int, c *yaml.Node) {
		ctx := fmt.Sprintf("path %d", i+1)
		if a := peek(c, "audience"); a != "" {
			ctx = fmt.Sprintf("path %q", a)
		}
		var path Path
		var refs []ref
		r.mapping(c, ctx, []field{
			{"audience", true, func(n *yaml.Node) { path.Audience = r.audience(n, ctx, "audience") }},
			{"title", true, func(n *yaml.Node) { path.Title = r.title(n, ctx, "title") }},
			{"modules", true, func(n *yaml.Node) { path.ModuleIDs, refs = r.idRefs(n, ctx, "modules") }},
			{"required", false, func(n *yaml.Node) { path.Required = r.required(n, ctx, false) }},
		})
		if path.Audience == "" {
			return
		}
		if first, dup := seen[path.Audience]; dup {
			r.errorf(c, "", "a second path for audience %q (the first is on line %d); one path per audience", path.Audience, first)
			return
		}
		seen[path.Audience] = r.line(c)
		m.pathRefs = append(m.pathRefs, refs...)
		m.pack.Paths = append(m.pack.Paths, path)
	})
}

func (r *yamlReader) audience(n *yaml.Node, ctx, name string) Audience {
	v := Audience(r.text(n, ctx, name))
	if v != "" && !v.Valid() {
		r.errorf(n, ctx, "%q must be one of staff, graduate or manager, found %q", name, v)
		return ""
	}
	return v
}

func (m *manifest) decodeBadges(r *yamlReader, n *yaml.Node) {
	seen := map[string]int{}
	r.list(n, "", "badges", func(i int, c *yaml.Node) {
		ctx := fmt.Sprintf("badge %d", i+1)
		if id := peek(c, "id"); id != "" {
			ctx = fmt.Sprintf("badge %q", id)
		}
		var b Badge
		var at badgeRuleAt
		r.mapping(c, ctx, []field{
			{"id", true, func(n *yaml.Node) { b.ID = r.id(n, ctx, "id") }},
			{"title", true, func(n *yaml.Node) { b.Title = r.title(n, ctx, "title") }},
			{"description", true, func(n *yaml.Node) { b.Description = r.text(n, ctx, "description") }},
			{"rule", true, func(n *yaml.Node) { at = r.badgeRule(n, ctx) }},
		})
		if b.ID == "" {
			return
		}
		if first, dup := seen[b.ID]; dup {
			r.errorf(c, "", "duplicate badge id %q (first on line %d)", b.ID, first)
			return
		}
		seen[b.ID] = r.line(c)
		b.Rule = at.rule
		at.badge = b.ID
		m.badgeRules = append(m.badgeRules, at)
		m.pack.Badges = append(m.pack.Badges, b)
	})
}

// ruleFields lists which optional fields each rule type takes.
var ruleFields = map[RuleType][]string{
	RuleModuleComplete: {"module"},
	RuleModuleQuizzes:  {"module", "min_score"},
	RulePerfectScore:   {"lesson"},
	RulePathComplete:   {"path"},
	RuleStreak:         {"days"},
}

func (r *yamlReader) badgeRule(n *yaml.Node, ctx string) badgeRuleAt {
	ctx += " rule"
	at := badgeRuleAt{line: r.line(n), refs: map[string]int{}}
	rule := &at.rule
	given := map[string]*yaml.Node{}
	keep := func(name string) func(*yaml.Node) {
		return func(v *yaml.Node) { given[name] = v; at.refs[name] = r.line(v) }
	}
	var typeNode *yaml.Node
	if !r.mapping(n, ctx, []field{
		{"type", true, func(v *yaml.Node) { typeNode = v; rule.Type = RuleType(r.text(v, ctx, "type")) }},
		{"module", false, keep("module")},
		{"min_score", false, keep("min_score")},
		{"lesson", false, keep("lesson")},
		{"path", false, keep("path")},
		{"days", false, keep("days")},
	}) || typeNode == nil || rule.Type == "" {
		return at
	}
	want, known := ruleFields[rule.Type]
	if !known {
		r.errorf(typeNode, ctx, "unknown rule type %q: use module_complete, module_quizzes, perfect_score, path_complete or streak", rule.Type)
		rule.Type = ""
		return at
	}
	for _, name := range []string{"module", "min_score", "lesson", "path", "days"} {
		v, ok := given[name]
		wanted := false
		for _, w := range want {
			wanted = wanted || w == name
		}
		if ok && !wanted {
			r.errorf(v, ctx, "field %q does not apply to rule type %s", name, rule.Type)
			continue
		}
		if !ok {
			if wanted && name != "lesson" {
				r.errorf(n, ctx, "rule type %s needs the field %q", rule.Type, name)
			}
			continue
		}
		switch name {
		case "module":
			rule.Module = r.id(v, ctx, name)
		case "lesson":
			rule.Lesson = r.id(v, ctx, name)
		case "path":
			rule.Path = r.audience(v, ctx, name)
		case "min_score":
			if s, ok := r.integer(v, ctx, name); ok {
				if s < 1 || s > 100 {
					r.errorf(v, ctx, "min_score must be between 1 and 100, found %d", s)
				}
				rule.MinScore = s
			}
		case "days":
			if d, ok := r.integer(v, ctx, name); ok {
				if d < 2 || d > 365 {
					r.errorf(v, ctx, "days must be between 2 and 365, found %d", d)
				}
				rule.Days = d
			}
		}
	}
	return at
}
