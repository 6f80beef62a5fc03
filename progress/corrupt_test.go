package progress

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// populate fills a store with several learners' records, enough for the
// file to have a few dozen pages, and some freed pages.
func populate(t testing.TB, s *Store) {
	t.Helper()
	for i := range 4 {
		p := mustProfile(t, s, fmt.Sprintf("Learner %d", i))
		for _, pack := range []string{"cyber", "cyber-2", "gdpr"} {
			for l := range 6 {
				k := LessonKey{pack, fmt.Sprintf("lesson-%d", l)}
				at := t0.Add(time.Duration(i*24+l) * time.Hour)
				if err := s.SaveReading(p.ID, k, float64(l)/6, at); err != nil {
					t.Fatal(err)
				}
				if l%2 == 0 {
					qs := questionIDs("q", 8)
					a := mustStart(t, s, p.ID, k, qs, at)
					for j, q := range qs[:6] {
						mustAnswer(t, s, p.ID, k, a.ID, q, j%3 != 0, at)
					}
					if l%4 == 0 {
						mustFinish(t, s, p.ID, k, a.ID, 50, at)
					}
				} else if err := s.CompleteLesson(p.ID, k, at); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.AwardBadge(p.ID, pack, "first-steps", t0); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// dump reads everything a store holds through its methods, as JSON, so
// that two stores can be compared. It returns the first error.
func dump(s *Store) (string, error) {
	type lessonDump struct {
		Lessons map[string]LessonRecord
		Open    map[string]Attempt
		Last    map[string]Attempt
	}
	type profileDump struct {
		Profile Profile
		Packs   map[string]lessonDump
		Badges  map[string]map[string]time.Time
		Days    []time.Time
	}
	profiles, err := s.Profiles()
	if err != nil {
		return "", err
	}
	var out []profileDump
	for _, p := range profiles {
		pd := profileDump{Profile: p, Packs: map[string]lessonDump{}, Badges: map[string]map[string]time.Time{}}
		for _, pack := range []string{"cyber", "cyber-2", "gdpr"} {
			ld := lessonDump{Open: map[string]Attempt{}, Last: map[string]Attempt{}}
			if ld.Lessons, err = s.Lessons(p.ID, pack); err != nil {
				return "", err
			}
			for lesson := range ld.Lessons {
				k := LessonKey{pack, lesson}
				if a, ok, err := s.OpenAttempt(p.ID, k); err != nil {
					return "", err
				} else if ok {
					ld.Open[lesson] = a
				}
				if a, ok, err := s.LastAttempt(p.ID, k); err != nil {
					return "", err
				} else if ok {
					ld.Last[lesson] = a
				}
			}
			pd.Packs[pack] = ld
			if pd.Badges[pack], err = s.Badges(p.ID, pack); err != nil {
				return "", err
			}
		}
		if pd.Days, err = s.ActiveDays(p.ID, time.UTC); err != nil {
			return "", err
		}
		out = append(out, pd)
	}
	data, err := json.Marshal(out)
	return string(data), err
}

// pageInfo describes the pages of a closed bbolt file.
type pageInfo struct {
	size  int            // page size
	hwm   int            // pages below the high-water mark are part of the database
	pages int            // pages in the file
	typ   map[int]string // branch, leaf, meta, freelist, free or overflow
}

func inspectPages(t testing.TB, path string) pageInfo {
	t.Helper()
	var pi pageInfo
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		pi.size = tx.DB().Info().PageSize
		pi.hwm = int(tx.Size()) / pi.size
		pi.pages = int(info.Size()) / pi.size
		pi.typ = map[int]string{}
		for id := 0; id < pi.hwm; {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				return fmt.Errorf("page %d: %v", id, err)
			}
			pi.typ[id] = p.Type
			for i := 1; i <= p.OverflowCount; i++ {
				pi.typ[id+i] = "overflow"
			}
			id += 1 + p.OverflowCount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pi
}

// openNoPanic opens path, turning a panic that escapes Open into a test
// failure rather than a crash.
func openNoPanic(t *testing.T, path string) (s *Store, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Open panicked: %v", r)
		}
	}()
	return Open(path, testOptions)
}

// TestOpenCorruptPages damages a real progress file in many ways (well
// over 50 variants) and opens it. Open must never panic or crash, and
// when it refuses a file it must leave it byte-for-byte as it was and
// keep no lock on it. What else it must do depends on where the damage is:
//
//   - a page in use (a branch, leaf or freelist page) that is zeroed or
//     overwritten with random bytes must be refused with an error wrapping
//     ErrCorrupt or ErrNotProgressFile: bbolt checks every page it reaches
//     against its own id and type, and Open reads the freelist and checks
//     every reachable page;
//   - a free page or a page past the high-water mark holds nothing, so the
//     same damage there must open, every record must read back exactly as
//     before, and opening and closing must not write to the file;
//   - a file cut short below the high-water mark must be refused; cut
//     anywhere above it, it loses nothing and must open with every record;
//   - a meta page whose page header is gone (zeroed or random) fails
//     bbolt's check, which asserts the id and type of both meta pages, so
//     the file is refused even though bbolt could read the other meta
//     page; a meta page whose header survives but whose checksum fails
//     makes bbolt fall back to the other, losing exactly the last
//     transaction.
//
// Damage to part of a page that keeps its header is not tried: bbolt's
// check runs in a goroutine of its own, where reading through a garbled
// page offset is a fatal fault that no recover can catch.
func TestOpenCorruptPages(t *testing.T) {
	dir := t.TempDir()
	master := filepath.Join(dir, "master.db")
	s, err := Open(master, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	wantPrev, err := dump(s)
	if err != nil {
		t.Fatal(err)
	}
	// One last transaction, which a damaged newer meta page loses.
	if _, err := s.AwardBadge(1, "gdpr", "last-one", t0); err != nil {
		t.Fatal(err)
	}
	want, err := dump(s)
	if err != nil {
		t.Fatal(err)
	}
	if want == wantPrev {
		t.Fatal("the last transaction changed nothing")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustCheckFile(t, master)
	pi := inspectPages(t, master)
	counts := map[string]int{}
	for _, typ := range pi.typ {
		counts[typ]++
	}
	t.Logf("page size %d, high-water mark %d, pages in file %d, page types %v", pi.size, pi.hwm, pi.pages, counts)
	if counts["leaf"] < 5 || counts["branch"] < 1 || counts["free"] < 1 || counts["overflow"] > 0 || pi.pages <= pi.hwm {
		t.Fatalf("the test file should have several leaf pages, a branch page, free pages, no overflow pages and room past the high-water mark: %v", counts)
	}
	original, err := os.ReadFile(master)
	if err != nil {
		t.Fatal(err)
	}
	txid := func(page int) uint64 { // meta: 16-byte page header, then txid at 48
		return binary.NativeEndian.Uint64(original[page*pi.size+16+48:])
	}
	newerMeta := 0
	if txid(1) > txid(0) {
		newerMeta = 1
	}

	const refused = "refused"
	type variant struct {
		name   string
		damage func(data []byte) []byte
		want   string // refused, or the records that must read back
	}
	var variants []variant
	fill := func(seed uint64, ids ...int) func([]byte) []byte {
		return func(data []byte) []byte {
			for _, id := range ids {
				page := data[id*pi.size : (id+1)*pi.size]
				if seed == 0 {
					clear(page)
					continue
				}
				r := rand.New(rand.NewPCG(seed, uint64(id)))
				for i := range page {
					page[i] = byte(r.Uint32())
				}
			}
			return data
		}
	}
	for id := 2; id < pi.pages; id++ {
		typ, outcome := pi.typ[id], want
		switch typ {
		case "":
			typ = "past the high-water mark"
		case "branch", "leaf", "freelist":
			outcome = refused
		}
		variants = append(variants,
			variant{fmt.Sprintf("zero page %d (%s)", id, typ), fill(0, id), outcome},
			variant{fmt.Sprintf("random page %d (%s)", id, typ), fill(uint64(id)*7+1, id), outcome},
		)
	}
	for seed := range uint64(10) {
		// Two pages at once, at least one in use.
		r := rand.New(rand.NewPCG(seed, 99))
		a, b := 2+r.IntN(pi.hwm-2), 2+r.IntN(pi.pages-2)
		outcome := refused
		if a == b || pi.typ[a] == "free" && pi.typ[b] != "leaf" && pi.typ[b] != "branch" && pi.typ[b] != "freelist" {
			continue
		}
		if pi.typ[a] == "free" && (pi.typ[b] == "free" || pi.typ[b] == "") {
			outcome = want
		}
		variants = append(variants, variant{fmt.Sprintf("random pages %d (%s) and %d (%s)", a, pi.typ[a], b, pi.typ[b]), fill(seed+1000, a, b), outcome})
	}
	for _, size := range []int{
		2*pi.size + 1, 3 * pi.size, pi.hwm*pi.size/2 + 100, (pi.hwm - 1) * pi.size, pi.hwm*pi.size - 1,
		pi.hwm * pi.size, pi.hwm*pi.size + 1, pi.pages*pi.size - 1,
	} {
		outcome := want
		if size < pi.hwm*pi.size {
			outcome = refused
		}
		variants = append(variants, variant{fmt.Sprintf("truncated to %d bytes", size), func(data []byte) []byte { return data[:size] }, outcome})
	}
	variants = append(variants,
		variant{"zero newer meta page", fill(0, newerMeta), refused},
		variant{"random newer meta page", fill(5, newerMeta), refused},
		variant{"zero older meta page", fill(0, 1-newerMeta), refused},
		variant{"random older meta page", fill(6, 1-newerMeta), refused},
		variant{"zero both meta pages", fill(0, 0, 1), refused},
		variant{"random both meta pages", fill(7, 0, 1), refused},
		variant{"flip one byte of the newer meta page", func(data []byte) []byte {
			data[newerMeta*pi.size+40] ^= 0x10 // inside the checksummed meta
			return data
		}, wantPrev},
	)
	if len(variants) < 50 {
		t.Fatalf("only %d variants", len(variants))
	}

	for i, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("variant-%d", i), "progress.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, v.damage(cloneBytes(original)), 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, path)
			s, err := openNoPanic(t, path)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotProgressFile) {
					t.Errorf("Open error %q wraps neither ErrCorrupt nor ErrNotProgressFile", err)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				if v.want != refused {
					t.Errorf("Open refused a file it can read: %v", err)
				}
				assertUnchanged(t, path, before)
				// Nothing is left locked: a second try gives the same
				// answer, not ErrLocked.
				if s2, err2 := openNoPanic(t, path); err2 == nil {
					s2.Close()
					t.Errorf("second Open succeeded")
				} else if errors.Is(err2, ErrLocked) {
					t.Errorf("second Open: %v; the failed Open left the file locked", err2)
				}
				assertReleased(t, path)
				return
			}
			got, err := dumpNoPanic(t, s)
			if cerr := s.Close(); cerr != nil {
				t.Errorf("Close: %v", cerr)
			}
			if v.want == refused {
				t.Fatalf("Open accepted a file whose used pages are damaged (reads: %v)", err)
			}
			if err != nil {
				t.Fatalf("reading the file: %v", err)
			}
			if got != v.want {
				t.Errorf("records read back:\n got %s\nwant %s", got, v.want)
			}
			assertUnchanged(t, path, before)
			mustCheckFile(t, path)
		})
	}
}

func cloneBytes(b []byte) []byte { return append([]byte(nil), b...) }

func dumpNoPanic(t *testing.T, s *Store) (out string, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("reading the store panicked: %v", r)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return dump(s)
}

// TestOpenWaitsForCheck: when bbolt's check finds several problems, Open
// reads them all, so the goroutine running the check has finished before
// Open returns and the file is unmapped; none is left behind, blocked or
// still reading the file. The file here lost its freelist's entries, so
// every free page is reported as unreachable.
func TestOpenWaitsForCheck(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	pi := inspectPages(t, path)
	freelist, free := -1, 0
	for id, typ := range pi.typ {
		switch typ {
		case "freelist":
			freelist = id
		case "free":
			free++
		}
	}
	if freelist < 0 || free < 2 {
		t.Fatalf("want a freelist page and several free pages: %v", pi.typ)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The page header is id (8 bytes), flags (2), count (2), overflow (4).
	binary.NativeEndian.PutUint16(data[freelist*pi.size+10:], 0)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	checkers := func() int {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		return strings.Count(string(buf), "go.etcd.io/bbolt.(*Tx).Check.func1")
	}
	before := checkers()
	for range 5 {
		s, err := Open(path, testOptions)
		if err == nil {
			s.Close()
			t.Fatal("Open accepted a file with unreachable pages")
		}
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "unreachable") {
			t.Errorf("Open = %v, want ErrCorrupt for unreachable pages", err)
		}
	}
	// A finished check goroutine may take a moment to exit; a blocked one
	// never does.
	after := checkers()
	for i := 0; i < 1000 && after > before; i++ {
		runtime.Gosched()
		after = checkers()
	}
	if after > before {
		t.Errorf("%d check goroutines left running after Open returned", after-before)
	}
}

// TestOpenBadBucketPointer: a file whose page structure is intact but
// whose "meta" bucket points far outside the file (a garbled value in the
// root page) makes bbolt read unmapped memory while Open looks for the
// bucket. That is a fault, which would kill the process, unless Open turns
// faults into panics it recovers; it must report ErrCorrupt and release
// the file.
func TestOpenBadBucketPointer(t *testing.T) {
	path := tempPath(t)
	s, err := Open(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	pi := inspectPages(t, path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u16 := func(off int) int { return int(binary.NativeEndian.Uint16(data[off:])) }
	u32 := func(off int) int { return int(binary.NativeEndian.Uint32(data[off:])) }
	u64 := func(off int) uint64 { return binary.NativeEndian.Uint64(data[off:]) }
	// The newer meta page names the root page: meta starts after the
	// 16-byte page header with magic, version, page size and flags (4
	// bytes each), then the root bucket's page id.
	newer := 0
	if u64(pi.size+16+48) > u64(16+48) {
		newer = 1
	}
	root := int(u64(newer*pi.size + 16 + 16))
	page := root * pi.size
	if flags := u16(page + 8); flags != 0x02 {
		t.Fatalf("root page %d has flags %#x, want a leaf", root, flags)
	}
	found := false
	for i := range u16(page + 10) {
		// A leaf element: flags, pos (from the element), ksize, vsize.
		elem := page + 16 + 16*i
		key := elem + u32(elem+4)
		if string(data[key:key+u32(elem+8)]) != "meta" {
			continue
		}
		// The value starts with the bucket's root page id (0 when inline).
		binary.NativeEndian.PutUint64(data[key+4:], uint64(pi.hwm+100_000))
		found = true
	}
	if !found {
		t.Fatal("no meta bucket in the root page")
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, path)
	s, err = openNoPanic(t, path)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a file whose meta bucket points outside it")
	}
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("Open = %v, want ErrCorrupt", err)
	}
	assertUnchanged(t, path, before)
	assertReleased(t, path)
}
