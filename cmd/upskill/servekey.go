package main

import (
	"fmt"
	"io"
	"os"

	"github.com/upskill-council/upskill/internal/accounts"
)

// readKeyFile reads and checks a public key file.
func readKeyFile(path string) (accounts.PublicKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("read the key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("read the key %s: %w", path, err)
	}
	key, err := accounts.ParseKey(data)
	if err != nil {
		return accounts.PublicKey{}, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}
