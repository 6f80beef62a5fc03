package badge

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/upskill-council/upskill/internal/badgeissuer"
)

// envNodeModules points the independent verifier at its npm packages.
const envNodeModules = "BADGES_NODE_MODULES"

const nodeSetup = "run scripts/setup (it installs @digitalbazaar/vc 7.3.0, its eddsa-rdfc-2022 suite, did-method-key and jose " +
	"into ~/.cache/upskill-ci/badges), or set " + envNodeModules

// nodeVerdict is one line of scripts/verify-badge.mjs.
type nodeVerdict struct {
	File     string `json:"file"`
	Verified bool   `json:"verified"`
	Error    string `json:"error"`
}

// nodeVerify runs the independent verifier on files; it fails the test,
// never skips it, when Node or the packages are missing.
func nodeVerify(t *testing.T, didJSON string, files ...string) map[string]nodeVerdict {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("the independent verifier needs Node.js: %v; %s", err, nodeSetup)
	}
	modules := os.Getenv(envNodeModules)
	if modules == "" {
		home, _ := os.UserHomeDir()
		modules = filepath.Join(home, ".cache", "upskill-ci", "badges", "node_modules")
	}
	for _, need := range []string{"@digitalbazaar/vc", "@digitalbazaar/eddsa-rdfc-2022-cryptosuite", "@digitalbazaar/did-method-key", "jose"} {
		if _, err := os.Stat(filepath.Join(modules, need)); err != nil {
			t.Fatalf("the independent verifier needs %s: %v; %s", need, err, nodeSetup)
		}
	}
	args := []string{filepath.Join("..", "..", "scripts", "verify-badge.mjs")}
	if didJSON != "" {
		args = append(args, "--did-json", didJSON)
	}
	cmd := exec.Command("node", append(args, files...)...)
	cmd.Env = append(os.Environ(), envNodeModules+"="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("verify-badge.mjs: %v\n%s", err, stderr.String())
	}
	verdicts := map[string]nodeVerdict{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var v nodeVerdict
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("verify-badge.mjs printed %q: %v", line, err)
		}
		verdicts[v.File] = v
	}
	if len(verdicts) != len(files) {
		t.Fatalf("verify-badge.mjs answered for %d of %d files:\n%s", len(verdicts), len(files), out)
	}
	return verdicts
}

// edit decodes a signed JSON credential, changes it and encodes it again.
func edit(t *testing.T, signed []byte, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(signed, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func obj(doc map[string]any, path ...string) map[string]any {
	for _, p := range path {
		doc = doc[p].(map[string]any)
	}
	return doc
}

func proofOf(doc map[string]any) map[string]any { return doc["proof"].([]any)[0].(map[string]any) }

// TestIndependentVerifier has Digital Bazaar's verifier (JSON) and the
// npm jose library (JWT) check Upskill's credentials: ours verify, and
// any change to a field, the key or the proof does not.
func TestIndependentVerifier(t *testing.T) {
	is := testIssuer(t, "", badgeissuer.IdentifyEmail)
	other := testIssuer(t, "", badgeissuer.IdentifyName)
	good := signed(t, is, testAward(t, "ada@example.org"), FormatJSON)
	jwt := signed(t, is, testAward(t, ""), FormatJWT)
	otherJSON := signed(t, other, testAward(t, ""), FormatJSON)

	cases := map[string][]byte{
		"ours.json":        good,
		"ours.jwt":         jwt,
		"name.json":        edit(t, good, func(d map[string]any) { d["name"] = "Safe offline" }),
		"issuer-name.json": edit(t, good, func(d map[string]any) { obj(d, "issuer")["name"] = "Another Council" }),
		"valid-from.json":  edit(t, good, func(d map[string]any) { d["validFrom"] = "2025-03-02T10:30:00Z" }),
		"narrative.json": edit(t, good, func(d map[string]any) {
			obj(d, "credentialSubject", "achievement", "criteria")["narrative"] = "Nothing at all"
		}),
		"identity.json": edit(t, good, func(d map[string]any) {
			obj(d, "credentialSubject")["identifier"].([]any)[0].(map[string]any)["identityHash"] = "sha256$00"
		}),
		"proof-value.json": edit(t, good, func(d map[string]any) {
			p := proofOf(d)
			v := p["proofValue"].(string)
			p["proofValue"] = v[:len(v)-2] + flip(v[len(v)-2:])
		}),
		"proof-created.json": edit(t, good, func(d map[string]any) { proofOf(d)["created"] = "2026-06-02T09:00:00Z" }),
		"key.json": edit(t, good, func(d map[string]any) {
			// The other issuer's key, named as this issuer's.
			o := edit(t, otherJSON, func(map[string]any) {})
			var od map[string]any
			_ = json.Unmarshal(o, &od)
			vm := proofOf(od)["verificationMethod"].(string)
			obj(d, "issuer")["id"] = strings.Split(vm, "#")[0]
			proofOf(d)["verificationMethod"] = vm
		}),
		"jwt-payload.jwt": tamperJWT(t, jwt),
	}
	dir := t.TempDir()
	var files []string
	for name, data := range cases {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	verdicts := nodeVerify(t, "", files...)
	for name, data := range cases {
		want := strings.HasPrefix(name, "ours.")
		v := verdicts[filepath.Join(dir, name)]
		if v.Verified != want {
			t.Errorf("%s: independent verifier says verified=%v (%s), want %v", name, v.Verified, v.Error, want)
		}
		if _, err := Verify(data, is.Resolver(), now); (err == nil) != want {
			t.Errorf("%s: our verifier says %v, want verified=%v", name, err, want)
		}
	}
}

// TestIndependentVerifierDIDWeb checks a did:web credential with the
// did.json the issuer publishes, before and after a key rotation.
func TestIndependentVerifierDIDWeb(t *testing.T) {
	is := testIssuer(t, "www.example-council.gov.uk", badgeissuer.IdentifyName)
	before := writeTemp(t, "before.json", signed(t, is, testAward(t, ""), FormatJSON))
	if err := is.Rotate(now); err != nil {
		t.Fatal(err)
	}
	after := writeTemp(t, "after.json", signed(t, is, testAward(t, ""), FormatJSON))
	verdicts := nodeVerify(t, filepath.Join(is.Dir, badgeissuer.DocumentFile), before, after)
	for _, f := range []string{before, after} {
		if !verdicts[f].Verified {
			t.Errorf("%s: not verified by the independent verifier with the published did.json: %s", filepath.Base(f), verdicts[f].Error)
		}
	}
}

// tamperJWT changes the JWT's payload and keeps its signature.
func tamperJWT(t *testing.T, jwt []byte) []byte {
	t.Helper()
	parts := strings.Split(strings.TrimSpace(string(jwt)), ".")
	body, err := b64.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	body = bytes.Replace(body, []byte("Safe online"), []byte("Safe offline"), 1)
	parts[1] = b64.EncodeToString(body)
	return []byte(strings.Join(parts, "."))
}

// b64 is the base64url of JWTs.
var b64 = base64.RawURLEncoding

// flip changes the characters of a base58 string to others.
func flip(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c == 'z' {
			out[i] = 'y'
		} else {
			out[i] = 'z'
		}
	}
	return string(out)
}
