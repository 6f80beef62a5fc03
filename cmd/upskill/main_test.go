package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/internal/termtest"
	"github.com/upskill-council/upskill/progress"
)

// binary is the upskill binary built for these tests: they run it as a
// child process, as a learner or trainer would.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "upskill-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "upskill")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build upskill:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a finished run printed and its exit status.
type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// hangGuard bounds waits on a condition: a test that waits this long has
// hung. It is not an assertion about speed; timings belong in benchmarks.
const hangGuard = time.Minute

// upskill runs the binary to completion with env added to a clean
// environment whose XDG folders point into the test's temporary folder.
// A run that has not finished after hangGuard is killed and fails the
// test.
func upskill(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(testEnv(t), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("upskill %v hung: no exit after %v", args, hangGuard)
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run upskill %v: %v", args, err)
	}
	return r
}

// testEnv isolates a run from the developer's own progress file.
func testEnv(t *testing.T) []string {
	home := t.TempDir()
	return []string{
		"HOME=" + home,
		"PATH=" + os.Getenv("PATH"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"TERM=xterm-256color",
	}
}

func TestVersionAndHelp(t *testing.T) {
	r := upskill(t, nil, "--version")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "upskill "+version {
		t.Errorf("--version: exit %d, stdout %q", r.code, r.stdout)
	}
	r = upskill(t, nil, "--help")
	for _, want := range []string{"Usage:", "pack", "progress", "--db", "--profile", "Keys:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--help lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 {
		t.Errorf("--help exit %d", r.code)
	}
	r = upskill(t, nil, "no-such-command")
	if r.code != 1 || !strings.HasPrefix(r.stderr, "upskill: ") {
		t.Errorf("unknown command: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestPackValidateBuiltin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	r := upskill(t, []string{"UPSKILL_DB=" + db}, "pack", "validate", "../../lessons/builtin/pack")
	if r.code != 0 || !strings.Contains(r.stdout, "is a valid pack: council-digital-essentials") {
		t.Fatalf("built-in pack: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Error("validating a pack created a progress file")
	}
}

func TestPackValidateReportsEveryProblem(t *testing.T) {
	dir := copyDir(t, "../../tui/testdata/pack")
	edit(t, filepath.Join(dir, "pack.yaml"), "version: 1.0.0", "version: one")
	edit(t, filepath.Join(dir, "lessons", "scams.md"), "minutes: 3", "minutes: 3\ncolour: blue")
	edit(t, filepath.Join(dir, "lessons", "requests.md"), "pass_mark: 60", "pass_mark: 150")
	r := upskill(t, nil, "pack", "validate", dir)
	if r.code != 1 {
		t.Fatalf("exit %d for an invalid pack, want 1\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		dir + "/pack.yaml:4: version \"one\" is not a semantic version",
		dir + "/lessons/requests.md:12: quiz: pass_mark must be between 1 and 100, found 150",
		dir + "/lessons/scams.md:5: unknown field \"colour\"",
		"3 errors in " + dir,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout %q for an invalid pack, want nothing", r.stdout)
	}
	if r := upskill(t, nil, "pack", "validate", filepath.Join(dir, "pack.yaml")); r.code != 1 || !strings.Contains(r.stderr, "a pack must be a folder or a .zip file") {
		t.Errorf("a file as the pack: exit %d, %q", r.code, r.stderr)
	}
}

func TestPackValidateNeverPrintsEscapes(t *testing.T) {
	// A file name holding an escape sequence is refused before anything
	// is read, and the name is printed without it.
	dir := copyDir(t, "../../tui/testdata/pack")
	if err := os.WriteFile(filepath.Join(dir, "lessons", "evil\x1b]0;pwned\x07.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := upskill(t, nil, "pack", "validate", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "the name contains a control or invisible character (U+001B)") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
	// An escape written in a title is reported by line, without it.
	dir = copyDir(t, "../../tui/testdata/pack")
	edit(t, filepath.Join(dir, "pack.yaml"), "title: Test pack", "title: \"Test \\e[2J pack\"")
	r2 := upskill(t, nil, "pack", "validate", dir)
	if r2.code != 1 || !strings.Contains(r2.stderr, "pack.yaml:3: \"title\" contains the control character U+001B") {
		t.Errorf("exit %d, %q", r2.code, r2.stderr)
	}
	for _, out := range []string{r.stderr, r.stdout, r2.stderr, r2.stdout} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("output holds control characters: %q", out)
		}
	}
}

func TestProgressCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "upskill.db")
	env := []string{"UPSKILL_DB=" + db}
	r := upskill(t, env, "progress")
	if r.code != 0 || !strings.Contains(r.stdout, "No progress file at "+db+" yet") {
		t.Fatalf("no file: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("upskill progress created a progress file")
	}
	store, err := progress.Open(db, review.StoreOptions())
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	if r := upskill(t, env, "progress"); r.code != 0 || !strings.Contains(r.stdout, "No learners yet") {
		t.Fatalf("empty file: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	seedLearner(t, db, "Sam Patel", "graduate")
	r = upskill(t, env, "progress", "--json", "--profile", "sam patel")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var report struct {
		Schema   int `json:"schema"`
		Learners []struct {
			Name        string `json:"name"`
			Role        string `json:"role"`
			Streak      int    `json:"streak_days"`
			Longest     int    `json:"longest_streak_days"`
			DueToday    *int   `json:"cards_due_today"`
			DueWeek     int    `json:"cards_due_this_week"`
			MinutesWeek *int   `json:"minutes_this_week"`
			Activity    []struct {
				Date   string `json:"date"`
				Level  int    `json:"level"`
				Events int    `json:"events"`
				Counts bool   `json:"counts_for_streak"`
			} `json:"activity"`
			Packs []struct {
				LessonsDone  int `json:"lessons_completed"`
				LessonsTotal int `json:"lessons_total"`
				Badges       []struct {
					ID     string  `json:"id"`
					State  string  `json:"state"`
					Earned *string `json:"earned"`
				} `json:"badges"`
			} `json:"packs"`
		} `json:"learners"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, r.stdout)
	}
	if report.Schema != 1 || len(report.Learners) != 1 || len(report.Learners[0].Packs) != 1 {
		t.Fatalf("report %+v", report)
	}
	rep, pack := report.Learners[0], report.Learners[0].Packs[0]
	if rep.Name != "Sam Patel" || rep.Role != "graduate" || pack.LessonsDone != 1 || pack.LessonsTotal < 2 {
		t.Fatalf("report %+v", report)
	}
	// The seeded learner passed a quiz today: a streak of one day, its
	// answers are review cards (due within the week), and today is the
	// last day of the activity calendar.
	if rep.Streak != 1 || rep.Longest != 1 || rep.DueToday == nil || rep.DueWeek == 0 || rep.MinutesWeek == nil {
		t.Errorf("report figures: streak %d, longest %d, due %v/%d, minutes %v", rep.Streak, rep.Longest, rep.DueToday, rep.DueWeek, rep.MinutesWeek)
	}
	if n := len(rep.Activity); n < 78 || n > 84 || rep.Activity[n-1].Date != time.Now().Format(time.DateOnly) ||
		!rep.Activity[n-1].Counts || rep.Activity[n-1].Level == 0 {
		t.Errorf("activity ends %+v", rep.Activity[len(rep.Activity)-1])
	}
	earned := 0
	for _, b := range pack.Badges {
		if b.State == "earned" && b.Earned != nil {
			earned++
		}
	}
	if earned == 0 {
		t.Error("the perfect score badge is not in the report")
	}
	r = upskill(t, env, "progress", "--db", db)
	for _, want := range []string{"Sam Patel · Graduate", "1 of", "lessons complete", "best score 100%", "★ Flawless: earned",
		"Streak: 1 day (longest 1)", "Review cards due: ", "Time spent: ", "Activity, last 12 weeks (Less · ░ ▒ ▓ █ More):"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
	r = upskill(t, env, "progress", "--profile", "Nobody")
	if r.code != 1 || !strings.Contains(r.stderr, `no learner called "Nobody"`) {
		t.Errorf("unknown learner: exit %d, %q", r.code, r.stderr)
	}
}

func TestDataLivesInXDGDataHome(t *testing.T) {
	env := testEnv(t)
	dataHome := strings.TrimPrefix(env[2], "XDG_DATA_HOME=")
	term := termtest.Start(t, 100, 30, env, binary)
	newLearnerInTUI(t, term, "Sam")
	term.Press("q")
	if err := term.Wait(screenWait); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dataHome, "upskill", "upskill.db"))
	if err != nil {
		t.Fatalf("no progress file in XDG_DATA_HOME: %v", err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("progress file mode %v, want 0600", mode)
	}
	cmd := exec.Command(binary, "progress")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Sam · Council staff") {
		t.Errorf("progress from the default file: %v\n%s", err, out)
	}
}

// copyDir copies a folder of text files into a temporary folder.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// edit replaces the first old with new in a file.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPackValidateNeedsAFolder(t *testing.T) {
	r := upskill(t, nil, "pack", "validate")
	if r.code != 1 || !strings.Contains(r.stderr, "upskill: pack validate needs one argument: upskill pack validate PATH") {
		t.Errorf("no folder: exit %d, %q", r.code, r.stderr)
	}
	r = upskill(t, nil, "pack", "validate", "no-such-folder")
	if r.code != 1 || !strings.Contains(r.stderr, "no-such-folder: the pack cannot be opened: no such file or directory") {
		t.Errorf("missing folder: exit %d, %q", r.code, r.stderr)
	}
}
