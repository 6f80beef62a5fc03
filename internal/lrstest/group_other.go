//go:build !unix

package lrstest

import "os/exec"

// ownGroup does nothing where there are no process groups.
func ownGroup(*exec.Cmd) {}

// killGroup stops cmd's process.
func killGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
