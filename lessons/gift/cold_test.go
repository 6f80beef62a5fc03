package gift

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// coldParseEnv names the environment variable that turns the test binary
// into a one-shot tool: it parses the file the variable names once, in its
// fresh process, prints the figures as a coldFigures line and exits without
// running any test. BenchmarkParse10000FreshProcess uses it.
const coldParseEnv = "UPSKILL_GIFT_COLD_PARSE"

// TestMain runs the one-shot cold parse when coldParseEnv is set, and the
// tests otherwise.
func TestMain(m *testing.M) {
	if path := os.Getenv(coldParseEnv); path != "" {
		os.Exit(coldParse(path))
	}
	os.Exit(m.Run())
}

// coldFigures is the line coldParse prints: wall-clock and CPU
// nanoseconds (CPU time counts every thread, the garbage collector's too,
// and is not inflated by other processes on a busy machine), bytes
// allocated, allocations and garbage collections of the single parse, then
// how many questions and problems it found.
const coldFigures = "cold parse: %d ns, %d cpu-ns, %d B, %d allocs, %d gc, %d questions, %d problems\n"

// coldParse parses the file at path once and prints coldFigures.
func coldParse(path string) int {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start, startCPU := time.Now(), processCPU()
	qs, ps := Parse(src)
	elapsed, cpu := time.Since(start), processCPU()-startCPU
	runtime.ReadMemStats(&after)
	fmt.Printf(coldFigures, elapsed.Nanoseconds(), cpu.Nanoseconds(), after.TotalAlloc-before.TotalAlloc,
		after.Mallocs-before.Mallocs, after.NumGC-before.NumGC, len(qs), len(ps))
	return 0
}

// BenchmarkParse10000Cold parses the 10,000-question bank once per
// iteration from a fresh copy of the input, starting each time from a
// collected heap, as a trainer's "pack validate" does once in a new
// process. The copy and the collection are not timed or counted.
func BenchmarkParse10000Cold(b *testing.B) {
	src := generateBank(bankQuestions)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		fresh := bytes.Clone(src)
		runtime.GC()
		b.StartTimer()
		if qs, _ := Parse(fresh); len(qs) != bankQuestions {
			b.Fatalf("got %d questions", len(qs))
		}
	}
}

// BenchmarkParse10000FreshProcess runs this test binary once per iteration
// as a new process (see coldParseEnv) that parses the bank once, and
// reports the child's own figures for that one parse: parse-ns/op,
// parse-cpu-ns/op, parse-B/op, parse-allocs/op and parse-gc/op. ns/op is
// the whole child process, start-up included.
func BenchmarkParse10000FreshProcess(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bank.gift")
	if err := os.WriteFile(path, generateBank(bankQuestions), 0o600); err != nil {
		b.Fatal(err)
	}
	var ns, cpu, bytesAlloc, allocs, gcs, runs int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), coldParseEnv+"="+path)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child: %v", err)
		}
		var n, c, by, al, gc, nq, np int64
		if _, err := fmt.Sscanf(string(out), coldFigures, &n, &c, &by, &al, &gc, &nq, &np); err != nil {
			b.Fatalf("child printed %q: %v", out, err)
		}
		if nq != bankQuestions || np != 0 {
			b.Fatalf("child read %d questions and %d problems", nq, np)
		}
		ns, cpu, bytesAlloc, allocs, gcs, runs = ns+n, cpu+c, bytesAlloc+by, allocs+al, gcs+gc, runs+1
	}
	b.ReportMetric(float64(ns)/float64(runs), "parse-ns/op")
	b.ReportMetric(float64(cpu)/float64(runs), "parse-cpu-ns/op")
	b.ReportMetric(float64(bytesAlloc)/float64(runs), "parse-B/op")
	b.ReportMetric(float64(allocs)/float64(runs), "parse-allocs/op")
	b.ReportMetric(float64(gcs)/float64(runs), "parse-gc/op")
}
