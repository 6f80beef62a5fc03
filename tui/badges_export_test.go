package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/upskill-council/upskill/internal/badge"
	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// exportTo sends the Badges screen's exports to a temporary folder.
func exportTo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	old := badgeExportDir
	badgeExportDir = func() string { return dir }
	t.Cleanup(func() { badgeExportDir = old })
	return dir
}

func TestBadgeExportWritesASignedCredential(t *testing.T) {
	dir := exportTo(t)
	hs := withLearner(t, 200, 40, "Sam Patel", "graduate")
	hs.keys("enter", "enter")
	answerPasswordsQuiz(t, hs, true)
	hs.keys("esc", "esc", "b")
	hs.requireScreen("tab next badge", "x export this badge")

	hs.keys("x")
	hs.requireScreen("has not set up its badge issuer")
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a file was written without an issuer: %v", err)
	}

	is, err := badgeissuer.Init(badgeissuer.DirBeside(hs.store.Path()), badgeissuer.Profile{Name: "Example Council",
		URL: "https://www.example-council.gov.uk", Identify: badgeissuer.IdentifyName}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	earned := badgesModel{c: hs.m.c}.earned()
	if len(earned) < 2 {
		t.Fatalf("the learner should have two badges, has %d", len(earned))
	}
	hs.keys("tab", "x")
	hs.requireScreen("Saved", "only you can read it")
	path := filepath.Join(dir, hs.m.c.pack.ID+"-"+earned[1].ID+".json")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the chosen badge was not written where the screen says: %v\n%s", err, hs.screen())
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("credential file mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	res, err := badge.Verify(data, is.Resolver(), fixedNow())
	if err != nil {
		t.Fatalf("the exported credential does not verify: %v", err)
	}
	if res.Achievement != earned[1].Title || res.Learner != "Sam Patel" {
		t.Errorf("exported %q for %q, want %q for Sam Patel", res.Achievement, res.Learner, earned[1].Title)
	}
}

func TestBadgeExportOverSSHShowsTheCommand(t *testing.T) {
	exportTo(t)
	store := openStore(t)
	p, err := store.CreateProfile("Asha", "staff", testNow)
	if err != nil {
		t.Fatal(err)
	}
	pack := loadTestPack(t)
	if _, err := store.AwardBadge(p.ID, pack.ID, pack.Badges[0].ID, testNow); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ssh  func(string) string
		want string
	}{
		{nil, "ssh HOST badges export " + pack.Badges[0].ID},
		// The server knows the address: the command is whole.
		{func(remote string) string { return "ssh -p 2222 learn.example.gov.uk " + remote },
			"run there: ssh -p 2222 learn.example.gov.uk badges export " + pack.Badges[0].ID + " > " + pack.Badges[0].ID + ".json"},
	} {
		m, err := New(Options{Store: store, Pack: pack, Profile: "Asha", Now: fixedNow, OneLearner: true, SSHCommand: c.ssh})
		if err != nil {
			t.Fatal(err)
		}
		m.c.saveDelay = 0
		h := &harness{t: t, m: m, store: store, pack: pack}
		h.run(m.Init())
		h.send(tea.WindowSizeMsg{Width: 200, Height: 30})
		h.keys("b", "x")
		h.requireScreen(c.want)
		if strings.Contains(h.screen(), "Saved") {
			t.Error("over SSH the screen says it saved a file")
		}
	}
	if entries, _ := os.ReadDir(badgeExportDir()); len(entries) > 0 {
		t.Error("the server wrote a file for a learner over SSH")
	}
}
