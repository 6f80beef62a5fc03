package packfs

// SetTestHook sets the hook that runs while a folder pack is read, for
// tests in package packfs_test; it returns a function that removes it.
func SetTestHook(f func(point, name string)) (restore func()) {
	testHook = f
	return func() { testHook = nil }
}
