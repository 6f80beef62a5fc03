package accounts

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/invite"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

var now = time.Date(2026, time.December, 3, 10, 0, 0, 0, time.UTC)

// newStore opens a fresh progress file (real bbolt).
func newStore(t *testing.T) *progress.Store {
	t.Helper()
	s, err := progress.Open(filepath.Join(t.TempDir(), "upskill.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newKey makes an ed25519 public key as an authorized_keys line.
func newKey(t *testing.T, comment string) (ssh.PublicKey, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pk, strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))) + " " + comment + "\n"
}

func mustEnrolment(t *testing.T, name, role, team, access string) Enrolment {
	t.Helper()
	e, err := NewEnrolment(name, role, team, access)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestParseRoleAcceptsIdsAndWords(t *testing.T) {
	for typed, want := range map[string]lessons.Audience{
		"staff": lessons.Staff, "Council staff": lessons.Staff, " council   STAFF ": lessons.Staff,
		"graduate": lessons.Graduate, "Graduates": lessons.Graduate,
		"manager": lessons.Manager, "managers": lessons.Manager, "Managers and leaders": lessons.Manager,
	} {
		if got, err := ParseRole(typed); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	for _, bad := range []string{"", "admin", "staffs", "trainer"} {
		if _, err := ParseRole(bad); !errors.Is(err, ErrBadRole) {
			t.Errorf("ParseRole(%q) = %v, want ErrBadRole", bad, err)
		}
	}
}

func TestParseAccess(t *testing.T) {
	for typed, want := range map[string]progress.Access{"": progress.AccessLearner, "Admin": progress.AccessAdmin, " trainer ": progress.AccessTrainer} {
		if got, err := ParseAccess(typed); err != nil || got != want {
			t.Errorf("ParseAccess(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
	if _, err := ParseAccess("root"); !errors.Is(err, ErrBadAccess) {
		t.Errorf("ParseAccess(root) = %v, want ErrBadAccess", err)
	}
}

// TestEveryAccessLevelAgainstEveryOp: the whole table of who may do what.
func TestEveryAccessLevelAgainstEveryOp(t *testing.T) {
	L, T, M, A := progress.AccessLearner, progress.AccessTrainer, progress.AccessManager, progress.AccessAdmin
	allowed := map[string]bool{}
	for _, by := range []progress.Access{T, M, A} {
		allowed[fmt.Sprint(by, OpList)] = true
	}
	for _, op := range []Op{OpInvite, OpAdd, OpImport} {
		allowed[fmt.Sprint(T, op, L)] = true
	}
	allowed[fmt.Sprint(T, OpSetTimeZone)] = true
	for _, by := range progress.AccessLevels {
		for _, op := range Ops {
			for _, grant := range progress.AccessLevels {
				want := by == A || allowed[fmt.Sprint(by, op)] || allowed[fmt.Sprint(by, op, grant)]
				err := Allowed(by, op, grant)
				if (err == nil) != want {
					t.Errorf("Allowed(%s, %s, %s) = %v, want allowed %v", by, op, grant, err, want)
				}
				if err != nil && !errors.Is(err, ErrNotAllowed) {
					t.Errorf("Allowed(%s, %s, %s) = %v, want ErrNotAllowed", by, op, grant, err)
				}
			}
		}
	}
	// And the functions check it before touching the file.
	s := newStore(t)
	e := mustEnrolment(t, "Ada", "staff", "", "admin")
	if _, err := Invite(s, T, e, now); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("a trainer inviting an admin: %v", err)
	}
	if _, err := List(s, L); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("a learner listing: %v", err)
	}
	for name, err := range map[string]error{
		"remove":     func() error { _, err := Remove(s, M, "Ada", false); return err }(),
		"set-role":   func() error { _, err := SetRole(s, T, "Ada", "staff"); return err }(),
		"set-team":   func() error { _, err := SetTeam(s, M, "Ada", "x"); return err }(),
		"set-access": func() error { _, err := SetAccess(s, T, "Ada", "admin"); return err }(),
		"set-zone":   func() error { _, err := SetTimeZone(s, M, "Ada", "Europe/London"); return err }(),
		"set-boss":   func() error { _, err := SetManager(s, T, "Ada", "Bea"); return err }(),
	} {
		if !errors.Is(err, ErrNotAllowed) {
			t.Errorf("%s by a non-admin: %v", name, err)
		}
	}
	if ps, _ := s.Profiles(); len(ps) != 0 {
		t.Errorf("refused commands made learners: %+v", ps)
	}
}

func TestInviteThenRedeem(t *testing.T) {
	s := newStore(t)
	issued, err := Invite(s, progress.AccessTrainer, mustEnrolment(t, "Ada Lovelace", "graduates", "Revenues", ""), now)
	if err != nil {
		t.Fatal(err)
	}
	if !issued.Expires.Equal(now.Add(14*24*time.Hour)) || !strings.Contains(issued.Text(), issued.Code) ||
		!strings.Contains(issued.Text(), "17 December 2026") {
		t.Errorf("issued %+v, text %q", issued, issued.Text())
	}
	pk, _ := newKey(t, "")
	key := KeyFromSSH(pk)
	if _, err := Redeem(s, "AAAA-AAAA-AA", key, now); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("a wrong code = %v, want ErrNotFound", err)
	}
	if _, err := Redeem(s, "nonsense", key, now); !errors.Is(err, invite.ErrBadCode) {
		t.Errorf("not a code = %v, want ErrBadCode", err)
	}
	typed := strings.ToLower(strings.ReplaceAll(issued.Code, "-", " "))
	p, err := Redeem(s, typed, key, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Ada Lovelace" || p.Role != "graduate" || p.Team != "Revenues" || p.Access != progress.AccessLearner {
		t.Errorf("enrolled %+v", p)
	}
	if got, err := s.ProfileByKey(key.Fingerprint); err != nil || got.ID != p.ID {
		t.Errorf("the key does not find Ada: %+v, %v", got, err)
	}
	pk2, _ := newKey(t, "")
	if _, err := Redeem(s, issued.Code, KeyFromSSH(pk2), now.Add(time.Hour)); !errors.Is(err, progress.ErrInviteUsed) {
		t.Errorf("the code again = %v, want ErrInviteUsed", err)
	}
}

func TestParseKey(t *testing.T) {
	pk, line := newKey(t, "ada@laptop")
	k, err := ParseKey([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if k.Fingerprint != ssh.FingerprintSHA256(pk) || k.Comment != "ada@laptop" || !strings.HasPrefix(k.Line, "ssh-ed25519 ") || strings.Contains(k.Line, "\n") {
		t.Errorf("ParseKey = %+v", k)
	}
	_, other := newKey(t, "")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	weak, err := ssh.NewPublicKey(&rsaKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		data string
		want error
	}{
		"private key":  {"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", ErrPrivateKey},
		"PEM RSA":      {"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n", ErrPrivateKey},
		"garbage":      {"hello world\n", ErrNotKey},
		"empty":        {"", ErrNotKey},
		"two keys":     {line + other, ErrNotKey},
		"bad base64":   {"ssh-ed25519 AAAA!!!! x\n", ErrNotKey},
		"weak RSA":     {string(ssh.MarshalAuthorizedKey(weak)), ErrWeakKey},
		"huge":         {strings.Repeat("A", 20000), ErrNotKey},
		"escape codes": {"ssh-ed25519 \x1b[2J\n", ErrNotKey},
	} {
		if _, err := ParseKey([]byte(c.data)); !errors.Is(err, c.want) {
			t.Errorf("%s: ParseKey = %v, want %v", name, err, c.want)
		}
	}
	// A comment with control characters is cleaned.
	k, err = ParseKey([]byte(strings.TrimSpace(line) + "\x1b[31mred\n"))
	if err != nil || strings.ContainsRune(k.Line, 0x1b) {
		t.Errorf("a comment with an escape: %+v, %v", k, err)
	}
}

func TestAddAndList(t *testing.T) {
	s := newStore(t)
	_, line := newKey(t, "ada@laptop")
	key, err := ParseKey([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Add(s, progress.AccessAdmin, mustEnrolment(t, "Ada", "manager", "Planning", "admin"), key, now)
	if err != nil {
		t.Fatal(err)
	}
	if p.Access != progress.AccessAdmin || p.Team != "Planning" || p.Role != "manager" {
		t.Errorf("added %+v", p)
	}
	if _, err := Add(s, progress.AccessAdmin, mustEnrolment(t, "Bea", "staff", "", ""), key, now); !errors.Is(err, progress.ErrKeyInUse) {
		t.Errorf("Ada's key for Bea = %v, want ErrKeyInUse", err)
	}
	if _, err := Invite(s, progress.AccessAdmin, mustEnrolment(t, "Bea", "staff", "", ""), now); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReading(p.ID, progress.LessonKey{Pack: "p", Lesson: "l"}, 0.5, now); err != nil {
		t.Fatal(err)
	}
	list, err := List(s, progress.AccessManager)
	if err != nil {
		t.Fatal(err)
	}
	want := []Learner{{Name: "Ada", Role: "manager", Team: "Planning", Access: progress.AccessAdmin, Keys: 1, LastActive: "2026-12-03"}}
	if fmt.Sprint(list) != fmt.Sprint(want) {
		t.Errorf("List = %+v, want %+v (an invited learner is not listed until enrolled)", list, want)
	}
	var b strings.Builder
	if err := WriteList(&b, list); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "LAST ACTIVE") || !strings.Contains(b.String(), "2026-12-03") {
		t.Errorf("WriteList:\n%s", b.String())
	}
	// A trainer's key file cannot take over an admin's profile.
	_, line2 := newKey(t, "")
	key2, _ := ParseKey([]byte(line2))
	if _, err := Add(s, progress.AccessTrainer, mustEnrolment(t, "ada", "staff", "", ""), key2, now); !errors.Is(err, progress.ErrInviteAccess) {
		t.Errorf("a trainer adding a key to the admin = %v, want ErrInviteAccess", err)
	}
	if _, err := s.ProfileByKey(key2.Fingerprint); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("the refused key was bound: %v", err)
	}
}

func TestRemoveAndSetters(t *testing.T) {
	s := newStore(t)
	var keys []PublicKey
	for _, name := range []string{"Ada", "Bea"} {
		_, line := newKey(t, "")
		key, _ := ParseKey([]byte(line))
		keys = append(keys, key)
		if _, err := Add(s, progress.AccessAdmin, mustEnrolment(t, name, "staff", "", "admin"), key, now); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := SetRole(s, progress.AccessAdmin, "ada", "Managers and leaders"); err != nil || p.Role != "manager" {
		t.Errorf("SetRole = %+v, %v", p, err)
	}
	if p, err := SetTeam(s, progress.AccessAdmin, "ada", " Adult  social care"); err != nil || p.Team != "Adult social care" {
		t.Errorf("SetTeam = %+v, %v", p, err)
	}
	if _, err := SetAccess(s, progress.AccessAdmin, "ada", "boss"); !errors.Is(err, ErrBadAccess) {
		t.Errorf("SetAccess(boss) = %v", err)
	}
	if _, err := SetRole(s, progress.AccessAdmin, "nobody", "staff"); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("SetRole(nobody) = %v", err)
	}
	if p, err := SetAccess(s, progress.AccessAdmin, "ada", "trainer"); err != nil || p.Access != progress.AccessTrainer {
		t.Errorf("SetAccess(trainer) = %+v, %v", p, err)
	}
	if _, err := SetAccess(s, progress.AccessAdmin, "bea", "learner"); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("demoting the last admin = %v, want ErrLastAdmin", err)
	}
	if _, err := Remove(s, progress.AccessAdmin, "bea", false); !errors.Is(err, ErrLastAdmin) {
		t.Errorf("removing the last admin = %v, want ErrLastAdmin", err)
	}
	r, err := Remove(s, progress.AccessAdmin, "ada", false)
	if err != nil || r.Keys != 1 || r.Purged {
		t.Fatalf("Remove = %+v, %v", r, err)
	}
	if !strings.Contains(r.Text(), "progress is kept") {
		t.Errorf("Remove text %q", r.Text())
	}
	if _, err := s.ProfileByKey(keys[0].Fingerprint); !errors.Is(err, progress.ErrNotFound) {
		t.Errorf("a removed learner's key still works: %v", err)
	}
	if p, err := s.ProfileByName("Ada"); err != nil || p.Access != progress.AccessLearner {
		t.Errorf("Ada after removal: %+v, %v; want kept, as a learner", p, err)
	}
}
