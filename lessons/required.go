package lessons

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Limits of the required field: a renewal period from 1 month to 10 years,
// a grace period for new starters from 1 day to a year.
const (
	maxRenewMonths = 120
	maxGraceDays   = 365
	// DefaultGraceDays is the grace period of a requirement that gives
	// none: a new starter has this many days from joining.
	DefaultGraceDays = 30
)

// Required says that a module (or every module of a path) is mandatory
// training.
type Required struct {
	// Roles are the roles it is required for; empty means every role.
	Roles []Audience
	// RenewMonths is how long a completion stays valid, in months; 0 means
	// a completion never expires.
	RenewMonths int
	// GraceDays is how many days a learner has from joining to complete it
	// the first time.
	GraceDays int
}

// For reports whether the requirement applies to a learner in role.
func (r *Required) For(role Audience) bool {
	return r != nil && (len(r.Roles) == 0 || slices.Contains(r.Roles, role))
}

// ModuleRequirement is one module's requirement after combining what the
// module and the paths that hold it say.
type ModuleRequirement struct {
	Module *Module
	Required
}

// Requirements lists the pack's required modules in manifest order. A
// module required by itself and by paths, or by several paths, is
// required for every role any of them names (every role if one says so),
// with the shortest renewal and grace periods among them (a renewal of 0,
// never, counts as the longest).
func (p *Pack) Requirements() []ModuleRequirement {
	var out []ModuleRequirement
	for i := range p.Modules {
		m := &p.Modules[i]
		var sources []Required
		if m.Required != nil {
			sources = append(sources, *m.Required)
		}
		for _, path := range p.Paths {
			if path.Required != nil && slices.Contains(path.ModuleIDs, m.ID) {
				r := *path.Required
				r.Roles = []Audience{path.Audience}
				sources = append(sources, r)
			}
		}
		if len(sources) == 0 {
			continue
		}
		out = append(out, ModuleRequirement{Module: m, Required: combine(sources)})
	}
	return out
}

// combine merges the requirements on one module.
func combine(sources []Required) Required {
	out := Required{GraceDays: sources[0].GraceDays, RenewMonths: sources[0].RenewMonths}
	everyone := false
	for _, s := range sources {
		everyone = everyone || len(s.Roles) == 0
		for _, r := range s.Roles {
			if !slices.Contains(out.Roles, r) {
				out.Roles = append(out.Roles, r)
			}
		}
		out.GraceDays = min(out.GraceDays, s.GraceDays)
		if s.RenewMonths != 0 && (out.RenewMonths == 0 || s.RenewMonths < out.RenewMonths) {
			out.RenewMonths = s.RenewMonths
		}
	}
	if everyone {
		out.Roles = nil
	}
	// In the order learners are offered roles, whatever order they were named.
	slices.SortFunc(out.Roles, func(a, b Audience) int {
		return slices.Index(Audiences, a) - slices.Index(Audiences, b)
	})
	return out
}

// required decodes a required field: true, false, or a mapping of roles
// (only when withRoles), renew_months and grace_days.
func (r *yamlReader) required(n *yaml.Node, ctx string, withRoles bool) *Required {
	ctx += " required"
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		if on, ok := r.boolean(n, ctx, "required"); ok && on {
			return &Required{GraceDays: DefaultGraceDays}
		}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, ctx, "expected true, false or a set of fields (roles, renew_months, grace_days), found %s", describe(n))
		return nil
	}
	req := &Required{GraceDays: DefaultGraceDays}
	fields := []field{
		{"renew_months", false, func(v *yaml.Node) {
			req.RenewMonths = r.period(v, ctx, "renew_months", "months", maxRenewMonths)
		}},
		{"grace_days", false, func(v *yaml.Node) {
			if d := r.period(v, ctx, "grace_days", "days", maxGraceDays); d > 0 {
				req.GraceDays = d
			}
		}},
	}
	if withRoles {
		fields = append(fields, field{"roles", false, func(v *yaml.Node) { req.Roles = r.roles(v, ctx) }})
	}
	r.mapping(n, ctx, fields)
	return req
}

// period decodes a whole number from 1 to most.
func (r *yamlReader) period(n *yaml.Node, ctx, name, unit string, most int) int {
	v, ok := r.integer(n, ctx, name)
	if !ok {
		return 0
	}
	if v < 1 || v > most {
		r.errorf(n, ctx, "%s must be from 1 to %d %s, found %d", name, most, unit, v)
		return 0
	}
	return v
}

// roles decodes a list of roles, each one of the audiences, none twice.
func (r *yamlReader) roles(n *yaml.Node, ctx string) []Audience {
	var out []Audience
	r.list(n, ctx, "roles", func(_ int, c *yaml.Node) {
		a := Audience(r.text(c, ctx, "roles"))
		switch {
		case a == "":
		case !a.Valid():
			r.errorf(c, ctx, "unknown role %q: use staff, graduate or manager, or leave out roles for every role", a)
		case slices.Contains(out, a):
			r.errorf(c, ctx, "role %q is named twice", a)
		default:
			out = append(out, a)
		}
	})
	return out
}

// String is the requirement in words, for previews and messages: "required
// for every role, renewed every 12 months, 30 days for new starters".
func (r Required) String() string {
	who := "every role"
	if len(r.Roles) > 0 {
		who = ""
		for i, a := range r.Roles {
			if i > 0 {
				who += ", "
			}
			who += string(a)
		}
	}
	renew := "never expires"
	if r.RenewMonths > 0 {
		renew = fmt.Sprintf("renewed every %d months", r.RenewMonths)
	}
	return fmt.Sprintf("required for %s, %s, %d days for new starters", who, renew, r.GraceDays)
}

// checkRequired warns about a module required for a role whose path leaves
// it out: learners in that role would be asked for a module their path
// never offers them.
func checkRequired(m *manifest, ps *problems) {
	for i := range m.pack.Modules {
		mod := &m.pack.Modules[i]
		if mod.Required == nil {
			continue
		}
		for _, a := range Audiences {
			path, ok := m.pack.Path(a)
			if !ok || !mod.Required.For(a) || slices.Contains(path.ModuleIDs, mod.ID) {
				continue
			}
			ps.warnf(ManifestFile, m.moduleLines[mod.ID], "module %q is required for %s, but the %s path does not include it: add it to that path, or name the roles it is required for", mod.ID, a, a)
		}
	}
}

// checkStoredRequired checks the requirements of a decoded pack as the
// manifest's reader would: the bytes come from a file on disk.
func checkStoredRequired(p *Pack) error {
	check := func(what string, r *Required) error {
		if r == nil {
			return nil
		}
		for _, a := range r.Roles {
			if !a.Valid() {
				return fmt.Errorf("%s: required for unknown role %q", what, a)
			}
		}
		if r.RenewMonths < 0 || r.RenewMonths > maxRenewMonths || r.GraceDays < 0 || r.GraceDays > maxGraceDays {
			return fmt.Errorf("%s: required periods out of range (%d months, %d days)", what, r.RenewMonths, r.GraceDays)
		}
		return nil
	}
	for i := range p.Modules {
		if err := check(fmt.Sprintf("module %q", p.Modules[i].ID), p.Modules[i].Required); err != nil {
			return err
		}
	}
	for i := range p.Paths {
		if err := check(fmt.Sprintf("path %q", p.Paths[i].Audience), p.Paths[i].Required); err != nil {
			return err
		}
	}
	return nil
}
