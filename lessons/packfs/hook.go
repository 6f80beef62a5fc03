package packfs

// testHook, when a test sets it, runs at named points while a folder pack
// is read ("open" just before a file is opened, "read" just before its
// content is read), so that the test can change the file at the worst
// moment. It is nil outside tests.
var testHook func(point, name string)

// hook runs testHook, if a test has set it.
func hook(point, name string) {
	if testHook != nil {
		testHook(point, name)
	}
}
