package progress

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The record-level corruption suite: a progress file whose pages are all
// sound but one key or value does not fit the layout (store.go). For
// every bucket of the layout, keys that are too short, too long, empty
// and not UTF-8, and values that are empty, truncated, of the wrong type,
// null, huge, or a bucket where a value belongs (and the reverse), every
// public Store method must return an error wrapping ErrCorrupt that names
// the bucket, or succeed exactly as on the sound file; never panic; and
// never change the file when it fails.

// The fixture: one learner, one pack, one lesson with a finished (passed,
// so logged in completions) and an open quiz attempt, a badge, time
// spent, a finished and an open review;
// the learner's access, team and SSH key, an unused invite and the file's
// invite secret, and a device code.
var (
	fixLesson = LessonKey{Pack: "pack", Lesson: "one"}
	fixQ1     = CardKey{Pack: "pack", Lesson: "one", Question: "q1"}
	fixQ2     = CardKey{Pack: "pack", Lesson: "one", Question: "q2"}
	fixDay1   = t0.Add(24 * time.Hour)
	fixDay2   = t0.Add(48 * time.Hour)
	fixKey    = testFingerprint("fixture")
	fixInvite = testHash("fixture")
	fixDevice = testHash("device")
)

// fixtureOutbox queues one record for each learning event.
func fixtureOutbox(ev Event) ([]OutboxEntry, error) {
	body := fmt.Appendf(nil, `{"kind":%q,"lesson":%q,"at":%q}`, ev.Kind, ev.Lesson, ev.At.Format(time.RFC3339))
	sum := sha256.Sum256(body)
	return []OutboxEntry{{ID: [16]byte(sum[:16]), Body: body}}, nil
}

const (
	fixFirstQueued = 3 // the fixture's oldest queued record
	fixProfile     = 1
	fixOpenAttempt = 2
	fixOpenReview  = 2
)

// buildRecordsFixture writes the fixture's file at path through the
// Store, as the programme would.
func buildRecordsFixture(t *testing.T, path string) {
	t.Helper()
	opts := testOptions
	opts.Outbox = fixtureOutbox
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := mustProfile(t, s, "Ada")
	must(s.PutPack(StoredPack{
		Info:   PackInfo{ID: "pack", Version: "1.0.0", Title: "Pack", Lessons: 1, Questions: 2, Imported: t0},
		Parsed: []byte(`{"id":"pack"}`),
		Files:  map[string][]byte{"pack.yaml": []byte("id: pack\n"), "lessons/one.md": []byte("# One\n")},
	}))
	must(s.SaveReading(p.ID, fixLesson, 0.5, t0))
	must(s.SaveSettings(p.ID, Settings{Accessible: true}))
	a1 := mustStart(t, s, p.ID, fixLesson, []string{"q1", "q2"}, t0)
	mustAnswer(t, s, p.ID, fixLesson, a1.ID, "q1", true, t0)
	mustAnswer(t, s, p.ID, fixLesson, a1.ID, "q2", false, t0)
	mustFinish(t, s, p.ID, fixLesson, a1.ID, 50, t0)
	a2 := mustStart(t, s, p.ID, fixLesson, []string{"q1", "q2"}, t0.Add(time.Hour))
	mustAnswer(t, s, p.ID, fixLesson, a2.ID, "q1", true, t0.Add(time.Hour))
	_, err = s.AwardBadge(p.ID, "pack", "first", t0)
	must(err)
	must(s.AddTime(p.ID, fixLesson, Reading, 5*time.Minute, t0))
	must(s.AddTime(p.ID, LessonKey{}, Reviewing, 2*time.Minute, t0))
	r1, err := s.StartReview(p.ID, []CardKey{fixQ1}, 1, fixDay1)
	must(err)
	must(s.RecordReview(p.ID, r1.ID, ReviewAnswer{Card: fixQ1, Correct: true, Rating: Good, At: fixDay1}))
	_, err = s.FinishReview(p.ID, r1.ID, fixDay1)
	must(err)
	r2, err := s.StartReview(p.ID, []CardKey{fixQ1, fixQ2}, 2, fixDay2)
	must(err)
	must(s.RecordReview(p.ID, r2.ID, ReviewAnswer{Card: fixQ2, Rating: Again, At: fixDay2}))
	must(s.SetAccess(p.ID, AccessTrainer))
	must(s.SetTeam(p.ID, "Revenues"))
	must(s.AddKey(p.ID, fixKey, testKeyLine("fixture"), "laptop", t0))
	_, err = s.InviteSecret()
	must(err)
	must(s.CreateInvite(testInvite("Cy", AccessLearner), fixInvite))
	must(s.CreateDeviceCode(p.ID, fixDevice, t0, t0.Add(72*time.Hour)))
	// The outbox: records 1 and 2 set aside and delivered, 3 to 8 queued.
	must(s.RejectStatement(1, "400 Bad Request", fixDay2))
	must(s.MarkDelivered([]uint64{2}, fixDay2))
	must(s.RecordSendError("503 Service Unavailable", fixDay2))
	if q, err := s.PeekOutbox(100); err != nil || len(q) != 6 || q[0].Seq != fixFirstQueued {
		t.Fatalf("fixture outbox: %d records, %v", len(q), err)
	}
	if p.ID != fixProfile || a2.ID != fixOpenAttempt || r2.ID != fixOpenReview {
		t.Fatalf("fixture ids: profile %d, open attempt %d, open review %d", p.ID, a2.ID, r2.ID)
	}
}

// storeCall is one call of a public Store method, with arguments that
// succeed on the fixture.
type storeCall struct {
	method string
	run    func(s *Store) (any, error)
}

// readCalls read the fixture; their results on the sound file are the
// reference.
func readCalls() []storeCall {
	far := t0.AddDate(1, 0, 0)
	onlyPack := func(pack string) bool { return pack == "pack" }
	return []storeCall{
		{"Path", func(s *Store) (any, error) { return filepath.Base(s.Path()), nil }},
		{"Backup", func(s *Store) (any, error) {
			var buf bytes.Buffer
			err := s.Backup(&buf)
			return buf.Len() > 0, err
		}},
		{"Profiles", func(s *Store) (any, error) { return s.Profiles() }},
		{"ProfileByName", func(s *Store) (any, error) { return s.ProfileByName("ada") }},
		{"Profile", func(s *Store) (any, error) { return s.Profile(fixProfile) }},
		{"Packs", func(s *Store) (any, error) { return s.Packs() }},
		{"Pack", func(s *Store) (any, error) {
			info, parsed, err := s.Pack("pack")
			return []any{info, string(parsed)}, err
		}},
		{"PackFiles", func(s *Store) (any, error) { return s.PackFiles("pack") }},
		{"PackDigest", func(s *Store) (any, error) { return s.PackDigest("pack") }},
		{"PackParsed", func(s *Store) (any, error) {
			parsed, digest, err := s.PackParsed("pack")
			return []any{string(parsed), digest}, err
		}},
		{"ScheduledCardKeys", func(s *Store) (any, error) { return s.ScheduledCardKeys(fixProfile) }},
		{"Settings", func(s *Store) (any, error) { return s.Settings(fixProfile) }},
		{"Lesson", func(s *Store) (any, error) { return s.Lesson(fixProfile, fixLesson) }},
		{"Lessons", func(s *Store) (any, error) { return s.Lessons(fixProfile, "pack") }},
		{"OpenAttempt", func(s *Store) (any, error) {
			a, ok, err := s.OpenAttempt(fixProfile, fixLesson)
			return []any{a, ok}, err
		}},
		{"LastAttempt", func(s *Store) (any, error) {
			a, ok, err := s.LastAttempt(fixProfile, fixLesson)
			return []any{a, ok}, err
		}},
		{"Badges", func(s *Store) (any, error) { return s.Badges(fixProfile, "pack") }},
		{"FirstAttempts", func(s *Store) (any, error) {
			var got []AttemptMarks
			err := s.FirstAttempts([]uint64{fixProfile}, func(_ uint64, _ LessonKey, a AttemptMarks) error {
				a.Marks = append([]Mark(nil), a.Marks...)
				got = append(got, a)
				return nil
			})
			return got, err
		}},
		{"Days", func(s *Store) (any, error) { return s.Days(fixProfile) }},
		{"ActiveDays", func(s *Store) (any, error) { return s.ActiveDays(fixProfile, time.UTC) }},
		{"Time", func(s *Store) (any, error) {
			t, err := s.Time(fixProfile)
			return fmt.Sprint(t), err // maps keyed by structs do not marshal
		}},
		{"CardKeys", func(s *Store) (any, error) { return s.CardKeys(fixProfile) }},
		{"Card", func(s *Store) (any, error) { return s.Card(fixProfile, fixQ1) }},
		{"Cards", func(s *Store) (any, error) { return s.Cards(fixProfile, "") }},
		{"Cards", func(s *Store) (any, error) { return s.Cards(fixProfile, "pack") }},
		{"DueCards", func(s *Store) (any, error) { return s.DueCards(fixProfile, far, 0) }},
		{"DueCards", func(s *Store) (any, error) { return s.DueCards(fixProfile, far, 1) }},
		{"CountDue", func(s *Store) (any, error) { return s.CountDue(fixProfile, nil, fixDay2, far) }},
		{"CountDue", func(s *Store) (any, error) { return s.CountDue(fixProfile, onlyPack, fixDay2, far) }},
		{"OpenReview", func(s *Store) (any, error) {
			r, ok, err := s.OpenReview(fixProfile)
			return []any{r, ok}, err
		}},
		{"ProfileByKey", func(s *Store) (any, error) { return s.ProfileByKey(fixKey) }},
		{"Keys", func(s *Store) (any, error) { return s.Keys(fixProfile) }},
		{"Invites", func(s *Store) (any, error) { return s.Invites() }},
		{"InviteSecret", func(s *Store) (any, error) { return s.InviteSecret() }},
		{"LessonHistories", func(s *Store) (any, error) {
			var out [][]LessonHistory
			err := s.LessonHistories([]uint64{fixProfile}, []LessonKey{fixLesson, {Pack: "pack", Lesson: "two"}},
				func(_ uint64, hs []LessonHistory) error { out = append(out, hs); return nil })
			return out, err
		}},
		{"LearnerUID", func(s *Store) (any, error) { return s.LearnerUID(fixProfile) }},
		{"PeekOutbox", func(s *Store) (any, error) { return s.PeekOutbox(100) }},
		{"OutboxStats", func(s *Store) (any, error) { return s.OutboxStats() }},
		{"RejectedStatements", func(s *Store) (any, error) { return s.RejectedStatements() }},
	}
}

// writeCalls change the fixture, in this order; each succeeds on the
// sound file after the ones before it.
func writeCalls() []storeCall {
	at := fixDay2 // the day the fixture's last records are on
	none := func(err error) (any, error) { return nil, err }
	return []storeCall{
		{"MarkDelivered", func(s *Store) (any, error) { return none(s.MarkDelivered([]uint64{fixFirstQueued}, at)) }},
		{"RejectStatement", func(s *Store) (any, error) { return none(s.RejectStatement(fixFirstQueued+1, "400", at)) }},
		{"RecordSendError", func(s *Store) (any, error) { return none(s.RecordSendError("timeout", at)) }},
		{"Backfill", func(s *Store) (any, error) { return s.Backfill(fixtureOutbox, at) }},
		{"SaveReading", func(s *Store) (any, error) { return none(s.SaveReading(fixProfile, fixLesson, 0.7, at)) }},
		{"CompleteLesson", func(s *Store) (any, error) {
			return none(s.CompleteLesson(fixProfile, LessonKey{Pack: "pack", Lesson: "two"}, at))
		}},
		{"AwardBadge", func(s *Store) (any, error) { return s.AwardBadge(fixProfile, "pack", "second", at) }},
		{"AddTime", func(s *Store) (any, error) {
			return none(s.AddTime(fixProfile, fixLesson, QuizTime, time.Minute, at))
		}},
		{"AddTime", func(s *Store) (any, error) {
			return none(s.AddTime(fixProfile, LessonKey{}, Reviewing, time.Minute, at))
		}},
		{"SetCurrentPack", func(s *Store) (any, error) { return none(s.SetCurrentPack(fixProfile, "pack")) }},
		{"SaveSettings", func(s *Store) (any, error) { return none(s.SaveSettings(fixProfile, Settings{})) }},
		{"RecordAnswer", func(s *Store) (any, error) {
			return none(s.RecordAnswer(fixProfile, fixLesson, fixOpenAttempt, Answer{Question: "q2", Correct: true, Rating: Good, At: at}))
		}},
		{"FinishAttempt", func(s *Store) (any, error) { return s.FinishAttempt(fixProfile, fixLesson, fixOpenAttempt, 50, at) }},
		{"StartAttempt", func(s *Store) (any, error) {
			return s.StartAttempt(fixProfile, fixLesson, []string{"q1", "q2"}, 9, at)
		}},
		{"Bulk", func(s *Store) (any, error) {
			return none(s.Bulk(func(b *Bulk) error {
				if err := b.SetTeam(fixProfile, "Benefits"); err != nil {
					return err
				}
				return b.SaveReading(fixProfile, fixLesson, 0.9, at)
			}))
		}},
		{"RecordReview", func(s *Store) (any, error) {
			return none(s.RecordReview(fixProfile, fixOpenReview, ReviewAnswer{Card: fixQ1, Correct: true, Rating: Good, At: at}))
		}},
		{"FinishReview", func(s *Store) (any, error) { return s.FinishReview(fixProfile, fixOpenReview, at) }},
		{"StartReview", func(s *Store) (any, error) { return s.StartReview(fixProfile, []CardKey{fixQ1}, 3, at) }},
		{"RetireCards", func(s *Store) (any, error) { return none(s.RetireCards(fixProfile, []CardKey{fixQ2})) }},
		{"CreateProfile", func(s *Store) (any, error) { return s.CreateProfile("Bea", "staff", at) }},
		{"PutPack", func(s *Store) (any, error) {
			return none(s.PutPack(StoredPack{Info: PackInfo{ID: "other", Title: "Other"}, Parsed: []byte("{}"),
				Files: map[string][]byte{"pack.yaml": []byte("id: other\n")}}))
		}},
		{"RemovePack", func(s *Store) (any, error) { return none(s.RemovePack("other", true)) }},
		{"SetAccess", func(s *Store) (any, error) { return none(s.SetAccess(fixProfile, AccessAdmin)) }},
		{"SetTeam", func(s *Store) (any, error) { return none(s.SetTeam(fixProfile, "Planning")) }},
		{"SetRole", func(s *Store) (any, error) { return none(s.SetRole(fixProfile, "manager")) }},
		{"SetTimeZone", func(s *Store) (any, error) { return none(s.SetTimeZone(fixProfile, "Europe/London")) }},
		{"SetManager", func(s *Store) (any, error) {
			bea, err := s.ProfileByName("Bea") // made by CreateProfile above
			if err != nil {
				return nil, err
			}
			return none(s.SetManager(fixProfile, bea.ID))
		}},
		{"EnrolLearners", func(s *Store) (any, error) {
			return s.EnrolLearners([]Enrolment{
				{Name: "Eve", Role: "staff", Manager: "Bea", KeyFingerprint: testFingerprint("eve"), KeyLine: testKeyLine("eve")},
				{Name: "Fay", Role: "staff", TimeZone: "Europe/London", InviteHash: testHash("fay"), InviteExpires: at.AddDate(0, 0, 14)},
			}, at)
		}},
		{"AddKey", func(s *Store) (any, error) {
			return none(s.AddKey(fixProfile, testFingerprint("second"), testKeyLine("second"), "", at))
		}},
		{"RemoveLearnerKey", func(s *Store) (any, error) {
			return none(s.RemoveLearnerKey(fixProfile, testFingerprint("second")))
		}},
		{"RedeemDeviceCode", func(s *Store) (any, error) {
			return s.RedeemDeviceCode(fixDevice, testFingerprint("third"), testKeyLine("third"), at)
		}},
		{"CreateDeviceCode", func(s *Store) (any, error) {
			return none(s.CreateDeviceCode(fixProfile, testHash("device2"), at, at.Add(time.Hour)))
		}},
		{"RemoveKey", func(s *Store) (any, error) { return none(s.RemoveKey(fixKey)) }},
		{"CreateInvite", func(s *Store) (any, error) {
			return none(s.CreateInvite(testInvite("Dee", AccessLearner), testHash("dee")))
		}},
		{"RedeemInvite", func(s *Store) (any, error) {
			return s.RedeemInvite(fixInvite, testFingerprint("cy"), testKeyLine("cy"), at)
		}},
		{"RemoveLearner", func(s *Store) (any, error) {
			bea, err := s.ProfileByName("Bea") // made by CreateProfile above
			if err != nil {
				return nil, err
			}
			return s.RemoveLearner(bea.ID, true)
		}},
	}
}

// TestCorruptCallsCoverEveryMethod: the suite calls every exported
// method of Store (Close is called after each phase), so a new method
// cannot escape it.
func TestCorruptCallsCoverEveryMethod(t *testing.T) {
	called := map[string]bool{"Close": true}
	for _, c := range append(readCalls(), writeCalls()...) {
		called[c.method] = true
	}
	typ := reflect.TypeFor[*Store]()
	for i := range typ.NumMethod() {
		if name := typ.Method(i).Name; !called[name] {
			t.Errorf("Store.%s is not called by the corruption suite: add it to readCalls or writeCalls", name)
		}
		delete(called, typ.Method(i).Name)
	}
	for name := range called {
		t.Errorf("the corruption suite calls %s, which is not a method of Store", name)
	}
}

// callResult is what one call did.
type callResult struct {
	method string
	out    string // the result as JSON, when it succeeded
	err    error
	panic  any
}

func runCall(s *Store, c storeCall) (r callResult) {
	r.method = c.method
	defer func() {
		if p := recover(); p != nil {
			r.panic = p
		}
	}()
	out, err := c.run(s)
	r.err = err
	if err == nil {
		data, merr := json.Marshal(out)
		if merr != nil {
			r.err = fmt.Errorf("marshal the result: %v", merr)
		}
		r.out = string(data)
	}
	return r
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// recordTarget is a record of the fixture to damage: the bucket path
// that holds it, its key, and the bucket name errors must give.
type recordTarget struct {
	bucket string
	path   [][]byte
	key    []byte // nil: the last key of the bucket
	// isBucket: the record is a bucket, so only its key can be damaged,
	// or a value put in its place. swapOnly: only that.
	isBucket, swapOnly bool
}

var profileID = itob(fixProfile)

func recordTargets() []recordTarget {
	inProfile := func(name []byte) [][]byte { return [][]byte{bucketProfiles, profileID, name} }
	targets := []recordTarget{
		{"meta", [][]byte{bucketMeta}, keySchema, false, false},
		{"packs", [][]byte{bucketPacks}, []byte("pack"), true, false},
		{"packs/pack", [][]byte{bucketPacks, []byte("pack")}, keyPackInfo, false, false},
		{"packs/pack", [][]byte{bucketPacks, []byte("pack")}, keyPackParsed, false, false},
		{"files", [][]byte{bucketPacks, []byte("pack"), bucketFiles}, []byte("pack.yaml"), false, false},
		{"profiles", [][]byte{bucketProfiles}, profileID, true, false},
		{"profiles/1", [][]byte{bucketProfiles, profileID}, keyProfile, false, false},
		{"profiles/1", [][]byte{bucketProfiles, profileID}, keySettings, false, false},
		{"lessons", inProfile(bucketLessons), fixLesson.bytes(), false, false},
		{"attempts", inProfile(bucketAttempts), attemptKey(fixLesson, fixOpenAttempt), false, false},
		{"answers", inProfile(bucketAnswers), join(attemptKey(fixLesson, fixOpenAttempt), []byte("q1")), false, false},
		{"badges", inProfile(bucketBadges), join([]byte("pack"), []byte("first")), false, false},
		{"days", inProfile(bucketDays), dayKey(fixDay2), false, false},
		{"cards", inProfile(bucketCards), fixQ1.bytes(), false, false},
		{"due", inProfile(bucketDue), nil, false, false},
		{"reviews", inProfile(bucketReviews), itob(fixOpenReview), false, false},
		{"reviewed", inProfile(bucketReviewed), reviewedKey(fixOpenReview, fixQ2), false, false},
		{"time", inProfile(bucketTime), timeKey(fixLesson, Reading), false, false},
		{"time", inProfile(bucketTime), timeKey(LessonKey{}, Reviewing), false, false},
		{"meta", [][]byte{bucketMeta}, keyInviteSecret, false, false},
		{"keys", [][]byte{bucketKeys}, []byte(fixKey), false, false},
		{"invites", [][]byte{bucketInvites}, fixInvite, false, false},
		{"devices", [][]byte{bucketDevices}, fixDevice, false, false},
		{"completions", inProfile(bucketCompletions), completionKey(fixLesson, t0), false, false},
		// Made at the first completion, so not in profileBuckets.
		{"completions", [][]byte{bucketProfiles, profileID}, bucketCompletions, true, true},
		{"profiles/1", [][]byte{bucketProfiles, profileID}, keyUID, false, false},
		{"outbox", [][]byte{bucketOutbox}, itob(fixFirstQueued), false, false},
		{"rejected", [][]byte{bucketRejected}, itob(1), false, false},
		{"delivery", [][]byte{bucketDelivery}, keyDeliveryState, false, false},
	}
	// Each bucket inside a learner's bucket and a pack's, as a value.
	for _, name := range profileBuckets {
		targets = append(targets, recordTarget{string(name), [][]byte{bucketProfiles, profileID}, name, true, true})
	}
	return append(targets, recordTarget{"files", [][]byte{bucketPacks, []byte("pack")}, bucketFiles, true, true})
}

// Damage to keys: a record copied under a bad key.
var keyDamage = []struct {
	name string
	bad  func(key []byte) []byte
}{
	{"short key", func(k []byte) []byte { return bytes.Clone(k[:min(3, len(k)-1)]) }},
	{"long key", func(k []byte) []byte { return append(bytes.Clone(k), "\x00extra"...) }},
	{"empty key", func(k []byte) []byte {
		// bbolt stores no zero-length key: the last part of the key is
		// emptied instead, or the key is a lone separator.
		if i := bytes.LastIndexByte(k, 0); i >= 0 {
			return bytes.Clone(k[:i+1])
		}
		return []byte{0}
	}},
	{"non-UTF-8 key", func(k []byte) []byte { return append(bytes.Clone(k), 0xff) }},
}

// Damage to values: the record's value replaced.
var valueDamage = []struct {
	name string
	bad  func(v []byte) []byte
}{
	{"empty value", func([]byte) []byte { return []byte{} }},
	{"truncated value", func(v []byte) []byte { return bytes.Clone(v[:len(v)/2]) }},
	{"wrong-type value", func(v []byte) []byte {
		if bytes.HasPrefix(v, []byte("{")) {
			return []byte(`["wrong type"]`)
		}
		return []byte(`{"wrong":"type"}`)
	}},
	{"null value", func([]byte) []byte { return []byte("null") }},
	{"huge value", func(v []byte) []byte { return append(bytes.Repeat([]byte(" "), 2<<20), v...) }},
}

// recordCase is one damaged file.
type recordCase struct {
	name   string
	target recordTarget
	damage func(b *bolt.Bucket, key []byte) error
	// refused: Open must refuse the file. harmless: no method reads the
	// damaged record (the reason): every call must succeed exactly as on
	// the sound file. valid: the damaged record is still valid data (the
	// reason): every call must succeed, and may return it, or change it.
	refused         bool
	harmless, valid string
}

// classify says what must happen to a file with the given damage to a
// target: which damage Open refuses, which no method can see.
func classify(tg recordTarget, damage string) (refused bool, harmless, valid string) {
	keyDamage := strings.HasSuffix(damage, " key")
	switch parent := strings.Join(bytesToStrings(tg.path), "/"); {
	case damage == "short key" && slices.Contains([]string{"answers", "reviewed", "completions"}, tg.bucket):
		// (Backfill reads every record of lessons, badges and reviews.)
		return false, "a 3-byte key sorts outside every range a method reads (a lesson's, an attempt's, a review's)", ""
	case tg.bucket == "time" && damage == "truncated value":
		return false, "", "a number cut short is still a number"
	case parent == "meta" && keyDamage:
		return false, "Open reads only meta/app and meta/schema, InviteSecret only meta/invite_secret", ""
	case parent == "meta" && string(tg.key) == string(keyInviteSecret):
		return false, "", "" // Open does not read it; InviteSecret finds it
	case parent == "meta":
		return true, "", ""
	case parent == "delivery" && keyDamage:
		return false, "the delivery bucket holds one key, state; other keys are never read", ""
	case parent == "packs/pack" && keyDamage:
		return false, "a pack's bucket holds info, parsed and files; other keys are never read", ""
	case parent == "profiles/1" && keyDamage:
		return false, "a learner's bucket holds the profile record and its buckets; other keys are never read", ""
	case string(tg.key) == string(keyPackParsed) && damage != "empty value" && damage != "swapped bucket and value":
		return false, "", "the validated pack is bytes that the lessons package decodes"
	case tg.bucket == "files" && !keyDamage && !tg.swapOnly && damage != "swapped bucket and value":
		return false, "", "a pack's files are stored as imported"
	case tg.bucket == "files" && damage == "short key":
		return false, "", `"pac" is as good a file name as "pack.yaml"`
	}
	return false, "", ""
}

func recordCases() []recordCase {
	var cases []recordCase
	for _, tg := range recordTargets() {
		keyName := string(tg.key)
		if tg.key == nil {
			keyName = "last"
		}
		prefix := fmt.Sprintf("%s %q", strings.Join(bytesToStrings(tg.path), "/"), keyName)
		for _, d := range keyDamage {
			if tg.swapOnly {
				break
			}
			c := recordCase{name: prefix + " " + d.name, target: tg}
			c.refused, c.harmless, c.valid = classify(tg, d.name)
			c.damage = func(b *bolt.Bucket, key []byte) error {
				bad := d.bad(key)
				if k, _ := b.Cursor().Seek(bad); bytes.Equal(k, bad) {
					return fmt.Errorf("bad key %q exists already", bad)
				}
				if sub := b.Bucket(key); sub != nil {
					dst, err := b.CreateBucket(bad)
					if err != nil {
						return err
					}
					return copyBucket(sub, dst)
				}
				return b.Put(bad, bytes.Clone(b.Get(key)))
			}
			cases = append(cases, c)
		}
		for _, d := range valueDamage {
			if tg.isBucket {
				break
			}
			c := recordCase{name: prefix + " " + d.name, target: tg, damage: func(b *bolt.Bucket, key []byte) error {
				return b.Put(key, d.bad(bytes.Clone(b.Get(key))))
			}}
			c.refused, c.harmless, c.valid = classify(tg, d.name)
			cases = append(cases, c)
		}
		c := recordCase{name: prefix + " swapped bucket and value", target: tg,
			damage: func(b *bolt.Bucket, key []byte) error {
				if b.Bucket(key) != nil {
					if err := b.DeleteBucket(key); err != nil {
						return err
					}
					return b.Put(key, []byte("{}"))
				}
				if err := b.Delete(key); err != nil {
					return err
				}
				_, err := b.CreateBucket(key)
				return err
			}}
		c.refused, c.harmless, c.valid = classify(tg, "swapped bucket and value")
		cases = append(cases, c)
	}
	return cases
}

func bytesToStrings(path [][]byte) []string {
	var out []string
	for _, p := range path {
		if len(p) == 8 && p[0] == 0 {
			out = append(out, fmt.Sprint(btoi(p)))
		} else {
			out = append(out, string(p))
		}
	}
	return out
}

// copyBucket copies every key and nested bucket of src into dst.
func copyBucket(src, dst *bolt.Bucket) error {
	return src.ForEach(func(k, v []byte) error {
		if v != nil {
			return dst.Put(bytes.Clone(k), bytes.Clone(v))
		}
		sub, err := dst.CreateBucket(bytes.Clone(k))
		if err != nil {
			return err
		}
		return copyBucket(src.Bucket(k), sub)
	})
}

// damageFile applies c's damage to the closed file at path and returns
// the key of the damaged record and its value (nil for a bucket).
func damageFile(t *testing.T, path string, c recordCase) (key, value []byte) {
	t.Helper()
	db, err := bolt.Open(path, fileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(c.target.path[0])
		for _, name := range c.target.path[1:] {
			b = b.Bucket(name)
		}
		key = c.target.key
		if key == nil {
			key, _ = b.Cursor().Last()
			key = bytes.Clone(key)
		}
		before := keysOf(b)
		if err := c.damage(b, key); err != nil {
			return err
		}
		// The damaged record is the key added, or the key changed.
		added := slices.DeleteFunc(keysOf(b), func(k string) bool { return slices.Contains(before, k) })
		if len(added) == 1 {
			key = []byte(added[0])
		}
		value = bytes.Clone(b.Get(key))
		return nil
	})
	if err != nil {
		t.Fatalf("damage: %v", err)
	}
	return key, value
}

func keysOf(b *bolt.Bucket) []string {
	var keys []string
	b.ForEach(func(k, _ []byte) error { keys = append(keys, string(k)); return nil })
	return keys
}

// TestCorruptRecords damages one record of the fixture at a time, in
// every bucket of the layout, and calls every public Store method.
func TestCorruptRecords(t *testing.T) {
	dir := t.TempDir()
	sound := filepath.Join(dir, "sound.db")
	buildRecordsFixture(t, sound)
	mustCheckFile(t, sound)
	original, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}

	// The reference: what each call gives on the sound file.
	refPath := filepath.Join(dir, "reference", "progress.db")
	if err := os.MkdirAll(filepath.Dir(refPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(refPath, original, 0o600); err != nil {
		t.Fatal(err)
	}
	reference := map[int]string{}
	s, err := Open(refPath, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range readCalls() {
		r := runCall(s, c)
		if r.err != nil || r.panic != nil {
			t.Fatalf("%s on the sound file: %v %v", c.method, r.err, r.panic)
		}
		reference[i] = r.out
	}
	for _, c := range writeCalls() {
		if r := runCall(s, c); r.err != nil || r.panic != nil {
			t.Fatalf("%s on the sound file: %v %v", c.method, r.err, r.panic)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cases := recordCases()
	opened, detected := 0, 0
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("case-%d", i), "progress.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, original, 0o600); err != nil {
				t.Fatal(err)
			}
			badKey, badValue := damageFile(t, path, c)
			damagedSum := fileSum(t, path)
			before := snapshot(t, path)
			s, err := openNoPanic(t, path)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotProgressFile) {
					t.Errorf("Open refused the file with %v, which wraps neither ErrCorrupt nor ErrNotProgressFile", err)
				}
				if !c.refused {
					t.Errorf("Open refused a file whose pages are sound: %v", err)
				}
				assertUnchanged(t, path, before)
				assertReleased(t, path)
				return
			}
			opened++
			if c.refused {
				s.Close()
				t.Fatal("Open accepted the file")
			}
			var failed []callResult
			check := func(r callResult, want string) {
				t.Helper()
				switch {
				case r.panic != nil:
					t.Errorf("%s panicked: %v", r.method, r.panic)
				case r.err == nil && want != "" && r.out != want:
					t.Errorf("%s succeeded with a result other than the sound file's:\n got %s\nwant %s", r.method, r.out, want)
				case r.err == nil:
				case !errors.Is(r.err, ErrCorrupt):
					t.Errorf("%s: %v; want an error wrapping ErrCorrupt", r.method, r.err)
				case !namesBucket(r.err, c.target.bucket):
					t.Errorf("%s: %v; want it to name bucket %q", r.method, r.err, c.target.bucket)
				default:
					failed = append(failed, r)
				}
			}
			// Reads first: they must leave the file exactly as it was.
			for i, call := range readCalls() {
				want := reference[i]
				if c.valid != "" {
					want = ""
				}
				check(runCall(s, call), want)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if fileSum(t, path) != damagedSum {
				t.Errorf("reading the damaged file changed it")
			}
			// Writes: one that fails must leave the file as it was.
			s, err = Open(path, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			for _, call := range writeCalls() {
				sum := fileSum(t, path)
				r := runCall(s, call)
				check(r, "")
				if r.err != nil && fileSum(t, path) != sum {
					t.Errorf("%s failed (%v) but changed the file", r.method, r.err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			// No method changed the damaged record.
			readBolt(t, path, func(tx *bolt.Tx) error {
				if c.valid != "" {
					return nil // it may be updated like any record
				}
				b := tx.Bucket(c.target.path[0])
				for _, name := range c.target.path[1:] {
					b = b.Bucket(name)
				}
				k, v := b.Cursor().Seek(badKey)
				if !bytes.Equal(k, badKey) || !bytes.Equal(v, badValue) || (v == nil) != (badValue == nil) {
					t.Errorf("the damaged record %q was changed or removed", badKey)
				}
				return nil
			})
			switch {
			case c.harmless+c.valid != "" && len(failed) > 0:
				t.Errorf("%s%s, yet %s failed: %v", c.harmless, c.valid, failed[0].method, failed[0].err)
			case c.harmless+c.valid == "" && len(failed) == 0:
				t.Errorf("every method succeeded: none found the damaged record %q", badKey)
			case len(failed) > 0:
				detected++
				t.Logf("%d calls failed, e.g. %s: %v", len(failed), failed[0].method, failed[0].err)
			}
		})
	}
	t.Logf("%d damaged files, %d opened, %d with the damage found by a method", len(cases), opened, detected)
	if opened < len(cases)/2 {
		t.Errorf("only %d of %d damaged files got past Open: the methods are barely exercised", opened, len(cases))
	}
}

// namesBucket reports whether err names the bucket (or a bucket inside
// it, for packs).
func namesBucket(err error, name string) bool {
	msg := err.Error()
	return strings.Contains(msg, fmt.Sprintf("bucket %q", name)) || strings.Contains(msg, `bucket "`+name+`/`)
}
