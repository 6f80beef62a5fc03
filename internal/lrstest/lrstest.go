// Package lrstest runs a real Learning Record Store for tests: npm's
// xapi-statements 5.0.1 (Learning Locker's statements service) in its
// in-memory mode, on a free loopback port, stopped when the test ends.
//
// .ci/run installs it and sets UPSKILL_TEST_LRS_DIR to the folder that
// holds its node_modules; locally, install it the same way (see
// docs/xapi.md). A test that needs it fails, never skips, when it is
// missing.
package lrstest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// EnvDir names the environment variable that gives the folder where
// xapi-statements is installed (it holds node_modules/xapi-statements).
const EnvDir = "UPSKILL_TEST_LRS_DIR"

// Version is the xAPI version every request declares.
const Version = "1.0.3"

// startTimeout bounds how long the LRS may take to answer /about.
const startTimeout = 90 * time.Second

// LRS is a running Learning Record Store.
type LRS struct {
	// Endpoint is the xAPI endpoint, such as "http://127.0.0.1:40123/xAPI".
	Endpoint string
	client   *http.Client
	pid      int
}

// entryPoint finds the installed LRS's script, or explains how to
// install it.
func entryPoint() (string, error) {
	dir := os.Getenv(EnvDir)
	how := "install it with:\n  mkdir -p ~/.cache/upskill-ci/lrs && cd ~/.cache/upskill-ci/lrs && npm install --no-audit --no-fund xapi-statements@5.0.1\n" +
		"and set " + EnvDir + "=~/.cache/upskill-ci/lrs (.ci/run does both)"
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no real LRS: %s is not set; %s", EnvDir, how)
		}
		dir = filepath.Join(home, ".cache", "upskill-ci", "lrs")
	}
	script := filepath.Join(dir, "node_modules", "xapi-statements", "dist", "index.js")
	if _, err := os.Stat(script); err != nil {
		return "", fmt.Errorf("no real LRS at %s (%v): %s", script, err, how)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", fmt.Errorf("the real LRS needs node, which is not installed: %w", err)
	}
	return script, nil
}

// freePort finds a loopback port no one is listening on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start runs an LRS for the test and stops it (with its whole process
// group) at cleanup. The test fails if the LRS is not installed or does
// not start. A free port can be taken by another process between being
// found and the LRS listening on it; an LRS that stops while starting is
// started again on another port, up to startTries times.
func Start(t testing.TB) *LRS {
	t.Helper()
	script, err := entryPoint()
	if err != nil {
		t.Fatal(err)
	}
	var failures []string
	for range startTries {
		l, err := start(t, script)
		if err == nil {
			return l
		}
		failures = append(failures, err.Error())
		if !errors.Is(err, errStopped) {
			break
		}
	}
	t.Fatalf("the LRS did not start:\n%s", strings.Join(failures, "\n"))
	return nil
}

// startTries is how many times Start tries an LRS that stops while
// starting.
const startTries = 3

// errStopped is an LRS that exited before it answered.
var errStopped = errors.New("the LRS stopped while starting")

// start runs one LRS on a free port and waits for it to answer; the
// process is stopped at cleanup whatever happens.
func start(t testing.TB, script string) (*LRS, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	storage := t.TempDir()
	cmd := exec.Command("node", script)
	cmd.Env = append(os.Environ(), "AUTH_REPO=test", "EVENTS_REPO=test", "MODELS_REPO=memory", "STORAGE_REPO=local",
		"EXPRESS_PORT="+strconv.Itoa(port), "FS_LOCAL_STORAGE_DIR="+storage,
		"EXPRESS_MORGAN_DIRECTORY="+filepath.Join(storage, "accessLogs"))
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the LRS: %w", err)
	}
	// exited is closed when the process has ended, so that both the wait
	// below and the cleanup can see it.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		killGroup(cmd)
		<-exited
	})
	l := &LRS{Endpoint: fmt.Sprintf("http://127.0.0.1:%d/xAPI", port), client: &http.Client{Timeout: 10 * time.Second}, pid: cmd.Process.Pid}
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case <-exited:
			return nil, fmt.Errorf("%w (%v) on port %d:\n%s", errStopped, waitErr, port, logs.String())
		default:
		}
		if l.about() == nil {
			return l, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the LRS did not answer %s/about within %s:\n%s", l.Endpoint, startTimeout, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lockedBuffer collects the LRS's output; the process writes it while the
// test may read it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *LRS) about() error {
	resp, err := l.do(http.MethodGet, "/about", nil, nil)
	if err != nil {
		return err
	}
	if resp.status != http.StatusOK {
		return fmt.Errorf("about: %d", resp.status)
	}
	return nil
}

type response struct {
	status int
	body   []byte
}

func (l *LRS) do(method, path string, query url.Values, body []byte) (response, error) {
	u := l.Endpoint + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(context.Background(), method, u, bytes.NewReader(body))
	if err != nil {
		return response{}, err
	}
	req.Header.Set("X-Experience-API-Version", Version)
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth("test", "test")
	resp, err := l.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return response{resp.StatusCode, data}, err
}

// ErrNotFound is returned by [LRS.Statement] for an id the LRS does not
// hold.
var ErrNotFound = errors.New("statement not found")

// Post sends statements (a JSON object or array) and returns the
// status and body of the answer.
func (l *LRS) Post(body []byte) (int, []byte, error) {
	r, err := l.do(http.MethodPost, "/statements", nil, body)
	return r.status, r.body, err
}

// Statement reads back the statement with the given id, as the LRS
// stores it.
func (l *LRS) Statement(id string) (map[string]any, error) {
	r, err := l.do(http.MethodGet, "/statements", url.Values{"statementId": {id}}, nil)
	switch {
	case err != nil:
		return nil, err
	case r.status == http.StatusNotFound:
		return nil, fmt.Errorf("%s: %w", id, ErrNotFound)
	case r.status != http.StatusOK:
		return nil, fmt.Errorf("GET statement %s: %d %s", id, r.status, r.body)
	}
	var st map[string]any
	if err := json.Unmarshal(r.body, &st); err != nil {
		return nil, fmt.Errorf("GET statement %s: %w", id, err)
	}
	return st, nil
}

// Count returns how many statements the LRS holds in all, following the
// pages of GET /statements.
func (l *LRS) Count() (int, error) {
	n := 0
	path, query := "/statements", url.Values{"limit": {"500"}}
	for {
		r, err := l.do(http.MethodGet, path, query, nil)
		if err != nil {
			return 0, err
		}
		if r.status != http.StatusOK {
			return 0, fmt.Errorf("GET statements: %d %s", r.status, r.body)
		}
		var page struct {
			Statements []json.RawMessage `json:"statements"`
			More       string            `json:"more"`
		}
		if err := json.Unmarshal(r.body, &page); err != nil {
			return 0, fmt.Errorf("GET statements: %w", err)
		}
		n += len(page.Statements)
		if page.More == "" {
			return n, nil
		}
		more, err := url.Parse(page.More)
		if err != nil {
			return 0, fmt.Errorf("GET statements: more %q: %w", page.More, err)
		}
		// "more" is relative to the server; keep the part after /xAPI.
		path, query = more.Path, more.Query()
		if i := len("/xAPI"); len(path) >= i && path[:i] == "/xAPI" {
			path = path[i:]
		}
	}
}

// CPUTime is the processor time (user and system) the LRS's process has
// used so far, read from /proc (Linux; an error elsewhere): for
// benchmarks on a shared machine, where the wall-clock time depends on
// the other load.
func (l *LRS) CPUTime() (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", l.pid))
	if err != nil {
		return 0, fmt.Errorf("the LRS's processor time: %w", err)
	}
	// The command name, field 2, is in parentheses and may hold spaces:
	// the fields counted from after it (utime is field 14, stime 15).
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, fmt.Errorf("the LRS's processor time: /proc/%d/stat unreadable", l.pid)
	}
	fields := bytes.Fields(data[i+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("the LRS's processor time: /proc/%d/stat too short", l.pid)
	}
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("the LRS's processor time: %w", err)
		}
		ticks += n
	}
	const clockTicks = 100 // USER_HZ on Linux
	return time.Duration(ticks) * time.Second / clockTicks, nil
}
