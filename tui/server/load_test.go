//go:build unix

package server

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/catalog"
	"github.com/upskill-council/upskill/internal/review"
	"github.com/upskill-council/upskill/lessons"
	"github.com/upskill-council/upskill/progress"
)

// loadSessions is how many learners BenchmarkServeLoad connects at once.
var loadSessions = flag.Int("loadsessions", 200, "concurrent SSH sessions in BenchmarkServeLoad")

// loadShared opens the file as a server does (StoreOptions: answers share
// commits); false opens it as local use does, for comparison.
var loadShared = flag.Bool("loadshared", true, "BenchmarkServeLoad: open the file with the server's StoreOptions (shared commits)")

// loadQuestions is how many questions each learner answers.
const loadQuestions = 20

// idleSettle is how long the connected sessions are left before their
// idle CPU is measured: long enough for their last frames and for their
// renderers to pause (pauseAfter).
const idleSettle = pauseAfter + time.Second

// idleWindow is how long the idle connected sessions are watched for
// their CPU use.
const idleWindow = 3 * time.Second

// BenchmarkServeLoad is the load test of issue 11: many learners, each
// with their own key and SSH session (pty 80×24), open the lesson and
// answer its 20 questions. "paced" learners think 0.3–1 s before each
// answer; "burst" learners answer as fast as the screens allow. It
// reports the heap and the idle CPU the connected sessions cost, the key
// press to feedback latency (paced) and the answers a second (burst),
// and fails unless every answer sent is in the file afterwards.
//
//	go test ./tui/server -run '^$' -bench ServeLoad -benchtime 1x
func BenchmarkServeLoad(b *testing.B) {
	b.Run("paced", func(b *testing.B) {
		for range b.N {
			runLoad(b, true)
		}
	})
	b.Run("burst", func(b *testing.B) {
		for range b.N {
			runLoad(b, false)
		}
	})
}

// runLoad is one run of the load test.
func runLoad(b *testing.B, paced bool) {
	b.StopTimer()
	n := *loadSessions
	ls := startLoadServer(b)
	keys := ls.enrol(b, n)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	clients := make([]*loadClient, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			c, err := dialLoad(ls.addr, keys[i])
			if err == nil {
				err = c.waitFor(0, fmt.Sprintf("Learner %03d", i))
			}
			if err != nil {
				errs <- fmt.Errorf("learner %d: %w", i, err)
				return
			}
			clients[i] = c
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	defer func() {
		for _, c := range clients {
			c.conn.Close()
		}
	}()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapInuse)-int64(before.HeapInuse))/float64(n)/(1<<20), "heap-MiB/session")

	time.Sleep(idleSettle) // the home screens' last frames and queries
	if paused := ls.srv.sessions.paused(); paused != n {
		b.Fatalf("%d of %d idle sessions had paused their renderer after %v", paused, n, idleSettle)
	}
	cpuBefore, wallBefore := processCPU(), time.Now()
	time.Sleep(idleWindow)
	idle := (processCPU() - cpuBefore).Seconds() / time.Since(wallBefore).Seconds() * 100
	b.ReportMetric(idle, "idle-cpu-%core")

	latencies := make([][]time.Duration, n)
	errs = make(chan error, n)
	b.StartTimer()
	start := time.Now()
	for i, c := range clients {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(i), 11))
			lat, err := c.takeQuiz(i, paced, rnd)
			latencies[i] = lat
			if err != nil {
				errs <- fmt.Errorf("learner %d: %w", i, err)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	all := slices.Concat(latencies...)
	slices.Sort(all)
	if paced {
		b.ReportMetric(ms(percentile(all, 50)), "p50-ms")
		b.ReportMetric(ms(percentile(all, 99)), "p99-ms")
	} else {
		b.ReportMetric(float64(len(all))/elapsed.Seconds(), "answers/s")
	}
	for _, c := range clients {
		c.conn.Close()
	}
	ls.stop()
	if got, want := ls.countAnswers(b), n*loadQuestions; got != want {
		b.Fatalf("the file holds %d answers; %d were sent and acknowledged", got, want)
	}
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentile is the p-th percentile of sorted.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadServer is a server for the load test, on a real file, with the
// load pack and the accounts directory.
type loadServer struct {
	srv    *Server
	addr   string
	path   string
	store  *progress.Store
	served chan error
	once   sync.Once
}

// startLoadServer serves the load pack on 127.0.0.1:0; it is stopped when
// the benchmark ends, if not before.
func startLoadServer(b *testing.B) *loadServer {
	b.Helper()
	dir := b.TempDir()
	path := filepath.Join(dir, "upskill.db")
	opts := StoreOptions()
	if !*loadShared {
		opts = review.StoreOptions()
	}
	store, err := progress.Open(path, opts)
	if err != nil {
		b.Fatalf("open store: %v", err)
	}
	pack, err := lessons.Load(os.DirFS(writeLoadPack(b, dir)))
	if err != nil {
		b.Fatalf("load the load pack: %v", err)
	}
	cat, err := catalog.Open(store, pack, nil)
	if err != nil {
		b.Fatalf("catalogue: %v", err)
	}
	hostKey, err := LoadOrCreateHostKey(filepath.Join(dir, "ssh_host_ed25519"))
	if err != nil {
		b.Fatal(err)
	}
	ls := &loadServer{path: path, store: store, served: make(chan error, 1)}
	ls.srv, err = New(Config{Store: store, Catalog: cat, Directory: accounts.Directory{Store: store}, HostKey: hostKey,
		Limits: Limits{ConnectsPerMinute: 1 << 30, MaxSessions: 1 << 20},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ls.addr = l.Addr().String()
	go func() { ls.served <- ls.srv.Serve(l) }()
	b.Cleanup(ls.stop)
	return ls
}

// stop shuts the server down and closes the file.
func (ls *loadServer) stop() {
	ls.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = ls.srv.Shutdown(ctx)
		ls.store.Close()
	})
}

// enrol makes n learners, each with its own ed25519 key enrolled in the
// file, and returns the keys.
func (ls *loadServer) enrol(b *testing.B, n int) []gossh.Signer {
	keys := make([]gossh.Signer, n)
	for i := range n {
		p, err := ls.store.CreateProfile(fmt.Sprintf("Learner %03d", i), "staff", testNow)
		if err != nil {
			b.Fatal(err)
		}
		keys[i] = newKey(b)
		pk := keys[i].PublicKey()
		if err := ls.store.AddKey(p.ID, gossh.FingerprintSHA256(pk), strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))), "load", testNow); err != nil {
			b.Fatal(err)
		}
	}
	return keys
}

// countAnswers reopens the closed file and counts the answers in every
// learner's open attempt at the load lesson.
func (ls *loadServer) countAnswers(b *testing.B) int {
	store, err := progress.Open(ls.path, review.StoreOptions())
	if err != nil {
		b.Fatalf("reopen: %v", err)
	}
	defer store.Close()
	profiles, err := store.Profiles()
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, p := range profiles {
		a, ok, err := store.OpenAttempt(p.ID, progress.LessonKey{Pack: "load-pack", Lesson: "load"})
		if err != nil {
			b.Fatal(err)
		}
		if ok {
			total += len(a.Answers)
		}
	}
	return total
}

// writeLoadPack writes a pack of one lesson whose quiz asks loadQuestions
// single-choice questions, the right choice first, in pack order; it
// returns the pack's folder.
func writeLoadPack(b *testing.B, dir string) string {
	root := filepath.Join(dir, "load-pack")
	if err := os.MkdirAll(filepath.Join(root, "lessons"), 0o755); err != nil {
		b.Fatal(err)
	}
	manifest := "format: 1\nid: load-pack\ntitle: Load pack\nversion: 1.0.0\nauthors: [load]\nlicence: OGL-UK-3.0\nsummary: For the load test.\n" +
		"modules:\n  - id: m\n    title: Module\n    summary: For the load test.\n    lessons:\n      - load\n"
	var l strings.Builder
	l.WriteString("---\nid: load\ntitle: Load lesson\nminutes: 5\nobjectives: [Answer]\nsources:\n  - {title: Source, url: \"https://www.gov.uk/\", checked: 2026-11-01}\n")
	l.WriteString("quiz:\n  pass_mark: 70\n  shuffle_choices: false\n  questions:\n")
	for q := range loadQuestions {
		fmt.Fprintf(&l, "    - id: q%02d\n      type: single\n      prompt: Which is right for item %02d?\n      choices:\n        - {text: Right, correct: true}\n        - {text: Wrong, feedback: No.}\n      explanation: Because.\n", q, q)
	}
	l.WriteString("---\n## Text\n\nA short lesson.\n")
	if err := os.WriteFile(filepath.Join(root, "pack.yaml"), []byte(manifest), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "lessons", "load.md"), []byte(l.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return root
}

// loadClient is a cheap SSH client: it keeps the bytes received and
// scans them for markers, with no terminal emulator.
type loadClient struct {
	conn  *gossh.Client
	stdin io.Writer
	mu    sync.Mutex
	got   []byte
	more  chan struct{} // signalled when bytes arrive
	done  chan struct{}
}

// dialLoad connects with key, asks for an 80×24 pty and a shell.
func dialLoad(addr string, key gossh.Signer) (*loadClient, error) {
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "learner", Auth: keyAuth(key),
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit})
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &loadClient{conn: conn, stdin: stdin, more: make(chan struct{}, 1), done: make(chan struct{})}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go c.read(stdout)
	return c, nil
}

// read keeps what the server sends until the session ends.
func (c *loadClient) read(r io.Reader) {
	defer close(c.done)
	buf := make([]byte, 16<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			c.mu.Lock()
			c.got = append(c.got, buf[:n]...)
			c.mu.Unlock()
			select {
			case c.more <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// mark is how many bytes have been received so far.
func (c *loadClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

// waitFor waits until the bytes received after offset from contain one
// of markers, and returns the offset just after it.
func (c *loadClient) waitFor(from int, markers ...string) error {
	_, err := c.waitForAt(from, markers...)
	return err
}

// waitForAt is waitFor returning where the marker ended.
func (c *loadClient) waitForAt(from int, markers ...string) (int, error) {
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		tail := c.got[from:]
		for _, m := range markers {
			if i := bytes.Index(tail, []byte(m)); i >= 0 {
				c.mu.Unlock()
				return from + i + len(m), nil
			}
		}
		c.mu.Unlock()
		select {
		case <-c.more:
		case <-c.done:
			return 0, fmt.Errorf("the session ended before %q", markers)
		case <-deadline.C:
			c.mu.Lock()
			defer c.mu.Unlock()
			return 0, fmt.Errorf("no %q after %d s; last bytes: %q", markers, int(waitLimit.Seconds()), c.got[max(0, len(c.got)-400):])
		}
	}
}

// send writes keys.
func (c *loadClient) send(keys string) error {
	_, err := io.WriteString(c.stdin, keys)
	return err
}

// takeQuiz opens the lesson and its quiz and answers every question
// (learner i's answer to question q is wrong when (i+q)%4 == 0); paced
// learners think 0.3–1 s first. It returns the time from each answering
// key press to the feedback's arrival.
func (c *loadClient) takeQuiz(i int, paced bool, rnd *rand.Rand) ([]time.Duration, error) {
	at := c.mark()
	if err := c.send("\r"); err != nil { // home: open the lesson
		return nil, err
	}
	at, err := c.waitForAt(at, "% read")
	if err != nil {
		return nil, err
	}
	lat := make([]time.Duration, 0, loadQuestions)
	for q := range loadQuestions {
		keys := "\r" // the lesson: on to the quiz; feedback: the next question
		if err := c.send(keys); err != nil {
			return lat, err
		}
		// The question's help line; the first frame of question 0 also
		// shows its prompt, later ones only what changed.
		if _, err = c.waitForAt(at, "answer"); err != nil {
			return lat, err
		}
		if paced {
			time.Sleep(300*time.Millisecond + time.Duration(rnd.Int64N(int64(700*time.Millisecond))))
		}
		answer := "1\r"
		if (i+q)%4 == 0 {
			answer = "2\r"
		}
		at = c.mark()
		pressed := time.Now()
		if err := c.send(answer); err != nil {
			return lat, err
		}
		if at, err = c.waitForAt(at, "Correct", "Not quite"); err != nil {
			return lat, fmt.Errorf("question %d: %w", q, err)
		}
		lat = append(lat, time.Since(pressed))
		// The end of the feedback frame: its help line.
		if at, err = c.waitForAt(at, "next question", "see your results"); err != nil {
			return lat, fmt.Errorf("question %d: %w", q, err)
		}
	}
	return lat, nil
}
