package server

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/progress"
)

// TestTeamScreenOverSSH: a manager's Team screen over SSH shows their own
// team's figures only; its report key writes nothing on the server and
// shows the command that saves the report, which, run as a shell on the
// manager's computer would run it, gets their team's HTML report. A
// trainer's command for a team whose name needs quoting works too.
func TestTeamScreenOverSSH(t *testing.T) {
	cs := startCmdServer(t)
	cs.enrol("Elin in waste", "Waste", progress.AccessLearner)
	cs.enrol("Ada in care", "Adult Social Care", progress.AccessLearner)

	manager := cs.keys[progress.AccessManager]
	c := cs.dial(clientOptions{auth: keyAuth(manager), width: 160, height: 40})
	c.waitFor("manager one")
	c.press("t")
	c.waitFor("Team: Housing")
	c.waitFor("4 learners")
	if s := c.screen(); strings.Contains(s, "Elin") || strings.Contains(s, "Ada") || strings.Contains(s, "another team") {
		t.Errorf("a manager's Team screen shows other teams:\n%s", s)
	}
	c.press("w")
	c.waitFor("To save this report on your own computer")
	html := runShown(t, cs, manager, c.screen(), "report --team Housing --format html")
	if !strings.Contains(html, "manager one") || strings.Contains(html, "Elin") || strings.Contains(html, "Ada") {
		t.Errorf("the manager's command saved another report: %.300q", html)
	}

	trainer := cs.keys[progress.AccessTrainer]
	c = cs.dial(clientOptions{auth: keyAuth(trainer), width: 160, height: 40})
	c.waitFor("trainer one")
	c.press("t")
	c.waitFor("All teams")
	c.press("\x1b[C") // →: the first team, Adult Social Care
	c.waitFor("Team: Adult Social Care")
	c.press("w")
	c.waitFor("To save this report on your own computer")
	html = runShown(t, cs, trainer, c.screen(), `report --team "Adult Social Care" --format html`)
	if !strings.Contains(html, "Ada in care") || strings.Contains(html, "Elin") || strings.Contains(html, "manager one") {
		t.Errorf("the trainer's command saved another report: %.300q", html)
	}
}

// runShown finds the ssh command on screen, checks it names this server
// and the remote command want, has a POSIX shell work out what ssh would
// send the server (its arguments joined with spaces), runs that over
// SSH with key and returns the report it writes.
func runShown(t *testing.T, cs *cmdServer, key gossh.Signer, screen, want string) string {
	t.Helper()
	var shown string
	for _, line := range strings.Split(screen, "\n") {
		if i := strings.Index(line, "ssh -p "); i >= 0 {
			shown = strings.TrimSpace(line[i:])
		}
	}
	host, port, _ := strings.Cut(cs.addr, ":")
	prefix, suffix := "ssh -p "+port+" "+host+" ", " > team-report.html"
	if !strings.HasPrefix(shown, prefix) || !strings.HasSuffix(shown, suffix) {
		t.Fatalf("shown command %q: want %q...%q", shown, prefix, suffix)
	}
	// ssh joins its arguments after the host with spaces.
	script := `ssh() { shift 3; printf '%s' "$*"; }; ` + strings.TrimSuffix(shown, suffix)
	out, err := exec.Command("sh", "-c", script).Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v", script, err)
	}
	if string(out) != want {
		t.Fatalf("the shell sends %q, want %q", out, want)
	}
	r := cs.run(key, nil, string(out))
	if r.status != 0 || !strings.HasPrefix(r.stdout, "<!DOCTYPE html>") {
		t.Fatalf("%q: status %d, stderr %q, stdout %.60q", out, r.status, r.stderr, r.stdout)
	}
	return r.stdout
}

// TestTeamReportCommandQuoting: whatever a team is called, the command
// shown reaches the server with the team as one argument, unchanged.
func TestTeamReportCommandQuoting(t *testing.T) {
	cs := startCmdServer(t)
	trainer := cs.keys[progress.AccessTrainer]
	for _, team := range []string{"Housing", "Adult Social Care", "O'Brien's team", `Rates "A" $HOME \ back`, "Parks & Leisure; rm -rf ~", "!bang *"} {
		shown := teamReportCommand(fakeAddr(cs.addr), "", team)
		script := `ssh() { shift 3; printf '%s' "$*"; }; ` + strings.TrimSuffix(shown, " > team-report.html")
		out, err := exec.Command("sh", "-c", script).Output()
		if err != nil {
			t.Fatalf("%q: sh: %v", shown, err)
		}
		raw := strings.Replace(string(out), "--format html", "--format json", 1)
		r := cs.run(trainer, nil, raw)
		var rep struct {
			Team string `json:"team"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Team != team {
			t.Errorf("team %q: shown %q; the server got team %q (%v, stderr %q)", team, shown, rep.Team, err, r.stderr)
		}
	}
	if got := teamReportCommand(fakeAddr("[::]:2222"), "", ""); got != "ssh -p 2222 HOST report --format html > team-report.html" {
		t.Errorf("every team, listening everywhere: %q", got)
	}
	if got := sshCommand(fakeAddr("127.0.0.1:2299"), "", "badges export safe"); got != "ssh -p 2299 127.0.0.1 badges export safe" {
		t.Errorf("badge export over loopback: %q", got)
	}
	// The server's public address wins over the address reached.
	for public, want := range map[string]string{
		"learn.example-council.gov.uk:2222": "ssh -p 2222 learn.example-council.gov.uk report --team Housing --format html > team-report.html",
		"learn.example-council.gov.uk":      "ssh learn.example-council.gov.uk report --team Housing --format html > team-report.html",
	} {
		if got := teamReportCommand(fakeAddr("10.0.0.5:2222"), public, "Housing"); got != want {
			t.Errorf("public address %q: %q, want %q", public, got, want)
		}
	}
}

// fakeAddr is a TCP address given as host:port.
type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
