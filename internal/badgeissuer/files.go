package badgeissuer

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// ErrNoIssuer is returned by Load when no issuer has been set up.
var ErrNoIssuer = errors.New("no badge issuer is set up: run upskill issuer init --name \"Example Council\" --url https://www.example-council.gov.uk")

// ErrIssuerExists is returned by Init when the folder already holds an
// issuer.
var ErrIssuerExists = errors.New("an issuer is already set up here: use upskill issuer show, or issuer rotate for a new key")

// The files of an issuer folder.
const (
	profileFile  = "issuer.yaml"
	keysDir      = "keys"
	DocumentFile = "did.json" // with a did:web: the DID document to publish
)

// EnvDir is the environment variable that, when set, names the issuer
// folder instead of DirBeside's.
const EnvDir = "UPSKILL_ISSUER_DIR"

// DirFor is the issuer folder for a progress file: $UPSKILL_ISSUER_DIR,
// else DirBeside. The command line, the Badges screen and the server all
// find it here.
func DirFor(progressFile string) string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	return DirBeside(progressFile)
}

// DirBeside is the issuer folder for a progress file: "issuer" in the
// same folder, outside the progress file itself.
func DirBeside(progressFile string) string {
	return filepath.Join(filepath.Dir(progressFile), "issuer")
}

// fileRecord is issuer.yaml.
type fileRecord struct {
	Profile `yaml:",inline"`
	Keys    []Key `yaml:"keys"`
}

// Init sets up a new issuer in dir with a fresh key, and, for a did:web,
// writes did.json. It refuses a folder that already holds one.
func Init(dir string, p Profile, now time.Time) (*Issuer, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, profileFile)); err == nil {
		return nil, ErrIssuerExists
	}
	if err := os.MkdirAll(filepath.Join(dir, keysDir), 0o700); err != nil {
		return nil, fmt.Errorf("make the issuer folder: %w", err)
	}
	key, priv, err := newKey(now)
	if err != nil {
		return nil, err
	}
	is := &Issuer{Dir: dir, Profile: p, Keys: []Key{key}, private: priv}
	if err := writePrivate(dir, key.ID, priv); err != nil {
		return nil, err
	}
	if err := is.save(); err != nil {
		return nil, err
	}
	return is, nil
}

// Load reads the issuer in dir, with its current private key.
func Load(dir string) (*Issuer, error) {
	data, err := os.ReadFile(filepath.Join(dir, profileFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoIssuer
	}
	if err != nil {
		return nil, fmt.Errorf("read the issuer: %w", err)
	}
	var rec fileRecord
	if err := yaml.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, profileFile), err)
	}
	if err := rec.Profile.Check(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, profileFile), err)
	}
	if len(rec.Keys) == 0 {
		return nil, fmt.Errorf("%s lists no keys", filepath.Join(dir, profileFile))
	}
	for _, k := range rec.Keys {
		if _, err := k.Public(); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, profileFile), err)
		}
	}
	is := &Issuer{Dir: dir, Profile: rec.Profile, Keys: rec.Keys}
	if is.private, err = readPrivate(dir, is.Current().ID); err != nil {
		return nil, err
	}
	return is, nil
}

// Rotate makes a new current key. The old key's public half stays listed
// (and in did.json), so what it signed still verifies; its private half
// is deleted.
func (is *Issuer) Rotate(now time.Time) error {
	old := is.Current().ID
	key, priv, err := newKey(now)
	if err != nil {
		return err
	}
	if err := writePrivate(is.Dir, key.ID, priv); err != nil {
		return err
	}
	keys := append([]Key{}, is.Keys...)
	keys[len(keys)-1].Retired = key.Created
	next := &Issuer{Dir: is.Dir, Profile: is.Profile, Keys: append(keys, key), private: priv}
	if err := next.save(); err != nil {
		return err
	}
	*is = *next
	if err := os.Remove(privatePath(is.Dir, old)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete the old private key: %w", err)
	}
	return nil
}

// save writes issuer.yaml and, for a did:web, did.json.
func (is *Issuer) save() error {
	data, err := yaml.Marshal(fileRecord{Profile: is.Profile, Keys: is.Keys})
	if err != nil {
		return fmt.Errorf("write the issuer: %w", err)
	}
	if err := writeFile(filepath.Join(is.Dir, profileFile), data, 0o600); err != nil {
		return err
	}
	if is.Profile.DIDWeb == "" {
		return nil
	}
	doc, err := json.MarshalIndent(is.Document(), "", "  ")
	if err != nil {
		return fmt.Errorf("write did.json: %w", err)
	}
	return writeFile(filepath.Join(is.Dir, DocumentFile), append(doc, '\n'), 0o644)
}

func privatePath(dir, id string) string { return filepath.Join(dir, keysDir, id+".pem") }

// writePrivate stores a private key, readable by its owner only.
func writePrivate(dir, id string, priv ed25519.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return fmt.Errorf("encode the signing key: %w", err)
	}
	return writeFile(privatePath(dir, id), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// readPrivate reads the private key id and checks it matches its id.
func readPrivate(dir, id string) (ed25519.PrivateKey, error) {
	path := privatePath(dir, id)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the signing key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("%s is not a PEM private key", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok || PublicKeyMultibase(priv.Public().(ed25519.PublicKey)) != id {
		return nil, fmt.Errorf("%s is not the Ed25519 key %s that issuer.yaml names", path, id)
	}
	return priv, nil
}

// writeFile writes data to path through a temporary file, so a crash
// leaves the old file or the new, with mode perm.
func writeFile(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
