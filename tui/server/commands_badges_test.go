package server

import (
	"bytes"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/badge"
	"github.com/upskill-council/upskill/internal/badgeissuer"
	"github.com/upskill-council/upskill/progress"
)

func TestBadgesExportOverSSH(t *testing.T) {
	ts := startServer(t, Limits{}, nil)
	asha, err := ts.store.CreateProfile("Asha", "staff", testNow)
	if err != nil {
		t.Fatal(err)
	}
	bryn, err := ts.store.CreateProfile("Bryn", "staff", testNow)
	if err != nil {
		t.Fatal(err)
	}
	packID := ts.srv.cfg.Catalog.Default()
	pack, err := ts.srv.cfg.Catalog.Load(packID)
	if err != nil {
		t.Fatal(err)
	}
	first, second := pack.Badges[0], pack.Badges[1]
	for _, award := range []struct {
		p progress.Profile
		b string
	}{{asha, first.ID}, {bryn, second.ID}} {
		if _, err := ts.store.AwardBadge(award.p.ID, packID, award.b, testNow); err != nil {
			t.Fatal(err)
		}
	}
	run := func(caller progress.Profile, argv ...string) (string, string, int) {
		var out, errw bytes.Buffer
		code := ts.srv.runCommand(caller, argv, strings.NewReader(""), &out, &errw)
		return out.String(), errw.String(), code
	}

	if _, errs, code := run(asha, "badges", "export", first.ID); code == 0 || !strings.Contains(errs, "ask an admin") {
		t.Errorf("no issuer: status %d, %q", code, errs)
	}
	is, err := badgeissuer.Init(badgeissuer.DirBeside(ts.store.Path()), badgeissuer.Profile{Name: "Example Council",
		URL: "https://www.example-council.gov.uk", Identify: badgeissuer.IdentifyName}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if out, _, code := run(asha, "badges", "export"); code != 0 || !strings.Contains(out, first.ID) || strings.Contains(out, second.ID) {
		t.Errorf("list: status %d, %q", code, out)
	}
	for _, f := range []string{"json", "jwt"} {
		out, errs, code := run(asha, "badges", "export", first.ID, "--format", f)
		if code != 0 {
			t.Fatalf("%s: status %d: %s", f, code, errs)
		}
		res, err := badge.Verify([]byte(out), is.Resolver(), testNow)
		if err != nil || res.Achievement != first.Title || res.Learner != "Asha" {
			t.Errorf("%s: %+v, %v", f, res, err)
		}
	}
	// Only one's own badges: Bryn's badge is not Asha's to export.
	if out, errs, code := run(asha, "badges", "export", second.ID); code == 0 || out != "" || !strings.Contains(errs, "no earned badge") {
		t.Errorf("another learner's badge: status %d, out %q, err %q", code, out, errs)
	}
	// Only admins rotate the key.
	if _, errs, code := run(asha, "badges", "issuer", "rotate"); code == 0 || !strings.Contains(errs, "not allowed") {
		t.Errorf("a learner rotated the key: status %d, %q", code, errs)
	}
	admin := asha
	admin.Access = progress.AccessAdmin
	if _, errs, code := run(admin, "badges", "issuer", "rotate"); code != 0 {
		t.Errorf("an admin could not rotate the key: %s", errs)
	}
	if out, _, code := run(asha, "badges", "issuer", "show"); code != 0 || strings.Count(out, "Key:") != 2 {
		t.Errorf("show after rotation: %q", out)
	}
}
