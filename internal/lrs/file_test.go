package lrs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func noEnv(string) string { return "" }

func TestLoadSettingsFromFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "lrs.yaml"), "endpoint: https://lrs.example/xAPI\nhomepage: https://learning.council.example\nkey: upskill\nsecret_file: lrs.secret\n", 0o644)
	writeFile(t, filepath.Join(dir, "lrs.secret"), testSecret+"\n", 0o600)
	s, ok, err := LoadSettings(dir, noEnv)
	if err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	if s.LRS.Endpoint != "https://lrs.example/xAPI" || s.LRS.Key != "upskill" || s.LRS.Secret != testSecret || s.HomePage != "https://learning.council.example" {
		t.Errorf("settings %v home %s", s.LRS, s.HomePage)
	}
	// The environment overrides the file.
	env := map[string]string{EnvEndpoint: "http://127.0.0.1:9/xAPI", EnvKey: "other", EnvSecret: "from-env", EnvHomePage: "https://other.example"}
	s, ok, err = LoadSettings(dir, func(k string) string { return env[k] })
	if err != nil || !ok || s.LRS.Endpoint != env[EnvEndpoint] || s.LRS.Key != "other" || s.LRS.Secret != "from-env" || s.HomePage != env[EnvHomePage] {
		t.Errorf("with the environment: %v %s %v %v", s.LRS, s.HomePage, ok, err)
	}
}

func TestLoadSettingsFromConfigSection(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "theme: dark\nlrs:\n  endpoint: https://lrs.example/xAPI\n  homepage: https://learning.council.example\n  key: k\n", 0o644)
	s, ok, err := LoadSettings(dir, func(k string) string { return map[string]string{EnvSecret: "x"}[k] })
	if err != nil || !ok || s.LRS.Endpoint != "https://lrs.example/xAPI" {
		t.Fatalf("%v %v %v", s.LRS, ok, err)
	}
}

func TestNoSettingsIsNotConfigured(t *testing.T) {
	_, ok, err := LoadSettings(t.TempDir(), noEnv)
	if ok || err != nil {
		t.Errorf("an empty folder: configured %v, %v", ok, err)
	}
}

// TestSecretFileMustBePrivate: a secret file others can read is refused,
// with how to fix it, and the secret is never in the error.
func TestSecretFileMustBePrivate(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "lrs.yaml"), "endpoint: https://lrs.example/xAPI\nhomepage: https://learning.council.example\nkey: k\nsecret_file: lrs.secret\n", 0o644)
	writeFile(t, filepath.Join(dir, "lrs.secret"), testSecret, 0o644)
	_, _, err := LoadSettings(dir, noEnv)
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a secret file of mode 0644: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), testSecret) {
		t.Errorf("the secret is shown: %v", err)
	}
}

func TestBadSettingsRefused(t *testing.T) {
	for name, text := range map[string]string{
		"unknown field":     "endpoint: https://lrs.example/xAPI\nhomepage: https://h.example\nkey: k\npassword: " + testSecret + "\n",
		"bad endpoint":      "endpoint: lrs.example\nhomepage: https://h.example\nkey: k\n",
		"no homepage":       "endpoint: https://lrs.example/xAPI\nkey: k\n",
		"bad homepage":      "endpoint: https://lrs.example/xAPI\nhomepage: council\nkey: k\n",
		"credentials in it": "endpoint: https://k:" + testSecret + "@lrs.example/xAPI\nhomepage: https://h.example\nkey: k\n",
		"not YAML":          "endpoint: [\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "lrs.yaml"), text, 0o600)
			_, _, err := LoadSettings(dir, func(k string) string { return map[string]string{EnvSecret: "x"}[k] })
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("the secret is shown: %v", err)
			}
		})
	}
}
