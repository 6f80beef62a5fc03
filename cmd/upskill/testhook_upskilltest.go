//go:build upskilltest

package main

import (
	"os"
	"time"

	"github.com/upskill-council/upskill/progress"
)

// pauseInTxEnv names a file: a binary built with the upskilltest tag, when
// it reaches the end of a write transaction that stores a pack, creates
// that file and waits, with the transaction still open, for the test to
// kill it. Release builds do not compile this file and ignore the
// variable.
const pauseInTxEnv = "UPSKILL_TEST_PAUSE_IN_TX"

// pauseLimit bounds the wait, so that a test that fails to kill the
// process does not leave it behind for ever.
const pauseLimit = time.Minute

func init() {
	signal := os.Getenv(pauseInTxEnv)
	if signal == "" {
		return
	}
	progress.SetInTxHook(func(point string) {
		if point != "put-pack" {
			return
		}
		if err := os.WriteFile(signal, []byte(point), 0o600); err != nil {
			os.Exit(3) // the test sees the exit, never the signal
		}
		time.Sleep(pauseLimit)
	})
}
