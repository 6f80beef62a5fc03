package progress

// inTxHook, when set, runs inside a write transaction just before it
// commits, with the name of the point reached. Only a build with the
// upskilltest tag can set it (testhook_upskilltest.go): tests use it to
// kill the process while a transaction is open. Release builds never set
// it, so it costs one nil check.
var inTxHook func(point string)

// atTxPoint calls inTxHook, if set.
func atTxPoint(point string) {
	if inTxHook != nil {
		inTxHook(point)
	}
}
