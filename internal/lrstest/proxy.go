package lrstest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
)

// Fault is what a [Proxy] does with one request.
type Fault int

// The faults a Proxy can inject.
const (
	// Pass forwards the request to the LRS and its answer back.
	Pass Fault = iota
	// Fail500 and Fail503 answer with that status; the LRS never sees
	// the request.
	Fail500
	Fail503
	// Hang never answers, until the client gives up (its timeout).
	Hang
	// CutAfterSend forwards the request (the LRS stores it) and then
	// closes the client's connection without an answer: the client cannot
	// know it arrived.
	CutAfterSend
	// HangAfterSend forwards the request (the LRS stores it) and then
	// never answers, until the client gives up or dies.
	HangAfterSend
)

// Proxy is a fault-injecting proxy between a client and a real LRS, on
// its own loopback port. Plan decides each request's fault; [Proxy.Down]
// and [Proxy.Up] stop and restart its listener (connections refused, as
// when the LRS is down).
type Proxy struct {
	// Endpoint is the xAPI endpoint to give the client.
	Endpoint string
	target   string
	addr     string
	client   *http.Client

	mu       sync.Mutex
	plan     func(n int, r *http.Request) Fault
	listener net.Listener
	srv      *http.Server
	requests atomic.Int64
	forwards atomic.Int64
}

// NewProxy starts a proxy to the LRS l, passing every request until
// [Proxy.SetPlan]; it stops when the test ends.
func NewProxy(t testing.TB, l *LRS) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := l.Endpoint[:len(l.Endpoint)-len("/xAPI")]
	p := &Proxy{target: base, addr: ln.Addr().String(), client: &http.Client{}}
	p.Endpoint = "http://" + p.addr + "/xAPI"
	p.serve(ln)
	t.Cleanup(func() { p.Down() })
	return p
}

// SetPlan sets the fault of every request from now on: plan is given the
// request's number (1 for the first the proxy ever saw) and the request.
func (p *Proxy) SetPlan(plan func(n int, r *http.Request) Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.plan = plan
}

// Requests is how many requests the proxy has had; Forwarded how many
// reached the LRS.
func (p *Proxy) Requests() int  { return int(p.requests.Load()) }
func (p *Proxy) Forwarded() int { return int(p.forwards.Load()) }

// Down closes the listener and every connection: the LRS is unreachable.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.srv != nil {
		_ = p.srv.Close()
		p.srv, p.listener = nil, nil
	}
}

// Up listens again on the same address.
func (p *Proxy) Up() error {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return fmt.Errorf("listen again on %s: %w", p.addr, err)
	}
	p.serve(ln)
	return nil
}

func (p *Proxy) serve(ln net.Listener) {
	srv := &http.Server{Handler: http.HandlerFunc(p.handle)}
	p.mu.Lock()
	p.listener, p.srv = ln, srv
	p.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

func (p *Proxy) handle(w http.ResponseWriter, r *http.Request) {
	n := int(p.requests.Add(1))
	p.mu.Lock()
	plan := p.plan
	p.mu.Unlock()
	fault := Pass
	if plan != nil {
		fault = plan(n, r)
	}
	switch fault {
	case Fail500:
		http.Error(w, "internal error (injected)", http.StatusInternalServerError)
	case Fail503:
		http.Error(w, "unavailable (injected)", http.StatusServiceUnavailable)
	case Hang:
		<-r.Context().Done()
	case HangAfterSend:
		if _, _, _, err := p.forward(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		<-r.Context().Done()
	case CutAfterSend:
		if _, _, _, err := p.forward(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
	default:
		status, header, body, err := p.forward(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// Forward sends r on to the LRS whose endpoint is endpoint, and its answer
// back to w: a plain proxy for tests' own handlers.
func Forward(w http.ResponseWriter, r *http.Request, endpoint string) {
	p := &Proxy{target: endpoint[:len(endpoint)-len("/xAPI")], client: http.DefaultClient}
	status, header, body, err := p.forward(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// forward makes r's request of the LRS and reads its whole answer.
func (p *Proxy) forward(r *http.Request) (int, http.Header, []byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("proxy: read the request: %w", err)
	}
	req, err := http.NewRequest(r.Method, p.target+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("proxy: %w", err)
	}
	req.Header = r.Header.Clone()
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("proxy: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, nil, nil, fmt.Errorf("proxy: read the answer: %w", err)
	}
	p.forwards.Add(1)
	return resp.StatusCode, resp.Header.Clone(), data, nil
}
