//go:build !windows

package main

import (
	"strings"
	"testing"
)

// TestServeConfigWorldWritableWithAdminKeys: a file anyone may change that
// names admin keys is refused; without admin keys it is read.
func TestServeConfigWorldWritableWithAdminKeys(t *testing.T) {
	if _, _, err := loadServeConfig(writeConfig(t, fullConfig, 0o666)); err == nil || !strings.Contains(err.Error(), "chmod o-w") {
		t.Errorf("a world-writable config with admin keys: %v", err)
	}
	if _, _, err := loadServeConfig(writeConfig(t, "listen: :2222\n", 0o666)); err != nil {
		t.Errorf("a world-writable config without admin keys: %v", err)
	}
}
