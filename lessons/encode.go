package lessons

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
)

// encodingVersion changes whenever the encoded form of a pack changes, so
// that a pack stored by an older Upskill is validated again from its files
// rather than decoded wrongly. Version 1 was JSON; version 2 is gob, which
// decodes the built-in curriculum about eight times faster. Version 3 adds
// the quiz rules for spelling and shuffling, resolved at load, so packs
// stored before them are validated again rather than read as strict and
// unshuffled. Version 4 adds each lesson's reviewed and review_by dates,
// so that packs stored without them are validated again and their review
// dates counted. Question.Markdown was added without a new version: a
// pack stored before it decodes with Markdown false, and shows its
// [markdown] GIFT questions as written, as it did, until imported again.
const encodingVersion = 4

// encodingMagic starts every encoded pack, followed by one byte holding
// encodingVersion.
const encodingMagic = "upskill-pack\x00"

// ErrOldEncoding is returned by [Decode] for a pack encoded by another
// version of Upskill; validate its files again with [Load].
var ErrOldEncoding = errors.New("the pack was stored by another version of Upskill")

// encoded is the stored form of a valid pack.
type encoded struct {
	Pack    *Pack
	Lessons []*Lesson
}

// Encode writes a valid pack in a compact form that [Decode] reads back
// without parsing YAML or Markdown, so that stored packs cost little at
// start-up. The same pack always encodes to the same bytes.
func Encode(p *Pack) ([]byte, error) {
	e := encoded{Pack: p}
	for _, m := range p.Modules {
		e.Lessons = append(e.Lessons, p.LessonsOf(&m)...)
	}
	var buf bytes.Buffer
	buf.WriteString(encodingMagic)
	buf.WriteByte(encodingVersion)
	if err := gob.NewEncoder(&buf).Encode(e); err != nil {
		return nil, fmt.Errorf("encode pack %s: %w", p.ID, err)
	}
	return buf.Bytes(), nil
}

// Decode reads a pack written by [Encode]. It checks the pack's shape
// again and sanitises its text, since the bytes come from a file on disk.
// Bytes in another encoding, such as the JSON of Upskill's first
// releases, give [ErrOldEncoding].
func Decode(data []byte) (*Pack, error) {
	body, ok := bytes.CutPrefix(data, []byte(encodingMagic))
	if !ok || len(body) == 0 {
		return nil, fmt.Errorf("decode pack: %w (not in this version's encoding)", ErrOldEncoding)
	}
	if body[0] != encodingVersion {
		return nil, fmt.Errorf("decode pack: %w (encoding %d, this version reads %d)", ErrOldEncoding, body[0], encodingVersion)
	}
	var e encoded
	if err := gob.NewDecoder(bytes.NewReader(body[1:])).Decode(&e); err != nil {
		return nil, fmt.Errorf("decode pack: %w", err)
	}
	p := e.Pack
	if p == nil || !ValidID(p.ID) {
		return nil, errors.New("decode pack: no valid pack id")
	}
	p.lessons = map[string]*Lesson{}
	for _, l := range e.Lessons {
		if l == nil || !ValidID(l.ID) {
			return nil, errors.New("decode pack: a lesson without a valid id")
		}
		p.lessons[l.ID] = l
	}
	for _, m := range p.Modules {
		for _, id := range m.LessonIDs {
			if _, ok := p.lessons[id]; !ok {
				return nil, fmt.Errorf("decode pack: module %q names missing lesson %q", m.ID, id)
			}
		}
	}
	if err := checkStoredRequired(p); err != nil {
		return nil, fmt.Errorf("decode pack: %w", err)
	}
	sanitise(p)
	return p, nil
}
