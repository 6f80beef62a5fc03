package server

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons/packfs"
	"github.com/upskill-council/upskill/progress"
)

// cmdServer is a server wired to the real accounts directory, with one
// enrolled key per access level.
type cmdServer struct {
	*testServer
	keys map[progress.Access]gossh.Signer
}

func startCmdServer(t *testing.T) *cmdServer {
	t.Helper()
	ts := startServerWith(t, Limits{ConnectsPerMinute: 1000}, nil, func(s *progress.Store) Directory { return accounts.Directory{Store: s} })
	cs := &cmdServer{testServer: ts, keys: map[progress.Access]gossh.Signer{}}
	for _, a := range []progress.Access{progress.AccessAdmin, progress.AccessTrainer, progress.AccessManager, progress.AccessLearner} {
		cs.keys[a] = cs.enrol(string(a)+" one", "Housing", a)
	}
	return cs
}

// enrol adds a learner with a new key.
func (cs *cmdServer) enrol(name, team string, a progress.Access) gossh.Signer {
	cs.t.Helper()
	key := newKey(cs.t)
	e, err := accounts.NewEnrolment(name, "staff", team, string(a))
	if err != nil {
		cs.t.Fatal(err)
	}
	pk := accounts.KeyFromSSH(key.PublicKey())
	if _, err := accounts.Add(cs.store, progress.AccessAdmin, e, pk, testNow); err != nil {
		cs.t.Fatal(err)
	}
	return key
}

// cmdResult is what a command over SSH gave.
type cmdResult struct {
	stdout, stderr string
	status         int
}

// run runs cmd over SSH with key, stdin as its standard input.
func (cs *cmdServer) run(key gossh.Signer, stdin []byte, cmd string) cmdResult {
	cs.t.Helper()
	conn, err := gossh.Dial("tcp", cs.addr, &gossh.ClientConfig{
		User: "admin", Auth: keyAuth(key), HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
	if err != nil {
		cs.t.Fatalf("connect: %v", err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		cs.t.Fatalf("session: %v", err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr, sess.Stdin = &out, &errb, bytes.NewReader(stdin)
	err = sess.Run(cmd)
	r := cmdResult{stdout: out.String(), stderr: errb.String()}
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		r.status = exit.ExitStatus()
	case err != nil:
		cs.t.Fatalf("run %q: %v", cmd, err)
	}
	return r
}

// testPackZip is the test pack under another id, as a .zip.
func testPackZip(t *testing.T, id string) []byte {
	t.Helper()
	src := os.DirFS("../testdata/pack")
	m := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if p == "pack.yaml" {
			data = bytes.Replace(data, []byte("id: test-pack"), []byte("id: "+id), 1)
		}
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := packfs.WriteZip(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEveryAccessLevelAgainstEveryCommand: each access level may run
// exactly the commands its table row allows; the others end with "not
// allowed" on standard error and exit status 1, having changed nothing.
func TestEveryAccessLevelAgainstEveryCommand(t *testing.T) {
	cs := startCmdServer(t)
	const (
		A = 1 << iota // admin
		T             // trainer
		M             // manager
		L             // learner
	)
	bit := map[progress.Access]int{progress.AccessAdmin: A, progress.AccessTrainer: T, progress.AccessManager: M, progress.AccessLearner: L}
	cases := []struct {
		cmd     string
		allowed int
	}{
		{"learners list", A | T | M},
		{"learners invite Newcomer --role staff", A | T},
		{"learners invite Boss --role staff --access admin", A},
		{"learners set-role %s graduate", A},
		{"learners set-team %s Planning", A},
		{"learners set-access %s learner", A},
		{"learners set-timezone %s Pacific/Auckland", A | T},
		{"learners set-manager %s 'manager one'", A},
		{"learners remove %s --yes", A},
		{"pack list", A | T},
		{"pack export test-pack", A | T},
		{"progress --json", A | T | M},
		{"backup", A},
	}
	for _, c := range cases {
		for a, key := range cs.keys {
			// Each change acts on a learner made for it, so that cases do
			// not depend on one another.
			words := strings.Fields(c.cmd)
			target := "target " + string(a) + " " + words[min(1, len(words)-1)]
			cs.enrol(target, "Housing", progress.AccessLearner)
			cmd := strings.Replace(c.cmd, "%s", "'"+target+"'", 1)
			r := cs.run(key, nil, cmd)
			want := c.allowed&bit[a] != 0
			if want && r.status != 0 {
				t.Errorf("%s: %q failed (%d): %s", a, cmd, r.status, r.stderr)
			}
			if !want && (r.status != 1 || !strings.Contains(r.stderr, "not allowed")) {
				t.Errorf("%s: %q gave status %d, stderr %q; want 1 and not allowed", a, cmd, r.status, r.stderr)
			}
		}
	}
	// The refused changes changed nothing.
	for _, a := range []progress.Access{progress.AccessTrainer, progress.AccessManager, progress.AccessLearner} {
		p, err := cs.store.ProfileByName("target " + string(a) + " set-role")
		if err != nil || p.Role != "staff" {
			t.Errorf("a %s's refused set-role left %+v, %v", a, p, err)
		}
		if _, err := cs.store.ProfileByName("target " + string(a) + " remove"); err != nil {
			t.Errorf("a %s's refused remove: %v", a, err)
		}
	}
}

// TestUnknownKeyCannotRunCommands: a key that is not enrolled gets "not
// allowed" and status 1, and no command runs.
func TestUnknownKeyCannotRunCommands(t *testing.T) {
	cs := startCmdServer(t)
	r := cs.run(newKey(t), nil, "learners list")
	if r.status != 1 || !strings.Contains(r.stderr, "not allowed") || strings.Contains(r.stdout, "admin one") {
		t.Fatalf("unknown key: status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
}

// TestLearnersCommandsOverSSH: an admin lists, invites and adds learners
// (the key on standard input) as the local command line does.
func TestLearnersCommandsOverSSH(t *testing.T) {
	cs := startCmdServer(t)
	admin := cs.keys[progress.AccessAdmin]
	if r := cs.run(admin, nil, "learners list"); r.status != 0 || !strings.Contains(r.stdout, "manager one") {
		t.Fatalf("list: %+v", r)
	}
	r := cs.run(admin, nil, "learners invite 'Ceri Lloyd' --role graduate --team Waste")
	if r.status != 0 || !strings.Contains(r.stdout, "Invite for Ceri Lloyd") {
		t.Fatalf("invite: %+v", r)
	}
	key := newKey(t)
	line := gossh.MarshalAuthorizedKey(key.PublicKey())
	if r := cs.run(admin, line, "learners add Dai --role manager --team Waste"); r.status != 0 {
		t.Fatalf("add: %+v", r)
	}
	p, err := cs.store.ProfileByKey(gossh.FingerprintSHA256(key.PublicKey()))
	if err != nil || p.Name != "Dai" || p.Team != "Waste" {
		t.Fatalf("added key belongs to %+v, %v", p, err)
	}
	var list []accounts.Learner
	r = cs.run(admin, nil, "learners list --json")
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("list --json: %v in %q", err, r.stdout)
	}
	if len(list) != 5 {
		t.Errorf("list --json has %d learners, want 5", len(list))
	}
	// Time zone and manager, set over SSH, are listed.
	if r := cs.run(admin, nil, "learners set-timezone Dai Europe/London"); r.status != 0 || !strings.Contains(r.stdout, "Europe/London") {
		t.Fatalf("set-timezone: %+v", r)
	}
	if r := cs.run(admin, nil, "learners set-manager Dai 'manager one'"); r.status != 0 || !strings.Contains(r.stdout, "managed by manager one") {
		t.Fatalf("set-manager: %+v", r)
	}
	if r := cs.run(admin, nil, "learners set-timezone Dai Moon/Base"); r.status != 1 || !strings.Contains(r.stderr, "not a time zone") {
		t.Errorf("a bad zone: %+v", r)
	}
	r = cs.run(admin, nil, "learners list --json")
	list = nil
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("list --json: %v in %q", err, r.stdout)
	}
	for _, l := range list {
		if l.Name == "Dai" && (l.Manager != "manager one" || l.TimeZone != "Europe/London") {
			t.Errorf("Dai in the list: %+v", l)
		}
	}
}

// TestPackImportOverSSH: a valid .zip on standard input is imported and
// listed, and exports again; a hostile one is refused with nothing
// stored.
func TestPackImportOverSSH(t *testing.T) {
	cs := startCmdServer(t)
	trainer := cs.keys[progress.AccessTrainer]
	r := cs.run(trainer, testPackZip(t, "extra-pack"), "pack import -")
	if r.status != 0 || !strings.Contains(r.stdout, "Imported extra-pack") {
		t.Fatalf("import: %+v", r)
	}
	if r := cs.run(trainer, nil, "pack list"); !strings.Contains(r.stdout, "extra-pack") {
		t.Fatalf("pack list after import: %+v", r)
	}
	// Where it came from is recorded truly: not the temporary copy.
	info, _, err := cs.store.Pack("extra-pack")
	trainerName := "trainer one"
	if err != nil || info.Source != "standard input over SSH from "+trainerName {
		t.Errorf("the pack's source is %q (%v), want standard input over SSH from %s", info.Source, err, trainerName)
	}
	if r := cs.run(trainer, nil, "pack list --json"); !strings.Contains(r.stdout, "standard input over SSH from "+trainerName) {
		t.Errorf("pack list --json does not say where the pack came from: %s", r.stdout)
	}
	r = cs.run(trainer, nil, "pack export extra-pack")
	zr, err := zip.NewReader(bytes.NewReader([]byte(r.stdout)), int64(len(r.stdout)))
	if err != nil || r.status != 0 {
		t.Fatalf("export: %v, %+v", err, r.stderr)
	}
	if len(zr.File) == 0 {
		t.Fatal("export wrote an empty .zip")
	}

	before, err := cs.store.Packs()
	if err != nil {
		t.Fatal(err)
	}
	var hostile bytes.Buffer
	zw := zip.NewWriter(&hostile)
	w, _ := zw.Create("../../escape/pack.yaml")
	w.Write([]byte("id: evil\ntitle: Evil\nversion: 1.0.0\n"))
	zw.Close()
	r = cs.run(trainer, hostile.Bytes(), "pack import -")
	if r.status != 1 || !strings.Contains(r.stderr, "not imported") {
		t.Fatalf("hostile import: %+v", r)
	}
	after, err := cs.store.Packs()
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("a hostile .zip changed the stored packs: %d, then %d", len(before), len(after))
	}
	if r := cs.run(trainer, []byte("not a zip at all"), "pack import -"); r.status != 1 {
		t.Errorf("garbage import: %+v", r)
	}
	if r := cs.run(trainer, nil, "pack remove extra-pack"); r.status != 0 {
		t.Fatalf("remove: %+v", r)
	}
	if r := cs.run(trainer, nil, "pack list"); strings.Contains(r.stdout, "extra-pack") {
		t.Errorf("extra-pack still listed after remove")
	}
}

// TestBackupOverSSH: the backup an admin receives is a progress file that
// opens with the same learners.
func TestBackupOverSSH(t *testing.T) {
	cs := startCmdServer(t)
	r := cs.run(cs.keys[progress.AccessAdmin], nil, "backup")
	if r.status != 0 {
		t.Fatalf("backup: %+v", r)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	copied, err := progress.Open(path, review.StoreOptions())
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer copied.Close()
	want, _ := cs.store.Profiles()
	got, err := copied.Profiles()
	if err != nil || len(got) != len(want) {
		t.Fatalf("backup has %d learners (%v), want %d", len(got), err, len(want))
	}
	for i := range want {
		if got[i].Name != want[i].Name || got[i].Access != want[i].Access {
			t.Errorf("backup learner %d is %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestProgressForAManagersTeam: a manager sees their own team's progress
// only, and asking for another team is refused; an admin may ask for any.
func TestProgressForAManagersTeam(t *testing.T) {
	cs := startCmdServer(t)
	cs.enrol("Elin in waste", "Waste", progress.AccessLearner)
	names := func(r cmdResult) []string {
		t.Helper()
		var rep struct {
			Learners []struct {
				Name string `json:"name"`
			} `json:"learners"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("progress --json: %v in %q (%s)", err, r.stdout, r.stderr)
		}
		var out []string
		for _, l := range rep.Learners {
			out = append(out, l.Name)
		}
		return out
	}
	manager := cs.keys[progress.AccessManager]
	got := names(cs.run(manager, nil, "progress --json"))
	if len(got) != 4 || strings.Contains(strings.Join(got, ","), "Elin") {
		t.Errorf("manager of Housing sees %v, want the four in Housing", got)
	}
	if got := names(cs.run(manager, nil, "progress --json --team housing")); len(got) != 4 {
		t.Errorf("manager --team housing sees %v", got)
	}
	if r := cs.run(manager, nil, "progress --json --team Waste"); r.status != 1 || !strings.Contains(r.stderr, "not allowed") {
		t.Errorf("manager asking for Waste: %+v", r)
	}
	if got := names(cs.run(cs.keys[progress.AccessAdmin], nil, "progress --json --team Waste")); len(got) != 1 || got[0] != "Elin in waste" {
		t.Errorf("admin --team Waste sees %v", got)
	}
}
