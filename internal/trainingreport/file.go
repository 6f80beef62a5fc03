package trainingreport

import (
	"fmt"
	"io"
	"os"
)

// FileMode is the mode of report files: they name people and their
// training, so only their owner may read them.
const FileMode = 0o600

// WriteFile writes a report to path with write, readable by its owner
// only; an existing file keeps no wider mode.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, FileMode)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := f.Chmod(FileMode); err != nil { // an existing file keeps its mode
		f.Close()
		return fmt.Errorf("write report: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
