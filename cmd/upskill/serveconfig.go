package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/upskill-council/upskill/internal/accounts"
	"github.com/upskill-council/upskill/internal/lrs"
	"github.com/upskill-council/upskill/progress"
)

// maxConfigBytes bounds a config file: a real one is under 4 KiB.
const maxConfigBytes = 1 << 20

// serveConfig is the file `upskill serve --config PATH` reads
// (docs/upskill-serve.yaml is an example). Every field is optional; a flag
// given on the command line overrides it.
type serveConfig struct {
	Listen    string `yaml:"listen"`
	DB        string `yaml:"db"`
	HostKey   string `yaml:"host_key"`
	LogFormat string `yaml:"log_format"`
	// TimeZone is where learners with no zone of their own count their
	// days: an IANA name; absent means the machine's.
	TimeZone string `yaml:"time_zone"`
	// PublicAddress is what staff type to reach the server, HOST or
	// HOST:PORT, shown in the commands it tells people to run.
	PublicAddress string `yaml:"public_address"`
	// AdminKeys are the first admins' keys: paths of public key files, or
	// authorized_keys lines. They are enrolled only while no learner is
	// an admin.
	AdminKeys []string    `yaml:"admin_keys"`
	Limits    limitConfig `yaml:"limits"`
	// LRS is the learning record store the server sends statements to:
	// the same settings as the laptop's lrs.yaml (a relative secret_file
	// is beside this file); UPSKILL_LRS_* override them. Absent means the
	// settings of $XDG_CONFIG_HOME/upskill, as on a laptop.
	LRS *lrs.FileSettings `yaml:"lrs"`
}

// limitConfig is server.Limits as the file writes it; a field left out
// takes its default.
type limitConfig struct {
	MaxSessions       *int           `yaml:"max_sessions"`
	IdleTimeout       *time.Duration `yaml:"idle_timeout"`
	IdleWarning       *time.Duration `yaml:"idle_warning"`
	ConnectsPerMinute *int           `yaml:"connects_per_minute"`
	MaxAuthTries      *int           `yaml:"max_auth_tries"`
	HandshakeTimeout  *time.Duration `yaml:"handshake_timeout"`
	MaxWidth          *int           `yaml:"max_width"`
	MaxHeight         *int           `yaml:"max_height"`
	InputRate         *int           `yaml:"input_rate"`
	InputBurst        *int           `yaml:"input_burst"`
	EnrolTries        *int           `yaml:"enrol_tries"`
	TakeoverWait      *time.Duration `yaml:"takeover_wait"`
}

// configError is a problem with a config file, at a line when known.
type configError struct {
	path string
	line int
	msg  string
}

func (e *configError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.path, e.line, e.msg)
	}
	return fmt.Sprintf("%s: %s", e.path, e.msg)
}

// yamlLine finds "line N: " in yaml's messages.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// loadServeConfig reads and checks a config file strictly: an unknown key,
// a value of the wrong type, a bad duration, a negative limit, an unknown
// log format or time zone are refused with the file and line.
func loadServeConfig(path string) (serveConfig, *yaml.Node, error) {
	var cfg serveConfig
	f, err := os.Open(path)
	if err != nil {
		return cfg, nil, fmt.Errorf("read the config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return cfg, nil, fmt.Errorf("read the config %s: %w", path, err)
	}
	if len(data) > maxConfigBytes {
		return cfg, nil, &configError{path: path, msg: fmt.Sprintf("over %d bytes: is this the config file?", maxConfigBytes)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, nil, yamlError(path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, nil, yamlError(path, err)
	}
	if err := cfg.check(path, &root); err != nil {
		return cfg, nil, err
	}
	if err := checkConfigMode(path, f, cfg); err != nil {
		return cfg, nil, err
	}
	return cfg, &root, nil
}

// yamlError turns yaml's errors into path:line errors.
func yamlError(path string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var out []error
	for _, m := range msgs {
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			n, _ := strconv.Atoi(sub[1])
			out = append(out, &configError{path: path, line: n, msg: sub[2]})
			continue
		}
		out = append(out, &configError{path: path, msg: strings.TrimPrefix(m, "yaml: ")})
	}
	return errors.Join(out...)
}

// keyLine finds the line of a key in the document, for errors; 0 if absent.
func keyLine(root *yaml.Node, keys ...string) int {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line, next = n.Content[i].Line, n.Content[i+1]
			}
		}
		n = next
	}
	return line
}

// check refuses values that parse but make no sense.
func (c serveConfig) check(path string, root *yaml.Node) error {
	bad := func(msg string, keys ...string) error {
		return &configError{path: path, line: keyLine(root, keys...), msg: msg}
	}
	if c.LogFormat != "" && c.LogFormat != "text" && c.LogFormat != "json" {
		return bad(fmt.Sprintf("log_format %q: want text or json", c.LogFormat), "log_format")
	}
	if err := checkPublicAddress(c.PublicAddress); err != nil {
		return bad("public_address: "+err.Error(), "public_address")
	}
	if c.TimeZone != "" {
		if _, err := progress.LoadTimeZone(c.TimeZone); err != nil {
			return bad(fmt.Sprintf("time_zone %q is not a time zone: give an IANA name such as Europe/London", c.TimeZone), "time_zone")
		}
	}
	l := c.Limits
	for name, v := range map[string]*int{"max_sessions": l.MaxSessions, "connects_per_minute": l.ConnectsPerMinute,
		"max_auth_tries": l.MaxAuthTries, "max_width": l.MaxWidth, "max_height": l.MaxHeight, "input_rate": l.InputRate,
		"input_burst": l.InputBurst, "enrol_tries": l.EnrolTries} {
		if v != nil && *v <= 0 {
			return bad(fmt.Sprintf("limits.%s must be more than 0", name), "limits", name)
		}
	}
	for name, v := range map[string]*time.Duration{"idle_timeout": l.IdleTimeout, "idle_warning": l.IdleWarning,
		"handshake_timeout": l.HandshakeTimeout, "takeover_wait": l.TakeoverWait} {
		if v != nil && *v <= 0 {
			return bad(fmt.Sprintf("limits.%s must be a duration more than 0, such as 30m or 90s", name), "limits", name)
		}
	}
	if l.IdleTimeout != nil && l.IdleWarning != nil && *l.IdleWarning >= *l.IdleTimeout {
		return bad("limits.idle_warning must be shorter than idle_timeout", "limits", "idle_warning")
	}
	for i, k := range c.AdminKeys {
		if strings.TrimSpace(k) == "" {
			return &configError{path: path, line: itemLine(root, i, "admin_keys"), msg: "admin_keys has an empty entry"}
		}
	}
	return nil
}

// itemLine is the line of item i of the list under keys.
func itemLine(root *yaml.Node, i int, keys ...string) int {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for j := 0; j+1 < len(n.Content); j += 2 {
			if n.Content[j].Value == k {
				next = n.Content[j+1]
			}
		}
		n = next
	}
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return keyLine(root, keys...)
	}
	return n.Content[i].Line
}

// checkConfigMode refuses a config file that anyone on the machine may
// change when it names admin keys: whoever edits it could make themselves
// an admin. (Windows has no such mode bits; there, set the file's ACL.)
func checkConfigMode(path string, f *os.File, c serveConfig) error {
	if runtime.GOOS == "windows" || len(c.AdminKeys) == 0 {
		return nil
	}
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read the config %s: %w", path, err)
	}
	if info.Mode().Perm()&0o002 != 0 {
		return &configError{path: path, msg: fmt.Sprintf("anyone on this machine may change it (mode %v), and it names admin keys: chmod o-w %s", info.Mode().Perm(), path)}
	}
	return nil
}

// apply sets what the file gives in so, except where a flag was given
// (changed reports that), and in the limits, where flags are checked the
// same way.
func (c serveConfig) apply(so *serveOptions, changed func(flag string) bool) {
	str := func(flag string, dst *string, v string) {
		if v != "" && !changed(flag) {
			*dst = v
		}
	}
	str("listen", &so.listen, c.Listen)
	str("host-key", &so.hostKey, c.HostKey)
	str("log-format", &so.logFormat, c.LogFormat)
	str("time-zone", &so.timeZone, c.TimeZone)
	str("public-address", &so.publicAddress, c.PublicAddress)
	if len(c.AdminKeys) > 0 && !changed("admin-key") {
		so.adminKeys = c.AdminKeys
	}
	num := func(flag string, dst *int, v *int) {
		if v != nil && (flag == "" || !changed(flag)) {
			*dst = *v
		}
	}
	dur := func(flag string, dst *time.Duration, v *time.Duration) {
		if v != nil && (flag == "" || !changed(flag)) {
			*dst = *v
		}
	}
	l, dst := c.Limits, &so.limits
	num("max-sessions", &dst.MaxSessions, l.MaxSessions)
	dur("idle-timeout", &dst.IdleTimeout, l.IdleTimeout)
	dur("idle-warning", &dst.IdleWarning, l.IdleWarning)
	num("connects-per-minute", &dst.ConnectsPerMinute, l.ConnectsPerMinute)
	num("max-auth-tries", &dst.MaxAuthTries, l.MaxAuthTries)
	dur("", &dst.HandshakeTimeout, l.HandshakeTimeout)
	num("", &dst.MaxWidth, l.MaxWidth)
	num("", &dst.MaxHeight, l.MaxHeight)
	num("input-rate", &dst.InputRate, l.InputRate)
	num("", &dst.InputBurst, l.InputBurst)
	num("", &dst.EnrolTries, l.EnrolTries)
	dur("", &dst.TakeoverWait, l.TakeoverWait)
}

// readAdminKey reads one entry of admin_keys or --admin-key: an
// authorized_keys line, or the path of a public key file.
func readAdminKey(entry string) (accounts.PublicKey, error) {
	entry = strings.TrimSpace(entry)
	if looksLikeKeyLine(entry) {
		return accounts.ParseKey([]byte(entry))
	}
	return readKeyFile(entry)
}

// looksLikeKeyLine reports whether s is written as an authorized_keys
// line (a key type, a space, base64) rather than a path.
func looksLikeKeyLine(s string) bool {
	typ, rest, ok := strings.Cut(s, " ")
	return ok && rest != "" && (strings.HasPrefix(typ, "ssh-") || strings.HasPrefix(typ, "ecdsa-") || strings.HasPrefix(typ, "sk-"))
}
