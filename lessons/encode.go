package lessons

import (
	"encoding/json"
	"errors"
	"fmt"
)

// encodingVersion changes whenever the encoded form of a pack changes, so
// that a pack stored by an older Upskill is validated again from its files
// rather than decoded wrongly.
const encodingVersion = 1

// ErrOldEncoding is returned by [Decode] for a pack encoded by another
// version of Upskill; validate its files again with [Load].
var ErrOldEncoding = errors.New("the pack was stored by another version of Upskill")

// encoded is the stored form of a valid pack.
type encoded struct {
	Encoding int
	Pack     *Pack
	Lessons  []*Lesson
}

// Encode writes a valid pack in a compact form that [Decode] reads back
// without parsing YAML or Markdown, so that imported packs cost little at
// start-up.
func Encode(p *Pack) ([]byte, error) {
	e := encoded{Encoding: encodingVersion, Pack: p}
	for _, m := range p.Modules {
		e.Lessons = append(e.Lessons, p.LessonsOf(&m)...)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encode pack %s: %w", p.ID, err)
	}
	return data, nil
}

// Decode reads a pack written by [Encode]. It checks the pack's shape
// again and sanitises its text, since the bytes come from a file on disk.
func Decode(data []byte) (*Pack, error) {
	var e encoded
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("decode pack: %w", err)
	}
	if e.Encoding != encodingVersion {
		return nil, fmt.Errorf("decode pack: %w (encoding %d, this version reads %d)", ErrOldEncoding, e.Encoding, encodingVersion)
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
	sanitise(p)
	return p, nil
}
