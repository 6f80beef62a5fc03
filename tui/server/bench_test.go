package server

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkConnectToHome is one learner connecting (handshake, key check,
// program start) until their home screen shows.
func BenchmarkConnectToHome(b *testing.B) {
	ts := startServer(b, Limits{ConnectsPerMinute: 1 << 30}, nil)
	key := ts.learner("Asha Patel")
	b.ResetTimer()
	for range b.N {
		c := ts.dial(clientOptions{auth: keyAuth(key)})
		c.waitFor("Asha Patel")
		c.conn.Close()
		<-c.closed
	}
}

// BenchmarkSessionMemory opens 20 sessions, each at its home screen, and
// reports the heap each holds on the server side: the heap grown by the
// sessions, less what this test's clients' terminal emulators take.
func BenchmarkSessionMemory(b *testing.B) {
	const n = 20
	for range b.N {
		b.StopTimer()
		ts := startServer(b, Limits{ConnectsPerMinute: 1 << 30}, nil)
		names := make([]string, n)
		keys := make([]gossh.Signer, n)
		for i := range n {
			names[i] = "Learner " + strconv.Itoa(i)
			keys[i] = ts.learner(names[i])
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		clients := make([]*client, n)
		for i := range n {
			clients[i] = ts.dial(clientOptions{auth: keyAuth(keys[i])})
			clients[i].waitFor(names[i])
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		emulators := emulatorHeap(n)
		b.ReportMetric(float64(int64(after.HeapInuse)-int64(before.HeapInuse)-emulators)/n, "server-heap-B/session")
		for _, c := range clients {
			c.conn.Close()
		}
	}
}

// emulatorHeap is the heap n of the test client's 80×24 terminal
// emulators hold.
func emulatorHeap(n int) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	emus := make([]*vt.Emulator, n)
	for i := range emus {
		emus[i] = vt.NewEmulator(80, 24)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(emus)
	return int64(after.HeapInuse) - int64(before.HeapInuse)
}
