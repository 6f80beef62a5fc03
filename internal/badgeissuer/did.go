package badgeissuer

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// The DID methods Upskill issues with and can check offline.
const (
	methodKey = "did:key:"
	methodWeb = "did:web:"
)

// ErrUnknownDIDMethod is returned for an issuer DID whose method Upskill
// cannot resolve offline (only did:key and did:web are known).
var ErrUnknownDIDMethod = errors.New("unknown DID method")

// DIDKey is the did:key of an Ed25519 public key.
func DIDKey(pub ed25519.PublicKey) string { return methodKey + PublicKeyMultibase(pub) }

// domainPattern is a host name as a did:web takes it: letters, digits,
// hyphens and dots, at least one dot.
var domainPattern = regexp.MustCompile(`^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// DIDWeb is the did:web of a domain ("www.example-council.gov.uk"),
// checked; the domain may be given with https:// or a trailing slash.
func DIDWeb(domain string) (string, error) {
	d := strings.ToLower(strings.TrimSpace(domain))
	d = strings.TrimSuffix(strings.TrimPrefix(d, "https://"), "/")
	if !domainPattern.MatchString(d) {
		return "", fmt.Errorf("%q is not a domain name such as www.example-council.gov.uk", domain)
	}
	return methodWeb + d, nil
}

// DIDWebURL is where the DID document of a did:web must be published.
func DIDWebURL(did string) string {
	return "https://" + strings.TrimPrefix(did, methodWeb) + "/.well-known/did.json"
}

// Document is a DID document with Multikey verification methods, as
// published for a did:web (at /.well-known/did.json).
type Document struct {
	Context            []string             `json:"@context"`
	ID                 string               `json:"id"`
	VerificationMethod []VerificationMethod `json:"verificationMethod"`
	AssertionMethod    []string             `json:"assertionMethod"`
}

// VerificationMethod is one public key of a DID document.
type VerificationMethod struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	Controller         string `json:"controller"`
	PublicKeyMultibase string `json:"publicKeyMultibase"`
}

// DocumentContexts are the contexts of a DID document with Multikeys.
var DocumentContexts = []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"}

// ParseDocument reads a did.json, checking that each key is an Ed25519
// Multikey controlled by the document's DID.
func ParseDocument(data []byte) (Document, error) {
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return Document{}, fmt.Errorf("the DID document is not valid JSON: %w", err)
	}
	if !strings.HasPrefix(doc.ID, "did:") {
		return Document{}, fmt.Errorf("the DID document's id %q is not a DID", doc.ID)
	}
	for _, vm := range doc.VerificationMethod {
		if vm.Controller != doc.ID || !strings.HasPrefix(vm.ID, doc.ID+"#") {
			return Document{}, fmt.Errorf("key %q in the DID document does not belong to %s", vm.ID, doc.ID)
		}
		if _, err := ParsePublicKeyMultibase(vm.PublicKeyMultibase); err != nil {
			return Document{}, fmt.Errorf("key %q in the DID document: %w", vm.ID, err)
		}
	}
	return doc, nil
}

// Resolver finds the public key of a verification method ("did:...#..."),
// offline: did:key from the DID itself, did:web from the DID documents it
// was given (the local issuer's, or a did.json the verifier saved).
type Resolver struct {
	// Web holds the DID documents of did:web issuers, by DID.
	Web map[string]Document
}

// Resolve returns the public key of the verification method vm, and the
// DID that controls it.
func (r Resolver) Resolve(vm string) (ed25519.PublicKey, string, error) {
	did, fragment, ok := strings.Cut(vm, "#")
	if !ok || fragment == "" {
		return nil, "", fmt.Errorf("verification method %q has no key id after #", vm)
	}
	switch {
	case strings.HasPrefix(did, methodKey):
		mb := strings.TrimPrefix(did, methodKey)
		if fragment != mb {
			return nil, "", fmt.Errorf("verification method %q names a key that is not its did:key's", vm)
		}
		pub, err := ParsePublicKeyMultibase(mb)
		if err != nil {
			return nil, "", fmt.Errorf("did:key %q: %w", did, err)
		}
		return pub, did, nil
	case strings.HasPrefix(did, methodWeb):
		doc, ok := r.Web[did]
		if !ok {
			return nil, "", fmt.Errorf("the issuer %s is a did:web, and its did.json is not here: save %s and pass it with --did-json", did, DIDWebURL(did))
		}
		for _, m := range doc.VerificationMethod {
			if m.ID == vm {
				pub, err := ParsePublicKeyMultibase(m.PublicKeyMultibase)
				return pub, did, err
			}
		}
		return nil, "", fmt.Errorf("the key %q is not in the DID document of %s", vm, did)
	default:
		method, _, _ := strings.Cut(strings.TrimPrefix(did, "did:"), ":")
		return nil, "", fmt.Errorf("issuer %q: %w %q: Upskill checks did:key and did:web issuers", did, ErrUnknownDIDMethod, method)
	}
}
