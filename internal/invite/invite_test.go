package invite

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestGenerateMakesDistinctWellFormedCodes(t *testing.T) {
	seen := map[string]bool{}
	counts := map[rune]int{}
	const n = 2000
	for range n {
		shown := Generate()
		if len(shown) != Length+2 || shown[4] != '-' || shown[9] != '-' {
			t.Fatalf("code %q: want XXXX-XXXX-XX", shown)
		}
		code, err := Normalise(shown)
		if err != nil {
			t.Fatalf("Normalise(%q): %v", shown, err)
		}
		if seen[code] {
			t.Fatalf("code %q made twice in %d", code, n)
		}
		seen[code] = true
		for _, r := range code {
			counts[r]++
		}
	}
	// 20,000 characters over 32: each should appear about 625 times; a
	// character never used, or used three times as often as it should,
	// means the alphabet is not all used or is biased.
	if len(counts) != len(Alphabet) {
		t.Errorf("%d of %d characters used", len(counts), len(Alphabet))
	}
	for r, c := range counts {
		if c < 300 || c > 1000 {
			t.Errorf("%q used %d times in %d characters, want about %d", r, c, n*Length, n*Length/len(Alphabet))
		}
	}
}

func TestNormaliseAcceptsWhatPeopleType(t *testing.T) {
	for _, typed := range []string{
		"K7QM-4XPR-2D", "k7qm4xpr2d", " K7QM 4XPR 2D ", "k7qm-4xpr-2d\t", "K-7-Q-M-4-X-P-R-2-D",
	} {
		if got, err := Normalise(typed); err != nil || got != "K7QM4XPR2D" {
			t.Errorf("Normalise(%q) = %q, %v; want K7QM4XPR2D", typed, got, err)
		}
	}
	if got, err := Normalise("oOiI-lL10-AB"); err != nil || got != "00111110AB" {
		t.Errorf("look-alikes: %q, %v; want 00111110AB", got, err)
	}
}

func TestNormaliseRefusesWhatIsNotACode(t *testing.T) {
	for _, typed := range []string{
		"", "K7QM-4XPR-2", "K7QM-4XPR-2DX", "K7QM-4XPR-2U", "K7QM_4XPR_2D", "K7QM-4XPR-2É",
		"K7QM\n4XPR2D", strings.Repeat("-", 60) + "K7QM4XPR2D",
	} {
		if got, err := Normalise(typed); !errors.Is(err, ErrBadCode) {
			t.Errorf("Normalise(%q) = %q, %v; want ErrBadCode", typed, got, err)
		}
	}
}

func TestHash(t *testing.T) {
	secret, other := []byte("secret one"), []byte("secret two")
	a, err := Hash(secret, "K7QM-4XPR-2D")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Hash(secret, "k7qm 4xpr 2d")
	c, _ := Hash(other, "K7QM-4XPR-2D")
	d, _ := Hash(secret, "K7QM-4XPR-2E")
	if len(a) != 32 || !bytes.Equal(a, b) {
		t.Errorf("the same code typed two ways hashes differently: %x, %x", a, b)
	}
	if bytes.Equal(a, c) || bytes.Equal(a, d) {
		t.Errorf("different secrets or codes give the same hash")
	}
	if bytes.Contains(a, []byte("K7QM4XPR2D")) {
		t.Errorf("the hash contains the code")
	}
	if _, err := Hash(secret, "nonsense"); !errors.Is(err, ErrBadCode) {
		t.Errorf("Hash of a non-code = %v, want ErrBadCode", err)
	}
}

// FuzzNormalise: whatever is typed, Normalise never panics, and what it
// accepts is a canonical code that reads back as itself, shown or not.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"K7QM-4XPR-2D", "k7qm4xpr2d", "oil0-OIL1-ab", "", "É", "K7QM-4XPR-2D\x00", strings.Repeat("a", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		code, err := Normalise(typed)
		if err != nil {
			if !errors.Is(err, ErrBadCode) {
				t.Fatalf("error %v does not wrap ErrBadCode", err)
			}
			return
		}
		if len(code) != Length {
			t.Fatalf("Normalise(%q) = %q, want %d characters", typed, code, Length)
		}
		for _, r := range code {
			if !strings.ContainsRune(Alphabet, r) {
				t.Fatalf("Normalise(%q) = %q, with %q outside the alphabet", typed, code, r)
			}
		}
		for _, again := range []string{code, Format(code), strings.ToLower(Format(code))} {
			if got, err := Normalise(again); err != nil || got != code {
				t.Fatalf("Normalise(%q) = %q, %v; want %q", again, got, err, code)
			}
		}
	})
}

func TestDeviceHashIsNotAnInviteHash(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	code := Generate()
	inv, err := Hash(secret, code)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := DeviceHash(secret, code)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(inv, dev) {
		t.Fatal("a device code hashes as the same invite code does")
	}
	typed, err := DeviceHash(secret, strings.ToLower(strings.ReplaceAll(code, "-", " ")))
	if err != nil || !bytes.Equal(typed, dev) {
		t.Errorf("the code as typed hashes differently: %v", err)
	}
	if _, err := DeviceHash(secret, "nonsense"); !errors.Is(err, ErrBadCode) {
		t.Errorf("not a code = %v, want ErrBadCode", err)
	}
}
