package lessons

import (
	"errors"
	"reflect"
	"strings"
	"testing"
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
	if _, err := Decode([]byte(strings.Replace(string(data), `"Encoding":1`, `"Encoding":99`, 1))); !errors.Is(err, ErrOldEncoding) {
		t.Errorf("another encoding: %v", err)
	}
	for _, bad := range []string{"", "{}", `{"Encoding":1}`, `{"Encoding":1,"Pack":{"ID":"BAD id"}}`,
		`{"Encoding":1,"Pack":{"ID":"p","Modules":[{"ID":"m","LessonIDs":["x"]}]},"Lessons":[]}`} {
		if _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%q) succeeded", bad)
		}
	}
}

// TestDecodeSanitises: bytes read back from disk are not trusted.
func TestDecodeSanitises(t *testing.T) {
	p := mustLoad(t, validPack())
	data, _ := Encode(p)
	evil := strings.Replace(string(data), `"Title":"Test pack"`, `"Title":"Test \u001b]0;x\u0007pack"`, 1)
	q, err := Decode([]byte(evil))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(q.Title, "\x1b\x07") {
		t.Errorf("decoded title %q keeps control characters", q.Title)
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
