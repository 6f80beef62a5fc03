package progress

import (
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole progress file to w, made
// inside one read transaction: learners may go on answering while it is
// written, and the copy is the file as it was when Backup began. The
// copy opens with Open like the original.
func (s *Store) Backup(w io.Writer) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("back up progress file: %w", err)
	}
	return nil
}
