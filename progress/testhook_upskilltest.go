//go:build upskilltest

package progress

// SetInTxHook sets a function to run inside write transactions just
// before they commit ("put-pack": storing an imported pack). It exists
// only in builds with the upskilltest tag, for tests that kill the
// process while a transaction is open; release builds have no way to set
// it.
func SetInTxHook(f func(point string)) { inTxHook = f }
