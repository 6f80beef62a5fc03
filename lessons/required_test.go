package lessons

import (
	"reflect"
	"strings"
	"testing"
)

// requiredManifest marks module basics required for staff and managers
// (renewed yearly, 14 days' grace) and the manager path required with a
// six-month renewal.
func requiredPack(t testing.TB) *Pack {
	t.Helper()
	fsys := validPack()
	edit(t, fsys, ManifestFile, "      - first-lesson\n", "      - first-lesson\n    required:\n      roles: [manager, staff]\n      renew_months: 12\n      grace_days: 14\n")
	edit(t, fsys, ManifestFile, "    title: Manager path\n", "    title: Manager path\n    required:\n      renew_months: 6\n")
	return mustLoad(t, fsys)
}

func TestRequiredDecoded(t *testing.T) {
	p := requiredPack(t)
	basics, _ := p.Module("basics")
	want := &Required{Roles: []Audience{Manager, Staff}, RenewMonths: 12, GraceDays: 14}
	if !reflect.DeepEqual(basics.Required, want) {
		t.Errorf("basics.Required = %+v, want %+v", basics.Required, want)
	}
	path, _ := p.Path(Manager)
	if want := (&Required{RenewMonths: 6, GraceDays: DefaultGraceDays}); !reflect.DeepEqual(path.Required, want) {
		t.Errorf("manager path Required = %+v, want %+v", path.Required, want)
	}
	// The manager path holds only "more"; "basics" is required by itself.
	got := p.Requirements()
	if len(got) != 2 || got[0].Module.ID != "basics" || got[1].Module.ID != "more" {
		t.Fatalf("Requirements = %+v", got)
	}
	if want := (Required{Roles: []Audience{Staff, Manager}, RenewMonths: 12, GraceDays: 14}); !reflect.DeepEqual(got[0].Required, want) {
		t.Errorf("basics requirement = %+v, want %+v (roles in the order they are offered)", got[0].Required, want)
	}
	if want := (Required{Roles: []Audience{Manager}, RenewMonths: 6, GraceDays: DefaultGraceDays}); !reflect.DeepEqual(got[1].Required, want) {
		t.Errorf("more requirement = %+v, want %+v", got[1].Required, want)
	}
	if !got[1].For(Manager) || got[1].For(Staff) || got[1].For(Graduate) {
		t.Errorf("more is required for managers only: %+v", got[1].Required)
	}
}

func TestRequiredTrueAndCombined(t *testing.T) {
	fsys := validPack()
	edit(t, fsys, ManifestFile, "      - second-lesson\n", "      - second-lesson\n    required: true\n")
	edit(t, fsys, ManifestFile, "    title: Manager path\n", "    title: Manager path\n    required:\n      renew_months: 24\n      grace_days: 7\n")
	p := mustLoad(t, fsys)
	got := p.Requirements()
	if len(got) != 1 || got[0].Module.ID != "more" {
		t.Fatalf("Requirements = %+v", got)
	}
	// true: every role, never expires, default grace; the manager path
	// shortens both periods, and every role stays.
	if want := (Required{RenewMonths: 24, GraceDays: 7}); !reflect.DeepEqual(got[0].Required, want) {
		t.Errorf("combined = %+v, want %+v", got[0].Required, want)
	}
	if s := got[0].String(); s != "required for every role, renewed every 24 months, 7 days for new starters" {
		t.Errorf("String = %q", s)
	}
	if len(mustLoad(t, validPack()).Requirements()) != 0 {
		t.Error("a pack without required has requirements")
	}
}

func TestRequiredValidation(t *testing.T) {
	const m = ManifestFile
	at := "      - first-lesson\n" // line 15; required starts on line 16
	cases := []struct {
		name, required string
		line           int
		msg            string
	}{
		{"unknown role", "    required:\n      roles: [staff, cleaner]\n", 17, `module "basics" required: unknown role "cleaner"`},
		{"role twice", "    required:\n      roles: [staff, staff]\n", 17, `role "staff" is named twice`},
		{"zero renewal", "    required:\n      renew_months: 0\n", 17, "renew_months must be from 1 to 120 months, found 0"},
		{"negative grace", "    required:\n      grace_days: -3\n", 17, "grace_days must be from 1 to 365 days, found -3"},
		{"absurd renewal", "    required:\n      renew_months: 1200\n", 17, "renew_months must be from 1 to 120 months, found 1200"},
		{"absurd grace", "    required:\n      grace_days: 4000\n", 17, "grace_days must be from 1 to 365 days, found 4000"},
		{"not a number", "    required:\n      renew_months: yearly\n", 17, `"renew_months" must be a whole number`},
		{"typo", "    required:\n      renew_month: 12\n", 17, `unknown field "renew_month" (did you mean "renew_months"?)`},
		{"a list", "    required: [staff]\n", 16, "expected true, false or a set of fields"},
		{"empty roles", "    required:\n      roles: []\n", 17, `"roles" is an empty list`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := validPack()
			edit(t, fsys, m, at, at+c.required)
			problems := loadProblems(t, fsys)
			if _, ok := findProblem(problems, m, c.line, c.msg); !ok {
				t.Errorf("want %s:%d: %s; got\n%s", m, c.line, c.msg, listProblems(problems))
			}
		})
	}
	// A path takes no roles: its audience is the role.
	fsys := validPack()
	edit(t, fsys, m, "    title: Manager path\n", "    title: Manager path\n    required:\n      roles: [staff]\n")
	problems := loadProblems(t, fsys)
	if _, ok := findProblem(problems, m, 28, `path "manager" required: unknown field "roles"`); !ok {
		t.Errorf("roles on a path: got\n%s", listProblems(problems))
	}
	// A required path naming a module the pack does not have.
	fsys = validPack()
	edit(t, fsys, m, "    modules: [more]\n", "    modules: [more, missing]\n    required: true\n")
	problems = loadProblems(t, fsys)
	if _, ok := findProblem(problems, m, 27, `names module "missing" but the pack has no module with that id`); !ok {
		t.Errorf("missing module: got\n%s", listProblems(problems))
	}
}

func TestRequiredOutsideItsPathWarns(t *testing.T) {
	fsys := validPack()
	// basics is required for managers, whose path holds only "more".
	edit(t, fsys, ManifestFile, "      - first-lesson\n", "      - first-lesson\n    required:\n      roles: [manager]\n")
	p := mustLoad(t, fsys)
	found, about := false, 0
	for _, w := range p.Warnings {
		found = found || (w.Line == 11 && strings.Contains(w.Message, `module "basics" is required for manager, but the manager path does not include it`))
		if strings.Contains(w.Message, "required") {
			about++
		}
	}
	if !found || about != 1 {
		t.Errorf("warnings = %+v", p.Warnings)
	}
}

func TestRequiredSurvivesEncoding(t *testing.T) {
	p := requiredPack(t)
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("required lost in encoding:\n%+v\n%+v", p.Requirements(), q.Requirements())
	}
}

func TestDecodeRefusesBadRequired(t *testing.T) {
	for name, bad := range map[string]Required{
		"unknown role":     {Roles: []Audience{"cleaner"}, GraceDays: 30},
		"negative renewal": {RenewMonths: -1, GraceDays: 30},
		"huge grace":       {GraceDays: 100000},
	} {
		p := requiredPack(t)
		p.Modules[0].Required = &bad
		data, err := Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(data); err == nil || !strings.Contains(err.Error(), "required") {
			t.Errorf("%s: Decode error = %v", name, err)
		}
	}
}
