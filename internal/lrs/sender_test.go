package lrs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"

	"github.com/upskill-council/upskill/internal/lrstest"
)

// TestSendToRealLRS: everything queued arrives once, in batches, and
// leaves the outbox; sending again sends nothing.
func TestSendToRealLRS(t *testing.T) {
	lrs := lrstest.Start(t)
	s := queueAnswers(t, 25)
	c, _ := testClient(t, lrs.Endpoint, 10)
	rep, err := c.Send(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 25 || rep.Rejected != 0 {
		t.Errorf("report %+v, want 25 sent", rep)
	}
	if st := mustStats(t, s); st.Queued != 0 || st.Sent != 25 {
		t.Errorf("stats %+v", st)
	}
	if n, err := lrs.Count(); err != nil || n != 25 {
		t.Errorf("the LRS holds %d statements (%v), want 25", n, err)
	}
}

// TestBadStatementSetAside: a batch the LRS refuses is sent one by one;
// the bad statement is set aside with the LRS's answer, the rest arrive.
func TestBadStatementSetAside(t *testing.T) {
	lrs := lrstest.Start(t)
	s := queueAnswers(t, 8, "q3")
	c, _ := testClient(t, lrs.Endpoint, 50)
	rep, err := c.Send(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 7 || rep.Rejected != 1 {
		t.Errorf("report %+v, want 7 sent and 1 rejected", rep)
	}
	rej, err := s.RejectedStatements()
	if err != nil || len(rej) != 1 {
		t.Fatalf("%d set aside, %v", len(rej), err)
	}
	if !strings.Contains(rej[0].Answer, "400") || !strings.Contains(rej[0].Answer, "scaled") {
		t.Errorf("the LRS's answer kept: %q", rej[0].Answer)
	}
	if n, _ := lrs.Count(); n != 7 {
		t.Errorf("the LRS holds %d statements, want 7", n)
	}
}

// TestConflictWithDifferentStatement: an id the LRS holds with other
// content is set aside, not counted as delivered.
func TestConflictWithDifferentStatement(t *testing.T) {
	lrs := lrstest.Start(t)
	s := queueAnswers(t, 3)
	q, _ := s.PeekOutbox(3)
	var other map[string]any
	if err := json.Unmarshal(q[1].Body, &other); err != nil {
		t.Fatal(err)
	}
	other["timestamp"] = "2020-01-01T00:00:00Z"
	data, _ := json.Marshal(other)
	if status, body, err := lrs.Post(data); err != nil || status != 200 {
		t.Fatalf("pre-post: %d %s %v", status, body, err)
	}
	c, _ := testClient(t, lrs.Endpoint, 10)
	rep, err := c.Send(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 2 || rep.Rejected != 1 {
		t.Errorf("report %+v, want 2 sent and 1 rejected", rep)
	}
	if rej, _ := s.RejectedStatements(); len(rej) != 1 || rej[0].Seq != q[1].Seq || !strings.Contains(rej[0].Answer, "409") {
		t.Errorf("set aside %+v", rej)
	}
}

// fakeLRS answers by a script: each request gets the next answer, and
// the last repeats; an answer of 0 acknowledges the statements posted.
type fakeLRS struct {
	statuses []int
	requests atomic.Int32
	// stored is what GET statementId returns.
	stored func(id string) []byte
}

func (f *fakeLRS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.requests.Add(1)) - 1
	if r.Header.Get("X-Experience-API-Version") != Version {
		http.Error(w, "no version", 400)
		return
	}
	if user, pass, ok := r.BasicAuth(); !ok || user != "upskill" || pass != testSecret {
		http.Error(w, "no login", http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodGet {
		w.Write(f.stored(r.URL.Query().Get("statementId")))
		return
	}
	status := f.statuses[min(n, len(f.statuses)-1)]
	if status != 0 {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":"status %d"}`, status)
		return
	}
	var sts []struct {
		ID string `json:"id"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &sts); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	ids := make([]string, len(sts))
	for i, s := range sts {
		ids[i] = s.ID
	}
	json.NewEncoder(w).Encode(ids)
}

// TestRetriesWithBackoff: 503, 500 and 429 are retried with growing,
// jittered waits, and the statements then arrive.
func TestRetriesWithBackoff(t *testing.T) {
	f := &fakeLRS{statuses: []int{503, 500, 429, 0}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	s := queueAnswers(t, 3)
	c, waits := testClient(t, srv.URL, 10)
	rep, err := c.Send(context.Background(), s)
	if err != nil || rep.Sent != 3 {
		t.Fatalf("report %+v, %v", rep, err)
	}
	if len(*waits) != 3 {
		t.Fatalf("waits %v, want 3", *waits)
	}
	for i, w := range *waits {
		hi := c.cfg.Retry.Initial << i
		if w < hi/2 || w > hi {
			t.Errorf("wait %d: %s, want between %s and %s", i, w, hi/2, hi)
		}
	}
}

// TestUnavailableKeepsEverything: an LRS that keeps failing leaves every
// statement queued, keeps the error, and never shows the secret.
func TestUnavailableKeepsEverything(t *testing.T) {
	for name, endpoint := range map[string]func() string{
		"503": func() string {
			srv := httptest.NewServer(&fakeLRS{statuses: []int{503}})
			t.Cleanup(srv.Close)
			return srv.URL
		},
		"down": func() string {
			srv := httptest.NewServer(http.NotFoundHandler())
			srv.Close()
			return srv.URL
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := queueAnswers(t, 3)
			before, _ := s.PeekOutbox(10)
			c, waits := testClient(t, endpoint(), 10)
			_, err := c.Send(context.Background(), s)
			if !errors.Is(err, ErrUnavailable) {
				t.Fatalf("error %v, want ErrUnavailable", err)
			}
			if len(*waits) != c.cfg.Retry.Attempts-1 {
				t.Errorf("%d waits, want %d", len(*waits), c.cfg.Retry.Attempts-1)
			}
			after, _ := s.PeekOutbox(10)
			if len(after) != len(before) {
				t.Errorf("%d statements queued, want %d", len(after), len(before))
			}
			st := mustStats(t, s)
			if st.LastError == "" || st.Sent != 0 {
				t.Errorf("stats %+v", st)
			}
			for _, text := range []string{err.Error(), st.LastError, fmt.Sprintf("%v %+v %#v", c.cfg, c.cfg, c.cfg)} {
				if strings.Contains(text, testSecret) {
					t.Errorf("the secret is shown: %s", text)
				}
			}
		})
	}
}

// TestRefusedLogin: 401 is reported at once, not retried.
func TestRefusedLogin(t *testing.T) {
	f := &fakeLRS{statuses: []int{0}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	s := queueAnswers(t, 2)
	c, err := New(Config{Endpoint: srv.URL, Key: "upskill", Secret: "wrong"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), s)
	if !errors.Is(err, ErrRefusedLogin) || f.requests.Load() != 1 {
		t.Errorf("error %v after %d requests; want ErrRefusedLogin after 1", err, f.requests.Load())
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("the secret is shown: %v", err)
	}
	if _, err := c.Check(context.Background()); !errors.Is(err, ErrRefusedLogin) {
		t.Errorf("Check: %v, want ErrRefusedLogin", err)
	}
}

// TestConflictWithSameStatementDelivered: a 409 on an id whose stored
// statement is ours (with the LRS's own additions) counts as delivered;
// one that differs is set aside.
func TestConflictWithSameStatementDelivered(t *testing.T) {
	s := queueAnswers(t, 2)
	q, _ := s.PeekOutbox(2)
	f := &fakeLRS{statuses: []int{409}, stored: func(id string) []byte {
		var st map[string]any
		body := q[0].Body
		if id != uuid.UUID(q[0].ID).String() {
			body = []byte(strings.Replace(string(q[1].Body), `"success":true`, `"success":false`, 1))
		}
		json.Unmarshal(body, &st)
		st["stored"], st["version"] = "2026-01-05T10:20:00.000Z", "1.0.3"
		st["authority"] = map[string]any{"objectType": "Agent", "name": "lrs"}
		st["timestamp"] = "2026-01-05T10:15:00.000Z" // the same instant, written another way
		data, _ := json.Marshal(st)
		return data
	}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c, _ := testClient(t, srv.URL, 10)
	rep, err := c.Send(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sent != 1 || rep.Rejected != 1 {
		t.Errorf("report %+v, want 1 delivered (ours) and 1 set aside (different)", rep)
	}
}

func TestConfigCheck(t *testing.T) {
	for _, c := range []Config{
		{}, {Endpoint: "lrs.example", Key: "k", Secret: "s"}, {Endpoint: "ftp://lrs.example", Key: "k", Secret: "s"},
		{Endpoint: "https://k:" + testSecret + "@lrs.example/xAPI", Key: "k", Secret: "s"},
		{Endpoint: "https://lrs.example/xAPI"},
	} {
		err := c.Check()
		if !errors.Is(err, ErrConfig) {
			t.Errorf("%v: %v, want ErrConfig", c, err)
		} else if strings.Contains(err.Error(), testSecret) {
			t.Errorf("the secret is shown: %v", err)
		}
	}
}
