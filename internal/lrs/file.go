package lrs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/upskill-council/upskill/internal/xapi"
)

// The environment variables that override the configuration file. There
// is no command-line flag for any of them: a secret on a command line is
// seen by every user of the machine.
const (
	EnvEndpoint = "UPSKILL_LRS_ENDPOINT"
	EnvHomePage = "UPSKILL_LRS_HOMEPAGE"
	EnvKey      = "UPSKILL_LRS_KEY"
	EnvSecret   = "UPSKILL_LRS_SECRET"
	// EnvBackground turns sending in the background on or off ("on",
	// "off"), over the file's send_in_background.
	EnvBackground = "UPSKILL_LRS_BACKGROUND"
)

// Settings are a council's LRS settings: where to send and the address
// statements are made under.
type Settings struct {
	LRS Config
	// HomePage is the council's address: the actors' account homePage
	// and the base of activity ids.
	HomePage string
	// Source says where the settings came from, for messages.
	Source string
	// Background is whether the programs where learners learn (upskill,
	// upskill serve) send in the background as statements are queued
	// (the default), rather than only when upskill sync runs.
	Background bool
}

// FileSettings are the LRS settings as a file writes them: lrs.yaml, the
// lrs section of config.yaml, or the lrs section of upskill serve's
// configuration.
type FileSettings struct {
	Endpoint   string `yaml:"endpoint"`
	HomePage   string `yaml:"homepage"`
	Key        string `yaml:"key"`
	SecretFile string `yaml:"secret_file"`
	// SendInBackground: absent means true.
	SendInBackground *bool `yaml:"send_in_background"`
}

// DefaultDir is the folder of Upskill's configuration:
// $XDG_CONFIG_HOME/upskill (os.UserConfigDir).
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(dir, "upskill"), nil
}

// LoadSettings reads the LRS settings from dir/lrs.yaml (or the lrs
// section of dir/config.yaml) and the environment (getenv), which
// overrides the file. ok is false when no LRS is configured (no endpoint
// in either). The secret comes from UPSKILL_LRS_SECRET, else from the
// secret_file, which must be readable by its owner only (mode 0600).
func LoadSettings(dir string, getenv func(string) string) (s Settings, ok bool, err error) {
	f, source, err := readFile(dir)
	if err != nil {
		return Settings{}, false, err
	}
	return Resolve(f, dir, source, getenv)
}

// Resolve checks settings read from a file (source names it; dir is the
// folder a relative secret_file is in) under the environment (getenv),
// which overrides the file, as [LoadSettings] does. ok is false when no
// LRS is configured.
func Resolve(f FileSettings, dir, source string, getenv func(string) string) (s Settings, ok bool, err error) {
	s.Source = source
	override := func(v *string, env string) {
		if e := getenv(env); e != "" {
			*v = e
			s.Source = "the environment"
		}
	}
	override(&f.Endpoint, EnvEndpoint)
	override(&f.HomePage, EnvHomePage)
	override(&f.Key, EnvKey)
	if f.Endpoint == "" {
		return Settings{}, false, nil
	}
	s.LRS = Config{Endpoint: f.Endpoint, Key: f.Key}
	s.HomePage = f.HomePage
	if s.Background, err = background(f.SendInBackground, getenv(EnvBackground)); err != nil {
		return Settings{}, false, err
	}
	if secret := getenv(EnvSecret); secret != "" {
		s.LRS.Secret = secret
	} else if f.SecretFile != "" {
		path := f.SecretFile
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		if s.LRS.Secret, err = readSecret(path); err != nil {
			return Settings{}, false, err
		}
	}
	if err := s.LRS.Check(); err != nil {
		return Settings{}, false, fmt.Errorf("%s: %w", s.Source, err)
	}
	if s.HomePage == "" {
		return Settings{}, false, fmt.Errorf("%s: %w: no homepage (the council's address, such as https://learning.council.gov.uk)", s.Source, ErrConfig)
	}
	if err := xapi.CheckHomePage(s.HomePage); err != nil {
		return Settings{}, false, fmt.Errorf("%s: %w", s.Source, err)
	}
	return s, true, nil
}

// background is the send_in_background setting under the environment's
// UPSKILL_LRS_BACKGROUND (on or off); true when neither says.
func background(file *bool, env string) (bool, error) {
	switch strings.ToLower(env) {
	case "":
		return file == nil || *file, nil
	case "on", "true", "1", "yes":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return false, fmt.Errorf("%w: %s=%q: want on or off", ErrConfig, EnvBackground, env)
}

// readFile reads dir/lrs.yaml, else the lrs section of dir/config.yaml;
// neither existing is no settings. Unknown fields are errors, with their
// line.
func readFile(dir string) (FileSettings, string, error) {
	var f FileSettings
	path := filepath.Join(dir, "lrs.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		path = filepath.Join(dir, "config.yaml")
		data, err = os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return f, "", nil
		}
		if err == nil {
			var whole struct {
				LRS yaml.Node `yaml:"lrs"`
			}
			if err := yaml.Unmarshal(data, &whole); err != nil {
				return f, "", fmt.Errorf("%s: %w", path, err)
			}
			if whole.LRS.Kind == 0 {
				return f, "", nil
			}
			out, err := yaml.Marshal(&whole.LRS)
			if err != nil {
				return f, "", fmt.Errorf("%s: %w", path, err)
			}
			data = out
			path += " (lrs section)"
		}
	}
	if err != nil {
		return f, "", fmt.Errorf("read LRS settings: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return f, "", fmt.Errorf("%s: %w: %v", path, ErrConfig, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return f, path, nil
}

// readSecret reads a secret file, which must be a regular file readable
// by its owner only.
func readSecret(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%w: the secret file %s is not a regular file", ErrConfig, path)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("%w: the secret file %s can be read by others (mode %04o); make it private with: chmod 600 %s",
			ErrConfig, path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("secret file: %w", err)
	}
	secret := strings.TrimSpace(string(data))
	if secret == "" {
		return "", fmt.Errorf("%w: the secret file %s is empty", ErrConfig, path)
	}
	return secret, nil
}
