package badgeissuer

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

func profile() Profile {
	return Profile{Name: "Example Council", URL: "https://www.example-council.gov.uk", Identify: IdentifyName}
}

func TestMultibaseKnownValues(t *testing.T) {
	// base58btc of "Hello World!" (the multibase specification's example).
	if got := EncodeMultibase([]byte("Hello World!")); got != "z2NEpo7TZRRrLZSi2U" {
		t.Errorf("encode: %s", got)
	}
	if b, err := DecodeMultibase("z2NEpo7TZRRrLZSi2U"); err != nil || string(b) != "Hello World!" {
		t.Errorf("decode: %q %v", b, err)
	}
	if b, err := DecodeMultibase(EncodeMultibase([]byte{0, 0, 1})); err != nil || !bytes.Equal(b, []byte{0, 0, 1}) {
		t.Errorf("leading zeros: %v %v", b, err)
	}
	// A did:key from the did:key specification decodes to an Ed25519 key
	// and back to itself.
	const mb = "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
	pub, err := ParsePublicKeyMultibase(mb)
	if err != nil || PublicKeyMultibase(pub) != mb {
		t.Errorf("did:key round trip: %v", err)
	}
	for _, bad := range []string{"", "z", "f00", "z0OIl", "z2NEpo7TZRRrLZSi2U"} {
		if _, err := ParsePublicKeyMultibase(bad); err == nil {
			t.Errorf("%q accepted as a public key", bad)
		}
	}
}

func TestInitKeepsTheKeyPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "issuer")
	is, err := Init(dir, profile(), day)
	if err != nil {
		t.Fatal(err)
	}
	keyFile := privatePath(dir, is.Current().ID)
	for _, f := range []string{keyFile, filepath.Join(dir, profileFile)} {
		st, err := os.Stat(f)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", f, st.Mode().Perm(), err)
		}
	}
	seed := is.SigningKey().Seed()
	yaml, _ := os.ReadFile(filepath.Join(dir, profileFile))
	if bytes.Contains(yaml, seed) || strings.Contains(string(yaml), "PRIVATE") {
		t.Error("issuer.yaml holds the private key")
	}
	if _, err := Init(dir, profile(), day); !errors.Is(err, ErrIssuerExists) {
		t.Errorf("second init: %v", err)
	}
	loaded, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(loaded.SigningKey(), is.SigningKey()) || loaded.ID() != "did:key:"+is.Current().ID {
		t.Errorf("loaded issuer differs: %s", loaded.ID())
	}
	// A key file that is not the key issuer.yaml names is refused.
	_, other, _ := ed25519.GenerateKey(nil)
	if err := writePrivate(dir, is.Current().ID, other); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not the Ed25519 key") {
		t.Errorf("mismatched key file: %v", err)
	}
}

func TestLoadWithoutIssuer(t *testing.T) {
	if _, err := Load(t.TempDir()); !errors.Is(err, ErrNoIssuer) {
		t.Errorf("empty folder: %v", err)
	}
}

func TestProfileChecks(t *testing.T) {
	for name, change := range map[string]func(*Profile){
		"no name":      func(p *Profile) { p.Name = " " },
		"http address": func(p *Profile) { p.URL = "http://www.example-council.gov.uk" },
		"bad email":    func(p *Profile) { p.Email = "not an address" },
		"identify":     func(p *Profile) { p.Identify = "face" },
		"did":          func(p *Profile) { p.DIDWeb = "did:key:z6Mk" },
	} {
		p := profile()
		change(&p)
		if _, err := Init(filepath.Join(t.TempDir(), "i"), p, day); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, bad := range []string{"", "localhost", "exa mple.org", "example.org/path", "-x.org"} {
		if _, err := DIDWeb(bad); err == nil {
			t.Errorf("did:web of %q accepted", bad)
		}
	}
	if did, err := DIDWeb("https://WWW.Example-Council.gov.uk/"); err != nil || did != "did:web:www.example-council.gov.uk" {
		t.Errorf("did:web: %s %v", did, err)
	}
}

func TestRotateKeepsOldPublicKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "issuer")
	p := profile()
	p.DIDWeb = "did:web:www.example-council.gov.uk"
	is, err := Init(dir, p, day)
	if err != nil {
		t.Fatal(err)
	}
	old := is.Current()
	oldVM := is.VerificationMethod()
	if err := is.Rotate(day.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(privatePath(dir, old.ID)); !os.IsNotExist(err) {
		t.Errorf("the old private key is still there: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, DocumentFile))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseDocument(data)
	if err != nil {
		t.Fatal(err)
	}
	r := Resolver{Web: map[string]Document{doc.ID: doc}}
	for _, vm := range []string{oldVM, is.VerificationMethod()} {
		if _, did, err := r.Resolve(vm); err != nil || did != p.DIDWeb {
			t.Errorf("published did.json does not resolve %s: %v", vm, err)
		}
	}
	if k, ok := is.Owns(oldVM); !ok || k.Retired.IsZero() {
		t.Errorf("old key %s: owned %v, retired %v", oldVM, ok, k.Retired)
	}
	if _, ok := is.Owns("did:web:elsewhere.org#" + old.ID); ok {
		t.Error("a key named under another DID is taken as ours")
	}
}

func TestResolveRefuses(t *testing.T) {
	r := Resolver{}
	for vm, want := range map[string]string{
		"did:example:123#k": "unknown DID method",
		"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp":                   "no key id",
		"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#other":             "not its did:key's",
		"did:web:www.example-council.gov.uk#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3dj": "--did-json",
	} {
		if _, _, err := r.Resolve(vm); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", vm, err, want)
		}
	}
}
