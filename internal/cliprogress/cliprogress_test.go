package cliprogress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPlainLines(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, false, 0)
	r.Update("reading", 0, 1)
	r.Update("reading", 1, 1)
	for i := 0; i <= 100; i++ {
		r.Update("checking lessons", i, 100)
	}
	r.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "reading: 0 of 1" || lines[1] != "reading: 1 of 1" {
		t.Errorf("first lines %q", lines[:2])
	}
	checking := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "checking lessons: ") {
			checking++
		}
	}
	if checking != 11 { // the start, then each tenth
		t.Errorf("%d checking lines, want 11:\n%s", checking, buf.String())
	}
	if strings.Contains(buf.String(), "\r") || strings.Contains(buf.String(), "\x1b") {
		t.Errorf("plain output holds terminal codes: %q", buf.String())
	}
}

func TestBarOnlyAfterTheDelay(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, true, time.Second)
	clock := time.Now()
	r.now = func() time.Time { return clock }
	r.Update("saving", 1, 2)
	if buf.Len() != 0 {
		t.Fatalf("a quick job drew %q", buf.String())
	}
	clock = clock.Add(2 * time.Second)
	r.Update("saving", 1, 2)
	if out := buf.String(); !strings.HasPrefix(out, "\r") || !strings.Contains(out, " 50% saving") || !strings.Contains(out, "█") {
		t.Errorf("bar %q", out)
	}
	r.Done()
	if !strings.HasSuffix(buf.String(), "\r\x1b[2K") {
		t.Errorf("the bar was not cleared: %q", buf.String())
	}
}

func TestPlainLinesOnlyAfterTheDelay(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf, false, time.Second)
	clock := time.Now()
	r.now = func() time.Time { return clock }
	r.Update("reading", 1, 10)
	r.Update("checking lessons", 1, 10)
	if buf.Len() != 0 {
		t.Fatalf("a quick job wrote %q", buf.String())
	}
	clock = clock.Add(2 * time.Second)
	r.Update("checking lessons", 5, 10)
	r.Update("checking lessons", 5, 10)
	r.Done()
	if got := buf.String(); got != "checking lessons: 5 of 10\n" {
		t.Errorf("wrote %q", got)
	}
}
