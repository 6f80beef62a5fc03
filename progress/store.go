// Package progress keeps learners' records in one bbolt file: profiles,
// lesson state and reading positions, quiz attempts with every answer,
// best scores, badges, the days each learner was active and what they did
// on them, time spent, and a review card for every question answered,
// with the review sessions that ask them. Cards keep FSRS's (go-fsrs)
// schedule as the [Policy] given to [Open] decides it: the store rates
// nothing and schedules nothing itself.
//
// Every write is one bbolt transaction, committed (and synced to disk)
// before the method returns, so a caller that acknowledges a learner's
// answer only after [Store.RecordAnswer] returns never loses it, even if
// the process is killed straight afterwards.
//
// Records are keyed by pack id, lesson id and question id, never by
// position, so progress survives a new version of a pack.
//
// The file is opened with a one-second lock timeout: a second process gets
// [ErrLocked] instead of waiting forever. A file this package did not write,
// a damaged file, and a file from a newer version of Upskill are refused
// with [ErrNotProgressFile], [ErrCorrupt] and [ErrNewerSchema], and left
// exactly as they were.
package progress

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The layout of the file. Keys in angle brackets are variable; ids are pack
// slugs, which never contain the NUL byte used as a separator. Values are
// JSON unless stated.
//
//	meta/
//	  app     -> "upskill" (plain text; marks the file as ours)
//	  schema  -> "4" (plain text; see SchemaVersion)
//	  invite_secret -> 32 random bytes, the HMAC key of invite codes (raw; made when first needed)
//	packs/                                      (since schema 2)
//	  <pack id>/                                one bucket per imported pack
//	    info     -> PackInfo
//	    parsed   -> the validated pack, as the lessons package encodes it
//	    digest   -> PackDigest of parsed and files (raw 32 bytes; absent if stored before it was kept)
//	    files/
//	      <path in the pack>                    -> the file's bytes
//	profiles/
//	  <profile id: uint64 big-endian>/          one bucket per learner
//	    profile   -> profileRecord (name, role, access, team; time_zone and manager since schema 4)
//	    settings  -> Settings (absent until the learner saves one)
//	    uid       -> the learner's stable id: a random UUID, canonical text (made when first needed; uid.go)
//	    lessons/
//	      <pack>\x00<lesson>                    -> lessonRecord
//	    attempts/                               sequence numbers attempt ids
//	      <pack>\x00<lesson>\x00<attempt u64>   -> attemptRecord
//	    answers/
//	      <pack>\x00<lesson>\x00<attempt u64>\x00<question> -> answerRecord
//	    badges/
//	      <pack>\x00<badge>                     -> badgeRecord
//	    days/
//	      <YYYY-MM-DD>                          -> dayRecord (learner's local date)
//	    cards/                                  (since schema 3)
//	      <pack>\x00<lesson>\x00<question>       -> cardRecord (FSRS schedule)
//	    due/                                    index of cards not retired, by due time
//	      <due unix ns u64><card key>           -> last rating (1-4)
//	    reviews/                                review sessions; sequence numbers ids
//	      <review u64>                          -> reviewRecord
//	    reviewed/
//	      <review u64>\x00<card key>            -> ReviewAnswer
//	    time/
//	      <pack>\x00<lesson>\x00<read|quiz>      -> seconds of active time (JSON number)
//	      review                                -> seconds spent in reviews
//	    completions/                            every lesson completion, first and later (made at the
//	                                            learner's first completion after it was added, filled
//	                                            from lessons/ and attempts/; see completions.go)
//	      <pack>\x00<lesson>\x00<completed unix ns, 16 hex digits> -> "r" read to the end, "q" quiz passed, "m" from older records (raw)
//	keys/                                       (made when the first key is added)
//	  <"SHA256:" fingerprint of an SSH key>     -> keyRecord (the learner it belongs to)
//	invites/                                    (made when the first invite is made)
//	  <HMAC-SHA256 of the code: 32 bytes>       -> inviteRecord (never the code; time_zone since schema 4)
//	devices/                                    (made when the first device code is asked for)
//	  <HMAC-SHA256 of the device code: 32 bytes> -> deviceRecord (never the code; the learner it adds a key to)
//	outbox/                                     (made when the first record is queued; outbox.go)
//	  <seq u64>                                 -> outboxRecord (statement id, time queued, JSON body)
//	rejected/                                   (made when the receiver first refuses a record)
//	  <seq u64>                                 -> outboxRecord, with the time refused and the receiver's answer
//	delivery/                                   (made with outbox/)
//	  state                                     -> outboxState (counts sent, rejected, dropped; last error;
//	                                               first_queued: the first record's time; backfilled: when Backfill ran)
//	                                               (queued = the outbox bucket's sequence - sent - rejected)
//
// Every key and value is checked against this layout when it is read
// (decode.go) before it is sliced or decoded: one that does not fit is an
// error wrapping ErrCorrupt that names its bucket. Open checks the meta
// bucket, the schema version and bbolt's page structure.
var (
	bucketMeta     = []byte("meta")
	bucketProfiles = []byte("profiles")
	bucketPacks    = []byte("packs")

	keyApp     = []byte("app")
	keySchema  = []byte("schema")
	keyProfile = []byte("profile")

	bucketLessons  = []byte("lessons")
	bucketAttempts = []byte("attempts")
	bucketAnswers  = []byte("answers")
	bucketBadges   = []byte("badges")
	bucketDays     = []byte("days")
	bucketCards    = []byte("cards")
	bucketDue      = []byte("due")
	bucketReviews  = []byte("reviews")
	bucketReviewed = []byte("reviewed")
	bucketTime     = []byte("time")

	appName = []byte("upskill")
)

// profileBuckets are the buckets inside every profile's bucket.
var profileBuckets = [][]byte{bucketLessons, bucketAttempts, bucketAnswers, bucketBadges, bucketDays,
	bucketCards, bucketDue, bucketReviews, bucketReviewed, bucketTime}

// SchemaVersion is the version of the layout this package writes. A file
// with an older version is migrated when it is opened; a newer one is
// refused. Schema 2 added the packs bucket; schema 3 review cards, review
// sessions, time spent and day counters; schema 4 a learner's time zone and
// manager. Schema 4 changed no data: it was raised so that an older
// Upskill, which would drop the access, team, time zone and manager of any
// profile it rewrote, refuses the file with ErrNewerSchema instead.
const SchemaVersion = 4

// Errors returned by [Open] and the Store's methods. Test for them with
// errors.Is.
var (
	ErrLocked          = errors.New("another Upskill is already using the progress file")
	ErrNewerSchema     = errors.New("the progress file was written by a newer version of Upskill")
	ErrNotProgressFile = errors.New("the file is not an Upskill progress file")
	ErrCorrupt         = errors.New("the progress file is damaged")
	ErrNotFound        = errors.New("not found")
	ErrProfileExists   = errors.New("a profile with that name already exists")
	ErrAttemptClosed   = errors.New("the quiz attempt is already finished")
	ErrAlreadyAnswered = errors.New("the question is already answered in this attempt")
	ErrInvalid         = errors.New("invalid value")
	ErrReviewOpen      = errors.New("a review session is already open")
	ErrReviewClosed    = errors.New("the review session is already finished")
)

const (
	fileMode    = 0o600
	dirMode     = 0o700
	lockTimeout = time.Second
)

// Store is an open progress file. Its methods are safe for concurrent use.
type Store struct {
	db     *bolt.DB
	path   string
	policy Policy   // schedules review cards; set at Open, never changed
	batch  bool     // answers and reviews share commits (Options.BatchDelay)
	tx     *bolt.Tx // set only in a Bulk's copy: every write goes into it
	// outbox makes the records of learning events (Options.Outbox), and
	// outboxMax bounds how many are queued (Options.OutboxLimit).
	outbox    OutboxHook
	outboxMax int
	// onQueued is told after a commit that queued records
	// (Options.OnQueued).
	onQueued func()
}

// Path is the file the store reads and writes.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close progress file: %w", err)
	}
	return nil
}

// Open opens the progress file at path, creating it (and its folder) when
// it does not exist. opts.Policy schedules review cards; an older file is
// upgraded with it.
func Open(path string, opts Options) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := create(path); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("open progress file %s: %w", path, err)
	}
	return openExisting(path, opts)
}

func openExisting(path string, opts Options) (_ *Store, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open progress file %s: %w", path, err)
	}
	// bbolt would quietly turn an empty file into a database; an empty file
	// is not ours, so leave it alone.
	if !info.Mode().IsRegular() || info.Size() == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNotProgressFile)
	}
	// bbolt panics on some damaged files rather than returning an error,
	// and a damaged file can make it read outside the mapped file, which
	// is a fault, not a panic, unless SetPanicOnFault is on. Either way,
	// release the file (and its lock) and report it as damaged.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var db *bolt.DB
	var file *os.File // what bbolt opened, to release if bolt.Open panics
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			} else if file != nil {
				file.Close()
			}
			err = fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, r)
		}
	}()
	options := func(readOnly bool) *bolt.Options {
		return &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly,
			OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, perm)
				file = f
				return f, err
			}}
	}
	// Look at the file read-only first: opening a file for writing makes
	// bbolt read its freelist, which is outside a file cut short, and write
	// to a file whose freelist is not synced, even if it is not ours.
	db, err = bolt.Open(path, fileMode, options(true))
	if err != nil {
		return nil, openError(path, err)
	}
	version, err := checkFile(db, path)
	db.Close()
	db = nil
	if err != nil {
		return nil, err
	}
	db, err = bolt.Open(path, fileMode, options(false))
	if err != nil {
		return nil, openError(path, err)
	}
	s := &Store{db: db, path: path, policy: opts.Policy, batch: opts.BatchDelay > 0,
		outbox: opts.Outbox, outboxMax: opts.OutboxLimit, onQueued: opts.OnQueued}
	if s.batch {
		db.MaxBatchDelay = opts.BatchDelay
	}
	if version < SchemaVersion {
		if err := s.migrate(version); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%w (%s)", ErrLocked, path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch):
		return fmt.Errorf("%s: %w, or it is too damaged to read", path, ErrNotProgressFile)
	case errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, err)
	case strings.Contains(err.Error(), "file size too small"):
		// Shorter than the two meta pages every bbolt file starts with.
		return fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, err)
	default:
		return fmt.Errorf("open progress file %s: %w", path, err)
	}
}

// checkFile makes sure the file open in db is ours, undamaged and of a
// schema this version reads, and returns its schema version.
func checkFile(db *bolt.DB, path string) (int, error) {
	var version int
	err := db.View(func(tx *bolt.Tx) error {
		// A file cut short would make bbolt read past its end.
		info, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("open progress file %s: %w", path, err)
		}
		if tx.Size() > info.Size() {
			return fmt.Errorf("%s: %w (%d bytes, too short for its %d bytes of data)", path, ErrCorrupt, info.Size(), tx.Size())
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil || string(meta.Get(keyApp)) != string(appName) || tx.Bucket(bucketProfiles) == nil {
			return fmt.Errorf("%s: %w", path, ErrNotProgressFile)
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil || v < 0 {
			return fmt.Errorf("%s: %w (bad schema version %q)", path, ErrCorrupt, meta.Get(keySchema))
		}
		version = v
		if v >= 2 && tx.Bucket(bucketPacks) == nil {
			return fmt.Errorf("%s: %w (no packs bucket, or not a bucket)", path, ErrCorrupt)
		}
		// Drain the channel: the check runs in its own goroutine and must
		// finish before the transaction ends and the file is unmapped.
		var first error
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return fmt.Errorf("%s: %w (%v)", path, ErrCorrupt, first)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if version > SchemaVersion {
		return 0, fmt.Errorf("%s: %w (schema %d; this version reads up to %d)", path, ErrNewerSchema, version, SchemaVersion)
	}
	return version, nil
}

// create makes a new, initialised progress file. It builds the file under
// a temporary name and links it into place only when complete, so a crash
// or power cut while creating it never leaves a half-made file at path,
// and two processes starting at once cannot both create one.
func create(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("create folder for progress file: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upskill-new-*.db")
	if err != nil {
		return fmt.Errorf("create progress file: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath)
	if err := os.Remove(tmpPath); err != nil { // bbolt must create it itself
		return fmt.Errorf("create progress file: %w", err)
	}
	db, err := bolt.Open(tmpPath, fileMode, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return fmt.Errorf("create progress file: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return initialise(tx, SchemaVersion) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create progress file: %w", err)
	}
	if err := os.Link(tmpPath, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create progress file: %w", err)
	}
	return syncDir(dir)
}

func initialise(tx *bolt.Tx, version int) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	for _, name := range [][]byte{bucketProfiles, bucketPacks} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	if err := meta.Put(keyApp, appName); err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(version)))
}

// syncDir makes a new directory entry durable. Windows cannot sync a
// folder, and makes renames and links durable itself.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}
