package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/upskill-council/upskill/lessons/builtin"
)

// reviewDatedExample copies the example pack and gives its phishing
// lesson review dates (review_by on line 6).
func reviewDatedExample(t *testing.T, reviewBy string) string {
	t.Helper()
	dir := copyDir(t, example)
	edit(t, filepath.Join(dir, "lessons", "spotting-phishing.md"), "minutes: 6\n", "minutes: 6\nreviewed: 2019-01-01\nreview_by: "+reviewBy+"\n")
	return dir
}

// TestValidateWarnsPastReview checks that pack validate warns, at the
// review_by line, about a lesson past it on the day the clock gives, and
// not the day before.
func TestValidateWarnsPastReview(t *testing.T) {
	dir := reviewDatedExample(t, "2027-06-02")
	defer func(saved func() time.Time) { clock = saved }(clock)
	want := dir + "/lessons/spotting-phishing.md:6: warning: the lesson was due for review by 2027-06-02"
	for _, c := range []struct {
		today time.Time
		warns bool
	}{
		{time.Date(2027, 6, 2, 12, 0, 0, 0, time.UTC), false},
		{time.Date(2027, 6, 3, 9, 0, 0, 0, time.UTC), true},
	} {
		clock = func() time.Time { return c.today }
		var out, errw bytes.Buffer
		if _, err := loadPackAt(&out, &errw, dir); err != nil {
			t.Fatalf("%v: %v\n%s", c.today, err, errw.String())
		}
		if got := strings.Contains(errw.String(), want); got != c.warns {
			t.Errorf("on %v, warned %v, want %v:\n%s", c.today.Format(time.DateOnly), got, c.warns, errw.String())
		}
		if c.warns && !strings.Contains(out.String(), "(and 1 warning)") {
			t.Errorf("the summary does not count the warning: %s", out.String())
		}
	}
}

// TestListCountsPastReview checks that pack list, as text and JSON, says
// how many lessons of each pack are past their review_by date. The date is
// long past; the built-in pack's count is worked out for today, so the
// test does not depend on the day it runs.
func TestListCountsPastReview(t *testing.T) {
	builtinPack, err := builtin.Load()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{"cyber-basics": 1, builtinPack.ID: len(builtinPack.PastReview(time.Now()))}
	env := []string{"UPSKILL_DB=" + filepath.Join(t.TempDir(), "u.db")}
	if r := upskill(t, env, "pack", "import", reviewDatedExample(t, "2020-01-01")); r.code != 0 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := upskill(t, env, "pack", "list")
	lines := strings.Split(r.stdout, "\n")
	if len(lines) < 3 || !strings.Contains(lines[0], "PAST REVIEW") {
		t.Fatalf("no PAST REVIEW column:\n%s", r.stdout)
	}
	col := strings.Index(lines[0], "PAST REVIEW")
	for _, line := range lines[1:3] {
		id, _, _ := strings.Cut(line, " ")
		want := strconv.Itoa(counts[id])
		if len(line) <= col || !strings.HasPrefix(line[col:], want+" ") {
			t.Errorf("want %s under PAST REVIEW in %q", want, line)
		}
	}
	r = upskill(t, env, "pack", "list", "--json")
	var listed []struct {
		ID         string `json:"id"`
		PastReview *int   `json:"past_review"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) != 2 {
		t.Fatalf("list --json: %v\n%s", err, r.stdout)
	}
	for _, e := range listed {
		want := counts[e.ID]
		if e.PastReview == nil {
			t.Errorf("%s: no past_review", e.ID)
		} else if *e.PastReview != want {
			t.Errorf("%s: past_review %d, want %d", e.ID, *e.PastReview, want)
		}
	}
}
