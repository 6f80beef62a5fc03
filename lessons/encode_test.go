package lessons

import (
	"bytes"
	"encoding/gob"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/termsafe"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	p := mustLoad(t, validPack())
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("decoded pack differs:\n%+v\n%+v", p, q)
	}
	// A pack with banks too: re-importing the same pack compares the
	// stored one with the loaded one, and must find no change.
	banked, err := loadBankPack(t)
	if err != nil {
		t.Fatal(err)
	}
	data, err = Encode(banked)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Decode(data); err != nil || !reflect.DeepEqual(banked, again) {
		t.Errorf("a pack with banks does not survive encoding (%v)", err)
	}
	first, _ := Encode(p)
	again, err := Encode(p)
	if err != nil || !bytes.Equal(first, again) {
		t.Errorf("encoding the same pack twice gave different bytes (%v)", err)
	}
	other := bytes.Clone(data)
	other[len(encodingMagic)] = 99
	if _, err := Decode(other); !errors.Is(err, ErrOldEncoding) {
		t.Errorf("another encoding version: %v", err)
	}
	for _, old := range []string{`{"Encoding":1,"Pack":{"ID":"p"}}`, "", encodingMagic} {
		if _, err := Decode([]byte(old)); !errors.Is(err, ErrOldEncoding) {
			t.Errorf("Decode(%q) = %v, want ErrOldEncoding", old, err)
		}
	}
	bad := func(mutate func(*encoded)) []byte {
		e := encoded{Pack: &Pack{ID: "p", Modules: []Module{{ID: "m", LessonIDs: []string{"x"}}}}, Lessons: []*Lesson{{ID: "x"}}}
		mutate(&e)
		var buf bytes.Buffer
		buf.WriteString(encodingMagic)
		buf.WriteByte(encodingVersion)
		if err := gob.NewEncoder(&buf).Encode(e); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if _, err := Decode(bad(func(*encoded) {})); err != nil {
		t.Errorf("the minimal pack does not decode: %v", err)
	}
	for name, data := range map[string][]byte{
		"truncated":      data[:len(data)/2],
		"no pack":        bad(func(e *encoded) { e.Pack = nil }),
		"bad pack id":    bad(func(e *encoded) { e.Pack.ID = "BAD id" }),
		"bad lesson id":  bad(func(e *encoded) { e.Lessons[0].ID = "BAD id" }),
		"missing lesson": bad(func(e *encoded) { e.Lessons = nil }),
	} {
		if _, err := Decode(data); err == nil || errors.Is(err, ErrOldEncoding) {
			t.Errorf("%s: Decode error %v, want a decoding error", name, err)
		}
	}
}

// TestDecodeSanitises: bytes read back from disk are not trusted.
func TestDecodeSanitises(t *testing.T) {
	p := mustLoad(t, validPack())
	// Bytes on disk could have been changed: put control codes in as if
	// they had been.
	p.Title = "Test \x1b]0;x\x07pack"
	l, _ := p.Lesson("first-lesson")
	l.Body = "Text \x1b[2J here"
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(q.Title, "\x1b\x07") {
		t.Errorf("decoded title %q keeps control characters", q.Title)
	}
	if l, _ := q.Lesson("first-lesson"); strings.Contains(l.Body, "\x1b") {
		t.Errorf("decoded body %q keeps control characters", l.Body)
	}
}

func BenchmarkDecodeBuiltinSized(b *testing.B) {
	p := mustLoad(b, validPack())
	data, _ := Encode(p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecode feeds Decode damaged encodings, as a tampered or damaged
// progress file would: it must return an error or a pack whose text is
// safe, never panic.
func FuzzDecode(f *testing.F) {
	p, err := Load(validPack())
	if err != nil {
		f.Fatal(err)
	}
	data, err := Encode(p)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/3])
	f.Add([]byte(encodingMagic + "\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			return
		}
		if err := termsafe.Check(p.Title); err != nil {
			t.Errorf("decoded title is unsafe: %v", err)
		}
		for i := range p.Modules {
			for _, l := range p.LessonsOf(&p.Modules[i]) {
				if err := termsafe.Check(l.Title); err != nil {
					t.Errorf("decoded lesson title is unsafe: %v", err)
				}
			}
		}
	})
}
