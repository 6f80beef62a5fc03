// Package ld canonicalises Open Badges credentials (JSON-LD) with the
// RDF Dataset Canonicalization algorithm (RDFC-1.0, URDNA2015), loading
// only the contexts embedded in the binary: nothing is ever fetched over
// the network, and a document naming any other context is refused.
//
// The embedded contexts are the W3C Verifiable Credentials 2.0 context
// (credentials-v2.jsonld, from @digitalcredentials/credentials-v2-context
// 1.0.0; LICENSE-credentials-v2.txt) and the Open Badges 3.0.3 context
// (ob-context-3.0.3.json, from 1EdTech's openbadges-specification).
package ld

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/piprate/json-gold/ld"
)

// The context URLs a credential may use.
const (
	CredentialsV2 = "https://www.w3.org/ns/credentials/v2"
	OpenBadges303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
)

//go:embed credentials-v2.jsonld ob-context-3.0.3.json
var files embed.FS

// ErrUnknownContext is returned when a document names a context that is
// not embedded.
var ErrUnknownContext = errors.New("unknown JSON-LD context")

// contexts maps each known context URL to its parsed document.
var contexts = func() map[string]any {
	out := map[string]any{}
	for url, name := range map[string]string{CredentialsV2: "credentials-v2.jsonld", OpenBadges303: "ob-context-3.0.3.json"} {
		data, err := files.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			panic(fmt.Sprintf("embedded context %s: %v", name, err))
		}
		out[url] = doc
	}
	return out
}()

// Loader is a json-gold document loader that serves the embedded contexts
// and refuses everything else.
type Loader struct{}

// LoadDocument implements ld.DocumentLoader.
func (Loader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	doc, ok := contexts[u]
	if !ok {
		return nil, fmt.Errorf("%w %q: Upskill knows %s and %s, and never fetches others", ErrUnknownContext, u, CredentialsV2, OpenBadges303)
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}

// Canonical returns the RDFC-1.0 canonical N-Quads of a JSON-LD document
// (decoded JSON: maps, slices, strings, float64, bool, nil), with
// json-gold's safe mode on. The VC 2.0 context maps terms it does not
// define to its issuer-dependent vocabulary, so every field is signed.
func Canonical(doc any) (string, error) {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = Loader{}
	opts.Algorithm = ld.AlgorithmURDNA2015
	opts.Format = "application/n-quads"
	opts.SafeMode = true
	out, err := ld.NewJsonLdProcessor().Normalize(doc, opts)
	if err != nil {
		return "", fmt.Errorf("canonicalise: %w", err)
	}
	s, ok := out.(string)
	if !ok {
		return "", errors.New("canonicalise: no N-Quads produced")
	}
	return s, nil
}
