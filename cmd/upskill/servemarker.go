package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/upskill-council/upskill/progress"
)

// servingSuffix names the marker `upskill serve` writes beside the
// progress file it holds: upskill.db.serving, holding the listen address.
// It is removed when the server stops; one left by a killed server is
// harmless, since it is read only when the file is locked.
const servingSuffix = ".serving"

// writeServingMarker records that a server listening on addr holds the
// file at dbPath, and returns the function that removes the record.
func writeServingMarker(dbPath, addr string) (func(), error) {
	path := dbPath + servingSuffix
	if err := os.WriteFile(path, []byte(addr+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return func() { _ = os.Remove(path) }, nil
}

// errServing says that a running server holds the progress file: local
// commands on it cannot run, and the same commands over SSH can.
type errServing struct {
	addr string // the server's listen address
	err  error  // the progress.ErrLocked met
}

// Error implements error.
func (e *errServing) Error() string {
	host, port, err := net.SplitHostPort(e.addr)
	if err != nil {
		host, port = "HOST", "2222"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "HOST"
	}
	return fmt.Sprintf("the server is using this file; use ssh -p %s %s … instead (for example: ssh -p %s %s learners list)", port, host, port, host)
}

// Unwrap is the progress.ErrLocked met.
func (e *errServing) Unwrap() error { return e.err }

// explainServing turns a locked-file error on dbPath into errServing
// when a server's marker is beside the file.
func explainServing(err error, dbPath string) error {
	if !errors.Is(err, progress.ErrLocked) {
		return err
	}
	data, rerr := os.ReadFile(dbPath + servingSuffix)
	if rerr != nil {
		return err
	}
	return &errServing{addr: strings.TrimSpace(string(data)), err: err}
}
