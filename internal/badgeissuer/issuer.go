// Package badgeissuer keeps a council's Open Badges issuer: its profile
// (name, web address, optional email), how learners are identified in
// its credentials, and its Ed25519 signing keys, current and retired.
//
// The issuer lives in a folder of its own beside the progress file
// (never inside it, so `backup` and `pack export` never carry the key):
//
//	issuer/issuer.yaml          the profile and every key's public half (0600)
//	issuer/keys/<key id>.pem    the current private key, PKCS #8 (0600)
//	issuer/did.json             with --did-web: the DID document to publish
//
// A key is never printed. Rotating makes a new key and keeps the old
// one's public half, so credentials it signed still verify.
package badgeissuer

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Identify says how credentials identify the learner.
type Identify string

// The ways of identifying a learner.
const (
	// IdentifyName puts the learner's name in the credential.
	IdentifyName Identify = "name"
	// IdentifyEmail puts a salted hash of the learner's email address,
	// when one is given, and else their name.
	IdentifyEmail Identify = "email"
)

// Profile is who issues the badges.
type Profile struct {
	Name  string `yaml:"name"`
	URL   string `yaml:"url"`
	Email string `yaml:"email,omitempty"`
	// DIDWeb is the did:web id, or empty for a did:key id.
	DIDWeb string `yaml:"did_web,omitempty"`
	// Identify is how credentials identify the learner.
	Identify Identify `yaml:"identify"`
}

// Key is the public half of one signing key.
type Key struct {
	// ID is the key's publicKeyMultibase ("z6Mk...").
	ID      string    `yaml:"id"`
	Created time.Time `yaml:"created"`
	// Retired is when a newer key replaced it; zero for the current key.
	Retired time.Time `yaml:"retired,omitempty"`
}

// Public is the key's public half.
func (k Key) Public() (ed25519.PublicKey, error) { return ParsePublicKeyMultibase(k.ID) }

// Issuer is a loaded issuer: its profile, its keys, and the current
// private key.
type Issuer struct {
	Dir     string
	Profile Profile
	// Keys lists every key, oldest first; the last is the current one.
	Keys    []Key
	private ed25519.PrivateKey
}

// Check checks a profile as given to issuer init.
func (p Profile) Check() error {
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("the issuer needs a name (--name \"Example Council\")")
	}
	u, err := url.Parse(p.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("the issuer's address %q must be an https:// web address, such as https://www.example-council.gov.uk", p.URL)
	}
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " \t\r\n")) {
		return fmt.Errorf("%q is not an email address", p.Email)
	}
	if p.DIDWeb != "" && !strings.HasPrefix(p.DIDWeb, methodWeb) {
		return fmt.Errorf("%q is not a did:web", p.DIDWeb)
	}
	switch p.Identify {
	case IdentifyName, IdentifyEmail:
	default:
		return fmt.Errorf("identify learners by %q: use name or email", p.Identify)
	}
	return nil
}

// Current is the key new credentials are signed with.
func (is *Issuer) Current() Key { return is.Keys[len(is.Keys)-1] }

// ID is the issuer's DID: its did:web, else the did:key of the current
// key. A did:key issuer's id changes when the key is rotated.
func (is *Issuer) ID() string {
	if is.Profile.DIDWeb != "" {
		return is.Profile.DIDWeb
	}
	return methodKey + is.Current().ID
}

// VerificationMethod is the id of the current key as credentials name it.
func (is *Issuer) VerificationMethod() string { return is.ID() + "#" + is.Current().ID }

// Sign signs message with the current key.
func (is *Issuer) Sign(message []byte) []byte { return ed25519.Sign(is.private, message) }

// SigningKey is the current private key, for JOSE signing. Never print
// or store it.
func (is *Issuer) SigningKey() ed25519.PrivateKey { return is.private }

// Document is the issuer's DID document for a did:web, listing every key,
// retired ones too, so that old credentials still verify.
func (is *Issuer) Document() Document {
	did := is.ID()
	doc := Document{Context: DocumentContexts, ID: did, VerificationMethod: []VerificationMethod{}, AssertionMethod: []string{}}
	for _, k := range is.Keys {
		vm := did + "#" + k.ID
		doc.VerificationMethod = append(doc.VerificationMethod, VerificationMethod{ID: vm, Type: "Multikey", Controller: did, PublicKeyMultibase: k.ID})
		doc.AssertionMethod = append(doc.AssertionMethod, vm)
	}
	return doc
}

// Owns reports whether the verification method vm is one of this
// issuer's keys, current or retired, and which.
func (is *Issuer) Owns(vm string) (Key, bool) {
	did, id, _ := strings.Cut(vm, "#")
	for _, k := range is.Keys {
		if k.ID != id {
			continue
		}
		if did == is.Profile.DIDWeb || did == methodKey+k.ID {
			return k, true
		}
	}
	return Key{}, false
}

// Resolver resolves this issuer's keys, and any did:key.
func (is *Issuer) Resolver() Resolver {
	r := Resolver{Web: map[string]Document{}}
	if is.Profile.DIDWeb != "" {
		r.Web[is.Profile.DIDWeb] = is.Document()
	}
	return r
}

// newKey makes a fresh Ed25519 key.
func newKey(now time.Time) (Key, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Key{}, nil, fmt.Errorf("make a signing key: %w", err)
	}
	return Key{ID: PublicKeyMultibase(pub), Created: now.UTC().Truncate(time.Second)}, priv, nil
}
