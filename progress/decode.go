package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Every key and value read from the file goes through the checks in this
// file before it is sliced or decoded: a damaged one is an error wrapping
// ErrCorrupt that names its bucket, never a panic.

// maxRecord is the largest JSON record the file holds. Records are a few
// hundred bytes (an attempt lists its question ids); a megabyte is damage,
// and is refused before it is decoded.
const maxRecord = 1 << 20

// bucket is a bbolt bucket with the name errors give it.
type bucket struct {
	*bolt.Bucket
	name string
}

// damaged is an error wrapping ErrCorrupt, naming the bucket where the
// damage is.
func damaged(bucketName, format string, args ...any) error {
	return fmt.Errorf("progress: bucket %q: %s: %w", bucketName, fmt.Sprintf(format, args...), ErrCorrupt)
}

// quoteKey quotes a key for an error message, cut to 64 bytes.
func quoteKey(k []byte) string {
	if len(k) > 64 {
		return strconv.Quote(string(k[:64])) + "..."
	}
	return strconv.Quote(string(k))
}

// child returns the bucket called name inside parent. A missing bucket,
// or a value in its place, is damage.
func child(parent bucket, name []byte) (bucket, error) {
	b := parent.Bucket.Bucket(name)
	if b == nil {
		return bucket{}, damaged(string(name), "missing from %q, or not a bucket", parent.name)
	}
	return bucket{b, string(name)}, nil
}

// nested returns the bucket at key inside parent, named name, and
// whether there is one. A value in its place is damage.
func nested(parent bucket, key []byte, name string) (bucket, bool, error) {
	k, v := parent.Cursor().Seek(key)
	switch {
	case !bytes.Equal(k, key):
		return bucket{}, false, nil
	case v != nil:
		return bucket{}, false, damaged(parent.name, "key %s holds a value, want a bucket", quoteKey(key))
	}
	return bucket{parent.Bucket.Bucket(key), name}, true, nil
}

// lookup returns the value at key, and whether there is one. A bucket in
// its place is damage.
func (b bucket) lookup(key []byte) ([]byte, bool, error) {
	k, v := b.Cursor().Seek(key)
	switch {
	case !bytes.Equal(k, key):
		return nil, false, nil
	case v == nil:
		return nil, false, damaged(b.name, "key %s holds a bucket, want a value", quoteKey(key))
	}
	return v, true, nil
}

// get decodes the JSON value at key into v, and reports whether the key
// exists. It must be called inside the transaction that owns b.
func (b bucket) get(key []byte, v any) (bool, error) {
	data, found, err := b.lookup(key)
	if err != nil || !found {
		return false, err
	}
	return true, b.decode(key, data, v)
}

// decode decodes the JSON value of key into v. A bucket where a value
// should be (data is nil), an empty, oversized or null value and one that
// does not decode into v are damage.
func (b bucket) decode(key, data []byte, v any) error {
	switch {
	case data == nil:
		return damaged(b.name, "key %s holds a bucket, want a value", quoteKey(key))
	case len(data) == 0:
		return damaged(b.name, "key %s has an empty value", quoteKey(key))
	case len(data) > maxRecord:
		return damaged(b.name, "key %s has a value of %d bytes, want at most %d", quoteKey(key), len(data), maxRecord)
	case bytes.Equal(bytes.TrimSpace(data), []byte("null")):
		return damaged(b.name, "key %s has a null value", quoteKey(key))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return damaged(b.name, "key %s: value does not decode: %v", quoteKey(key), err)
	}
	return nil
}

// put stores v as JSON.
func (b bucket) put(key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.putBytes(key, data)
}

// putBytes stores data at key. A bucket in the way is damage.
func (b bucket) putBytes(key, data []byte) error {
	err := b.Put(key, data)
	if errors.Is(err, berrors.ErrIncompatibleValue) {
		return damaged(b.name, "key %s holds a bucket, want a value", quoteKey(key))
	}
	return err
}

// del deletes the value at key. A bucket in the way is damage.
func (b bucket) del(key []byte) error {
	err := b.Delete(key)
	if errors.Is(err, berrors.ErrIncompatibleValue) {
		return damaged(b.name, "key %s holds a bucket, want a value", quoteKey(key))
	}
	return err
}

// exists reports whether key holds a value.
func (b bucket) exists(key []byte) (bool, error) {
	_, found, err := b.lookup(key)
	return found, err
}

// id decodes a key that is a sequence number: 8 bytes, big-endian, not 0.
func (b bucket) id(key []byte) (uint64, error) {
	if len(key) != 8 {
		return 0, damaged(b.name, "key %s of %d bytes, want 8", quoteKey(key), len(key))
	}
	id := btoi(key)
	if id == 0 {
		return 0, damaged(b.name, "key %s is id 0, want 1 or more", quoteKey(key))
	}
	return id, nil
}

// text checks one part of a key that is a name (a pack, lesson, question
// or badge id, or a file's path): not empty, UTF-8, no NUL.
func (b bucket) text(key, part []byte) (string, error) {
	if err := b.checkText(key, part); err != nil {
		return "", err
	}
	return string(part), nil
}

// checkText is text without making a string, for a name that is only
// compared.
func (b bucket) checkText(key, part []byte) error {
	switch {
	case len(part) == 0:
		return damaged(b.name, "key %s has an empty part", quoteKey(key))
	case !utf8.Valid(part):
		return damaged(b.name, "key %s is not UTF-8", quoteKey(key))
	case bytes.IndexByte(part, 0) >= 0:
		return damaged(b.name, "key %s has more parts than it should", quoteKey(key))
	}
	return nil
}

// parts splits a composite key into exactly n names.
func (b bucket) parts(key []byte, n int) ([]string, error) {
	raw := bytes.Split(key, []byte{0})
	if len(raw) != n {
		return nil, damaged(b.name, "key %s has %d parts, want %d", quoteKey(key), len(raw), n)
	}
	out := make([]string, n)
	for i, p := range raw {
		s, err := b.text(key, p)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// cardKey decodes <pack>\x00<lesson>\x00<question>.
func (b bucket) cardKey(key []byte) (CardKey, error) {
	p, err := b.parts(key, 3)
	if err != nil {
		return CardKey{}, err
	}
	return CardKey{Pack: p[0], Lesson: p[1], Question: p[2]}, nil
}

// dueTime decodes the 8-byte due time that starts a key of the due index.
func (b bucket) dueTime(key []byte) (int64, error) {
	if len(key) < 8 {
		return 0, damaged(b.name, "key %s of %d bytes, want at least 8", quoteKey(key), len(key))
	}
	ns := btoi(key[:8])
	if ns > math.MaxInt64 {
		return 0, damaged(b.name, "key %s has a due time out of range", quoteKey(key))
	}
	return int64(ns), nil
}

// duePack checks an entry of the due index as dueEntry does, but without
// allocating: it returns the entry's due time and the bytes of its pack
// id, which alias the key. Counting thousands of due cards reads them all.
func (b bucket) duePack(key, value []byte) (int64, []byte, error) {
	ns, err := b.dueTime(key)
	if err != nil {
		return 0, nil, err
	}
	card := key[8:]
	i := bytes.IndexByte(card, 0)
	j := -1
	if i > 0 {
		if k := bytes.IndexByte(card[i+1:], 0); k > 0 {
			j = i + 1 + k
		}
	}
	if i <= 0 || j < 0 || j+1 == len(card) || bytes.IndexByte(card[j+1:], 0) >= 0 || !utf8.Valid(card) {
		// Not <pack>, <lesson>, <question>: the full decoder says why.
		if _, err := b.cardKey(card); err != nil {
			return 0, nil, err
		}
	}
	if len(value) != 1 || !Rating(value[0]-'0').valid() {
		return 0, nil, damaged(b.name, "key %s has value %s, want a rating 1 to 4", quoteKey(key), quoteKey(value))
	}
	return ns, card[:i], nil
}

// dueEntry decodes an entry of the due index: <due unix ns u64><card key>
// -> the last rating, one digit.
func (b bucket) dueEntry(key, value []byte) (DueCard, error) {
	ns, err := b.dueTime(key)
	if err != nil {
		return DueCard{}, err
	}
	card, err := b.cardKey(key[8:])
	if err != nil {
		return DueCard{}, err
	}
	if len(value) != 1 || !Rating(value[0]-'0').valid() {
		return DueCard{}, damaged(b.name, "key %s has value %s, want a rating 1 to 4", quoteKey(key), quoteKey(value))
	}
	return DueCard{Key: card, Due: time.Unix(0, ns), LastRating: Rating(value[0] - '0')}, nil
}

// day decodes a key of the days bucket, YYYY-MM-DD.
func (b bucket) day(key []byte) (time.Time, error) {
	date, err := time.Parse(time.DateOnly, string(key))
	if err != nil || date.Format(time.DateOnly) != string(key) {
		return time.Time{}, damaged(b.name, "key %s is not a date YYYY-MM-DD", quoteKey(key))
	}
	return date, nil
}

// attemptKey decodes a key of the attempts bucket,
// <pack>\x00<lesson>\x00<attempt u64>: the id's eight bytes may hold any
// byte, NUL included, so they are cut from the end first.
func (b bucket) attemptKey(key []byte) (LessonKey, uint64, error) {
	if len(key) < 8+4 || key[len(key)-9] != 0 {
		return LessonKey{}, 0, damaged(b.name, "key %s is not <pack>, <lesson>, <attempt id>", quoteKey(key))
	}
	p, err := b.parts(key[:len(key)-9], 2)
	if err != nil {
		return LessonKey{}, 0, err
	}
	id, err := b.id(key[len(key)-8:])
	if err != nil {
		return LessonKey{}, 0, err
	}
	return LessonKey{Pack: p[0], Lesson: p[1]}, id, nil
}

// uid checks a learner's stable id: a UUID in canonical text form.
func (b bucket) uid(value []byte) (string, error) {
	if len(value) != 36 {
		return "", damaged(b.name, "key %s has %d bytes, want a UUID of 36", quoteKey(keyUID), len(value))
	}
	id, err := uuid.ParseBytes(value)
	if err != nil || id.String() != string(value) {
		return "", damaged(b.name, "key %s is not a UUID", quoteKey(keyUID))
	}
	return string(value), nil
}

// outboxRecord decodes an entry of the outbox or rejected bucket: a
// sequence-number key and a record with a UUID, a time and a JSON body.
func (b bucket) outboxRecord(key, value []byte, rec *outboxRecord) (uint64, error) {
	seq, err := b.id(key)
	if err != nil {
		return 0, err
	}
	if err := b.decode(key, value, rec); err != nil {
		return 0, err
	}
	id, err := uuid.Parse(rec.ID)
	switch {
	case err != nil || id.String() != rec.ID:
		return 0, damaged(b.name, "key %s: id %q is not a UUID", quoteKey(key), rec.ID)
	case len(rec.Body) == 0 || !json.Valid(rec.Body):
		return 0, damaged(b.name, "key %s: the statement is not JSON", quoteKey(key))
	case rec.Queued.IsZero():
		return 0, damaged(b.name, "key %s: no time queued", quoteKey(key))
	}
	return seq, nil
}

// deliveryState decodes the outbox's counters; a negative count is
// damage.
func (b bucket) deliveryState(st *outboxState) error {
	if _, err := b.get(keyDeliveryState, st); err != nil {
		return err
	}
	if st.Sent < 0 || st.Rejected < 0 || st.Dropped < 0 {
		return damaged(b.name, "key %s: a negative count", quoteKey(keyDeliveryState))
	}
	return nil
}
